"""The registry in the Django admin, for admins provinsi (operators work in /kelola/).

Writes here bypass the services, so the derived fields are recomputed on save and the NIK is
masked in the list.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import FotoProduk, ImporBatch, KlaimUkm, Pendampingan, Produk, Ukm
from .services import ukm_lengkapi


class ProdukInline(admin.TabularInline):
    model = Produk
    extra = 0
    fields = ["nama", "harga", "urutan"]


class PendampinganInline(admin.TabularInline):
    model = Pendampingan
    extra = 0
    fields = ["tanggal", "jenis", "pendamping", "tindak_lanjut"]


@admin.register(Ukm)
class UkmAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pemilik_nama", "nik", "nib", "kelurahan", "pos", "kelas", "status", "verified_at"]
    list_filter = ["kelas", "status", "bidang", "tahap_jakpreneur", "tampil_publik"]
    search_fields = ["nama", "pemilik_nama", "nib"]
    list_select_related = ["kelurahan", "pos"]
    raw_id_fields = ["pemilik"]
    readonly_fields = ["pos", "kelas", "verified_at", "verified_by", "created_at", "updated_at", "created_by"]
    inlines = [ProdukInline, PendampinganInline]

    @admin.display(description=_("NIK"))
    def nik(self, obj: Ukm) -> str:
        return obj.nik_samaran

    def save_model(self, request, obj, form, change):
        ukm_lengkapi(ukm=obj)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A business with history is deactivated, never deleted (status "nonaktif").
        return False


@admin.register(KlaimUkm)
class KlaimUkmAdmin(admin.ModelAdmin):
    list_display = ["ukm", "user", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    raw_id_fields = ["ukm", "user", "decided_by"]


@admin.register(ImporBatch)
class ImporBatchAdmin(admin.ModelAdmin):
    list_display = [
        "nama_berkas",
        "pos",
        "dibuat_oleh",
        "status",
        "jumlah_baru",
        "jumlah_perbarui",
        "jumlah_galat",
        "created_at",
    ]
    list_filter = ["status"]
    exclude = ["rows"]
    readonly_fields = [
        "pos",
        "dibuat_oleh",
        "nama_berkas",
        "format",
        "status",
        "kolom",
        "jumlah_baru",
        "jumlah_perbarui",
        "jumlah_galat",
        "tandai_terverifikasi",
        "committed_at",
    ]


admin.site.register(FotoProduk)
