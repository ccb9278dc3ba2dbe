"""Django admin for superusers; daily work happens in the portal's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pelatihan.models import (
    AktivitasRelawan,
    Jadwal,
    KeahlianRelawan,
    Pendaftaran,
    PenugasanRelawan,
    Program,
    ProgramTopik,
    Relawan,
    Sertifikat,
    UmpanBalik,
)


class ProgramTopikInline(admin.TabularInline):
    model = ProgramTopik
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "pilar", "pos", "is_aktif"]
    list_filter = ["jenis", "pilar", "is_aktif"]
    search_fields = ["nama"]
    inlines = [ProgramTopikInline]


@admin.register(Jadwal)
class JadwalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "pos", "mode", "kapasitas", "status"]
    list_filter = ["status", "mode", "pos__kecamatan__kota"]
    search_fields = ["judul", "program__nama", "pos__nama"]
    list_select_related = ["pos", "program"]
    raw_id_fields = ["pelatih"]


@admin.register(Pendaftaran)
class PendaftaranAdmin(admin.ModelAdmin):
    list_display = ["nama", "jadwal", "status", "sumber", "hadir", "created_at"]
    list_filter = ["status", "sumber", "hadir"]
    search_fields = ["nama", "user__email"]
    raw_id_fields = ["jadwal", "user", "didaftarkan_oleh", "hadir_dicatat_oleh"]
    list_select_related = ["jadwal__program"]


@admin.register(Sertifikat)
class SertifikatAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "diterbitkan_at"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["pendaftaran"]


@admin.register(UmpanBalik)
class UmpanBalikAdmin(admin.ModelAdmin):
    list_display = ["pendaftaran", "nilai", "created_at"]
    raw_id_fields = ["pendaftaran"]


class KeahlianInline(admin.TabularInline):
    model = KeahlianRelawan
    extra = 0


class PenugasanInline(admin.TabularInline):
    model = PenugasanRelawan
    extra = 0
    fk_name = "relawan"
    raw_id_fields = ["created_by"]


@admin.register(Relawan)
class RelawanAdmin(SimpleHistoryAdmin):
    list_display = ["user", "status", "jenis_keanggotaan", "diajukan_at"]
    list_filter = ["status", "jenis_keanggotaan"]
    search_fields = ["user__email", "user__nama"]
    raw_id_fields = ["user", "diputuskan_oleh"]
    inlines = [KeahlianInline, PenugasanInline]


@admin.register(AktivitasRelawan)
class AktivitasRelawanAdmin(admin.ModelAdmin):
    list_display = ["relawan", "pos", "tanggal", "jam", "jenis", "status"]
    list_filter = ["status", "jenis"]
    raw_id_fields = ["relawan", "jadwal", "dikonfirmasi_oleh"]
