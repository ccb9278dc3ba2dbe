from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from posyantek.models import (
    Dokumen,
    Inventaris,
    Kabar,
    Kecamatan,
    Kelurahan,
    Kepengurusan,
    Kota,
    LogLayanan,
    Mitra,
    OperatorPos,
    Pengurus,
    Pos,
    Provinsi,
    Undangan,
    UnitKelurahan,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "nama", "is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active"]
    list_filter = ["is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active", "is_staff"]
    search_fields = ["email", "nama"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profil"), {"fields": ["nama", "telepon"]}),
        (
            _("Peran"),
            {"fields": ["is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active", "is_staff", "is_superuser"]},
        ),
        (_("Waktu"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "nama", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        # Deactivating here revokes an open invitation for good, as pengguna_nonaktifkan does.
        if change and "is_active" in form.changed_data and not obj.is_active and not obj.has_usable_password():
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)


class OperatorPosInline(admin.TabularInline):
    model = OperatorPos
    fk_name = "pos"
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Pos)
class PosAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "kecamatan", "is_percontohan"]
    list_filter = ["is_percontohan", "kecamatan__kota"]
    search_fields = ["nama", "kecamatan__nama"]
    inlines = [OperatorPosInline]


@admin.register(Kota)
class KotaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kota"]
    search_fields = ["nama"]


@admin.register(Kelurahan)
class KelurahanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kecamatan", "kode_pos"]
    search_fields = ["nama", "kode_pos"]
    list_select_related = ["kecamatan"]


admin.site.register(Provinsi)


# A post's records: for superusers' occasional repairs only; operators work in /kelola/.


class PengurusInline(admin.TabularInline):
    model = Pengurus
    extra = 0


@admin.register(Kepengurusan)
class KepengurusanAdmin(SimpleHistoryAdmin):
    list_display = ["pos", "mulai", "selesai", "nomor_sk"]
    list_filter = ["pos__kecamatan__kota"]
    list_select_related = ["pos"]
    inlines = [PengurusInline]


@admin.register(Inventaris)
class InventarisAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pos", "jenis", "kondisi", "jumlah"]
    list_filter = ["jenis", "kondisi"]
    list_select_related = ["pos"]
    search_fields = ["nama", "nomor_inventaris"]


@admin.register(LogLayanan)
class LogLayananAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "pos", "jenis", "penerima", "topik"]
    list_filter = ["jenis"]
    list_select_related = ["pos"]
    date_hierarchy = "tanggal"


@admin.register(UnitKelurahan)
class UnitKelurahanAdmin(SimpleHistoryAdmin):
    list_display = ["kelurahan", "pos", "is_aktif"]
    list_select_related = ["pos", "kelurahan"]


@admin.register(Mitra)
class MitraAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "pos", "jenis", "is_aktif"]
    list_filter = ["jenis", "is_aktif"]
    list_select_related = ["pos"]


@admin.register(Dokumen)
class DokumenAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "pos", "kategori", "tanggal"]
    list_filter = ["kategori"]
    list_select_related = ["pos"]
    exclude = ["berkas"]  # private files are handed out only through the post's archive

    def has_add_permission(self, request) -> bool:
        return False  # documents arrive through the archive's upload, which checks the file


@admin.register(Kabar)
class KabarAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "pos", "tanggal", "is_terbit"]
    list_filter = ["is_terbit"]
    list_select_related = ["pos"]


@admin.register(Undangan)
class UndanganAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "dikirim_oleh", "dikirim_pada", "diterima_pada"]
    list_select_related = ["user", "dikirim_oleh"]
    readonly_fields = ["user", "peran", "pos", "dikirim_oleh", "dikirim_pada", "diterima_pada"]
