"""The Django admin shows the Lomba read-only: every change goes through the services and their
rules (weights, conflicts of interest, the freeze after final), never around them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lomba.models import JuriPos, Lomba, Nilai, Peserta


class HanyaBaca:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lomba)
class LombaAdmin(HanyaBaca, SimpleHistoryAdmin):
    list_display = ["nama", "tahun", "tingkat", "kategori", "status"]
    list_filter = ["status", "tingkat", "kategori", "tahun"]
    search_fields = ["nama"]


@admin.register(Peserta)
class PesertaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["__str__", "lomba", "peringkat", "nilai_akhir", "is_favorit"]
    list_filter = ["lomba"]
    list_select_related = ["lomba", "pos"]


@admin.register(Nilai)
class NilaiAdmin(HanyaBaca, SimpleHistoryAdmin):
    list_display = ["peserta", "kriteria", "juri", "nilai", "updated_at"]
    list_filter = ["peserta__lomba"]
    list_select_related = ["peserta__pos", "peserta__lomba", "kriteria", "juri"]


@admin.register(JuriPos)
class JuriPosAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["juri", "pos", "keterangan"]
    list_select_related = ["juri", "pos"]
