"""The post's document archive: decrees, activity reports, letters.

Files live in private storage (``posyantek.uploads.private_storage``): the web server never serves
them, and the portal hands them out only to the post's operators, always as a download.
"""

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.uploads import private_storage

from .pos import Pos, PosScopedQuerySet


class KategoriDokumen(models.TextChoices):
    SK = "sk", _("SK dan surat keterangan")
    LAPORAN = "laporan", _("Laporan kegiatan")
    SURAT_MASUK = "surat_masuk", _("Surat masuk")
    SURAT_KELUAR = "surat_keluar", _("Surat keluar")
    LAINNYA = "lainnya", _("Lainnya")


def dokumen_path(instance: "Dokumen", filename: str) -> str:
    return f"arsip/{instance.pos.slug}/{instance.tanggal:%Y}/{filename}"


class DokumenQuerySet(PosScopedQuerySet):
    def cari(self, teks: str) -> "DokumenQuerySet":
        """Documents whose title, number or description contains every word of ``teks``."""
        qs = self
        for kata in teks.split()[:8]:
            qs = qs.filter(Q(judul__icontains=kata) | Q(nomor__icontains=kata) | Q(keterangan__icontains=kata))
        return qs


class Dokumen(models.Model):
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="dokumen_set", verbose_name=_("pos"))
    judul = models.CharField(_("judul"), max_length=200)
    kategori = models.CharField(_("kategori"), max_length=16, choices=KategoriDokumen.choices)
    nomor = models.CharField(_("nomor surat/SK"), max_length=120, blank=True)
    tanggal = models.DateField(_("tanggal dokumen"))
    keterangan = models.TextField(_("keterangan"), blank=True, max_length=2000)
    berkas = models.FileField(_("berkas"), upload_to=dokumen_path, storage=private_storage, max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DokumenQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")

    def __str__(self) -> str:
        return self.judul

    @property
    def jenis_berkas(self) -> str:
        """ "PDF", "JPG", "PNG" or "WEBP", from the stored (cleaned) name."""
        return os.path.splitext(self.berkas.name)[1].lstrip(".").upper()

    @property
    def nama_unduhan(self) -> str:
        """The file name offered on download: the title, made safe, with the stored extension."""
        from django.utils.text import slugify

        return f"{slugify(self.judul)[:60] or 'dokumen'}.{self.jenis_berkas.lower()}"
