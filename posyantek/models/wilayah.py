"""Wilayah: the province, its kota/kabupaten administrasi, kecamatan and kelurahan (Kemendagri codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from posyantek.teks import normalisasi_nama
from posyantek.versi import VersiQuerySet


class Provinsi(models.Model):
    """The province. Its name is data (renamed by UU 2/2024); its code 31 is fixed."""

    kode = models.CharField(_("kode"), max_length=2, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    nama_lama = models.CharField(_("nama lama"), max_length=100, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self) -> str:
        return self.nama


class Kota(models.Model):
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, verbose_name=_("provinsi"))
    kode = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    nama = models.CharField(_("nama resmi"), max_length=100)
    nama_pendek = models.CharField(_("nama"), max_length=60)
    slug = models.SlugField(unique=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kota/kabupaten administrasi")
        verbose_name_plural = _("kota/kabupaten administrasi")

    def __str__(self) -> str:
        return self.nama_pendek


class Kecamatan(models.Model):
    kota = models.ForeignKey(Kota, on_delete=models.PROTECT, related_name="kecamatan_set", verbose_name=_("kota"))
    kode = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    nama = models.CharField(_("nama"), max_length=60)
    slug = models.SlugField(unique=True)
    alias = models.JSONField(_("nama lain"), default=list, blank=True)
    kunci = models.JSONField(default=list, blank=True, editable=False, help_text="normalised name and aliases")

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self) -> str:
        return self.nama


class Kelurahan(models.Model):
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="kelurahan_set", verbose_name=_("kecamatan")
    )
    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    nama = models.CharField(_("nama"), max_length=60)
    slug = models.SlugField()
    kode_pos = models.CharField(_("kode pos"), max_length=5)
    alias = models.JSONField(_("nama lain"), default=list, blank=True)
    kunci = models.JSONField(default=list, blank=True, editable=False, help_text="normalised name and aliases")

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        constraints = [models.UniqueConstraint(fields=["kecamatan", "slug"], name="kelurahan_slug_per_kecamatan")]

    def __str__(self) -> str:
        return self.nama

    def cocok(self, nama: str) -> bool:
        """Whether a name as someone typed it means this kelurahan (aliases included)."""
        return normalisasi_nama(nama) in self.kunci
