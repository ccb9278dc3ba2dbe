from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from posyantek.models import Kecamatan, Kelurahan, Kota, OperatorPos, Pos, Provinsi, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "nama", "is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active"]
    list_filter = ["is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active", "is_staff"]
    search_fields = ["email", "nama"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profil"), {"fields": ["nama", "telepon"]}),
        (_("Peran"), {"fields": ["is_admin_provinsi", "is_juri", "is_pemilik_ukm", "is_active", "is_staff", "is_superuser"]}),
        (_("Waktu"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "nama", "password1", "password2"]})]


class OperatorPosInline(admin.TabularInline):
    model = OperatorPos
    fk_name = "pos"
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Pos)
class PosAdmin(admin.ModelAdmin):
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
