"""A post's partners (kemitraan) and what they do together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.uploads import private_storage

from .pos import Pos, PosScopedQuerySet


def mou_path(instance: "Mitra", filename: str) -> str:
    return f"kemitraan/{instance.pos.slug}/{filename}"


class JenisMitra(models.TextChoices):
    PEMERINTAH = "pemerintah", _("Pemerintah")
    PERGURUAN_TINGGI = "perguruan_tinggi", _("Perguruan tinggi")
    LSM = "lsm", _("LSM")
    KOMUNITAS = "komunitas", _("Komunitas")
    SWASTA = "swasta", _("Swasta")
    PERBANKAN = "perbankan", _("Perbankan")


class MitraQuerySet(PosScopedQuerySet):
    def aktif(self) -> "MitraQuerySet":
        return self.filter(is_aktif=True)


class Mitra(models.Model):
    """A partner. Name, kind and the joint work are public; the contact person is for operators."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="mitra_set", verbose_name=_("pos"))
    nama = models.CharField(_("nama mitra"), max_length=150)
    jenis = models.CharField(_("jenis mitra"), max_length=20, choices=JenisMitra.choices)
    kerja_sama = models.TextField(
        _("bentuk kerja sama"),
        max_length=2000,
        help_text=_("Apa yang dikerjakan bersama, misalnya pelatihan pengemasan."),
    )
    kontak_nama = models.CharField(_("nama kontak"), max_length=150, blank=True)
    kontak_telepon = models.CharField(_("telepon kontak"), max_length=20, blank=True)
    kontak_email = models.EmailField(_("e-mail kontak"), blank=True)
    mulai = models.DateField(_("mulai"), null=True, blank=True)
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    is_aktif = models.BooleanField(_("masih berjalan"), default=True)
    # The signed agreement (MoU/PKS): private storage, served only to the post's operators.
    mou = models.FileField(_("berkas MoU"), upload_to=mou_path, storage=private_storage, max_length=255, blank=True)
    mou_berakhir = models.DateField(
        _("MoU berakhir"), null=True, blank=True, help_text=_("Operator diingatkan lewat e-mail sebulan sebelumnya.")
    )
    mou_diingatkan_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MitraQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-is_aktif", "nama"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")

    def __str__(self) -> str:
        return self.nama

    @property
    def nama_unduhan_mou(self) -> str:
        akhiran = self.mou.name.rsplit(".", 1)[-1].lower() if "." in self.mou.name else "pdf"
        return f"mou-{self.pk}.{akhiran}"

    def clean(self) -> None:
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
