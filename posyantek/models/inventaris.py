"""The post's equipment: secretariat furniture and IT devices, with their condition."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .pos import Pos, PosScopedQuerySet


class JenisInventaris(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Perabot dan alat sekretariat")
    KOMPUTER = "komputer", _("Komputer atau laptop")
    PRINTER = "printer", _("Printer atau pemindai")
    PROYEKTOR = "proyektor", _("Proyektor dan alat presentasi")
    JARINGAN = "jaringan", _("Jaringan dan internet")
    ALAT_TTG = "alat_ttg", _("Alat peraga TTG")
    LAINNYA = "lainnya", _("Lainnya")


class KondisiInventaris(models.TextChoices):
    BAIK = "baik", _("Baik")
    RUSAK_RINGAN = "rusak_ringan", _("Rusak ringan")
    RUSAK_BERAT = "rusak_berat", _("Rusak berat")
    HILANG = "hilang", _("Hilang")


class Inventaris(models.Model):
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="inventaris_set", verbose_name=_("pos"))
    nama = models.CharField(_("nama barang"), max_length=120)
    jenis = models.CharField(_("jenis"), max_length=16, choices=JenisInventaris.choices)
    merek = models.CharField(_("merek/tipe"), max_length=120, blank=True)
    nomor_inventaris = models.CharField(_("kode inventaris"), max_length=60, blank=True)
    jumlah = models.PositiveIntegerField(
        _("jumlah"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    kondisi = models.CharField(
        _("kondisi"), max_length=16, choices=KondisiInventaris.choices, default=KondisiInventaris.BAIK
    )
    tanggal_perolehan = models.DateField(_("tanggal diperoleh"), null=True, blank=True)
    sumber = models.CharField(
        _("sumber perolehan"), max_length=120, blank=True, help_text=_("Misalnya APBD, hibah, atau swadaya.")
    )
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PosScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["jenis", "nama", "pk"]
        verbose_name = _("inventaris")
        verbose_name_plural = _("inventaris")

    def __str__(self) -> str:
        return self.nama
