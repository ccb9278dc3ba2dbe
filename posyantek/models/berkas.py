"""A file that a background job builds for one person: a province-wide export, for instance.

The request only writes this row (status ``menunggu``) and queues the task after commit; the task
counts the rows, writes the file with the one export writer (``posyantek.export``) and records its
progress here every few hundred rows. The file lives on the private storage (never served by the
web server) and only the person who asked may open the status page or download it
(``/kelola/berkas/<id>/``); for anyone else the job does not exist (404).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from posyantek.uploads import private_storage
from posyantek.versi import VersiQuerySet


def berkas_tugas_path(instance, filename: str) -> str:
    return f"tugas/{instance.user_id}/{filename}"


class BerkasTugas(models.Model):
    class Jenis(models.TextChoices):
        EKSPOR_UKM_PROVINSI = "ekspor-ukm-provinsi", _("Ekspor UKM se-provinsi")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        BERJALAN = "berjalan", _("Sedang disiapkan")
        SELESAI = "selesai", _("Siap diunduh")
        GAGAL = "gagal", _("Gagal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="berkas_tugas", verbose_name=_("pemohon")
    )
    jenis = models.CharField(_("jenis"), max_length=40, choices=Jenis.choices)
    # What the task needs to build the same file as the direct download: the query string of the
    # filters, the format (csv, csv-koma, xlsx), the language of the request.
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=150)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    baris_selesai = models.PositiveIntegerField(_("baris selesai"), default=0)
    baris_total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    berkas = models.FileField(
        _("berkas"), upload_to=berkas_tugas_path, storage=private_storage, max_length=255, blank=True
    )
    galat = models.TextField(_("galat"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-dibuat_pada", "-pk"]
        verbose_name = _("berkas tugas latar")
        verbose_name_plural = _("berkas tugas latar")
        indexes = [models.Index(fields=["user", "-dibuat_pada"], name="berkastugas_user_dibuat_idx")]

    def __str__(self) -> str:
        return self.nama_berkas

    @property
    def berjalan(self) -> bool:
        """Still to come: the status page reloads itself while this is true."""
        return self.status in (self.Status.MENUNGGU, self.Status.BERJALAN)

    @property
    def siap(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.berkas)

    @property
    def nama_unduhan(self) -> str:
        ext = "xlsx" if self.parameter.get("format") == "xlsx" else "csv"
        return f"{self.nama_berkas}.{ext}"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.baris_total:
            return 0
        return min(100, self.baris_selesai * 100 // self.baris_total)
