"""The service log: what the post did for whom, by its four duties (tugas pokok)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pos import Pos, PosScopedQuerySet
from .wilayah import Kelurahan


class JenisLayanan(models.TextChoices):
    TEKNIS = "teknis", _("Layanan teknis")
    INFORMASI = "informasi", _("Informasi")
    PROMOSI = "promosi", _("Promosi")
    ORIENTASI = "orientasi", _("Orientasi TTG")


class LogLayanan(models.Model):
    """One service given. ``penerima`` is who was served (a business or a person), by name only."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="loglayanan_set", verbose_name=_("pos"))
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis layanan"), max_length=12, choices=JenisLayanan.choices)
    petugas = models.CharField(
        _("dilayani oleh"), max_length=150, help_text=_("Nama petugas atau pengurus yang melayani.")
    )
    penerima = models.CharField(
        _("penerima layanan"), max_length=150, help_text=_("Nama UKM, kelompok, atau orang yang dilayani.")
    )
    jumlah_penerima = models.PositiveIntegerField(
        _("jumlah orang"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kelurahan")
    )
    # The records connect (#14): the registered business served and the technology shown, when known.
    # The post's own registry and the technologies it may show only (checked by layanan_buat/ubah).
    ukm = models.ForeignKey(
        "ukm.Ukm", on_delete=models.SET_NULL, null=True, blank=True, related_name="layanan_set", verbose_name=_("UKM")
    )
    teknologi = models.ForeignKey(
        "teknologi.Teknologi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="layanan_set",
        verbose_name=_("teknologi"),
    )
    topik = models.CharField(_("topik atau kebutuhan"), max_length=200)
    catatan = models.TextField(_("catatan"), blank=True, max_length=4000)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PosScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("log layanan")
        verbose_name_plural = _("log layanan")
        indexes = [models.Index(fields=["pos", "tanggal"], name="loglayanan_pos_tanggal")]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.get_jenis_display()}: {self.penerima}"

    def clean(self) -> None:
        if self.tanggal and self.tanggal > timezone.localdate():
            raise ValidationError({"tanggal": _("Tanggal layanan tidak boleh di masa depan.")})
        if self.kelurahan_id and self.pos_id and self.kelurahan.kecamatan_id != self.pos.kecamatan_id:
            raise ValidationError({"kelurahan": _("Pilih kelurahan di kecamatan pos ini.")})
        if self.ukm_id and self.pos_id and self.ukm.pos_id != self.pos_id:
            raise ValidationError({"ukm": _("UKM ini tidak ada di registri pos Anda. Tulis ID registri UKM pos Anda.")})
        if (
            self.teknologi_id
            and self.pos_id
            and not (self.teknologi.status == "terbit" or self.teknologi.diusulkan_pos_id == self.pos_id)
        ):
            raise ValidationError(
                {"teknologi": _("Pilih teknologi dari katalog (yang sudah terbit) atau usulan pos Anda.")}
            )
