"""Kelurahan units under a kecamatan post (Pergub DKI 78/2021)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .pos import Pos, PosScopedQuerySet
from .wilayah import Kelurahan


class UnitKelurahan(models.Model):
    """A post's unit in one of its kelurahan. The coordinator's phone is for operators only."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="unit_set", verbose_name=_("pos"))
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kelurahan"))
    alamat = models.CharField(_("alamat sekretariat unit"), max_length=255, blank=True)
    koordinator = models.CharField(_("koordinator"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon koordinator"), max_length=20, blank=True)
    nomor_sk = models.CharField(_("nomor SK pembentukan"), max_length=120, blank=True)
    tanggal_dibentuk = models.DateField(_("tanggal dibentuk"), null=True, blank=True)
    is_aktif = models.BooleanField(_("aktif"), default=True)
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PosScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kelurahan__kode"]
        verbose_name = _("unit kelurahan")
        verbose_name_plural = _("unit kelurahan")
        constraints = [
            models.UniqueConstraint(
                fields=["pos", "kelurahan"],
                name="unit_satu_per_kelurahan",
                violation_error_message=_("Kelurahan ini sudah punya unit."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Unit Kelurahan %(nama)s") % {"nama": self.kelurahan.nama})

    def clean(self) -> None:
        if self.kelurahan_id and self.pos_id and self.kelurahan.kecamatan_id != self.pos.kecamatan_id:
            raise ValidationError({"kelurahan": _("Pilih kelurahan di kecamatan pos ini.")})
