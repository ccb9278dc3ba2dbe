"""The outbox: every e-mail the portal sends is first a row here.

The row is written in the same transaction as the change that causes the e-mail (so a rolled-back
change leaves no e-mail behind, and a committed one can never lose its e-mail), then a task sends it
and records what happened. Messages not yet delivered are listed for the admin provinsi at
``/kelola/surel/`` with a resend button.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from posyantek.versi import VersiQuerySet


class SurelQuerySet(VersiQuerySet):
    def belum_terkirim(self):
        """Waiting to be sent or given up on: what an admin must be able to see."""
        return self.exclude(status=Surel.Status.TERKIRIM)


class Surel(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu dikirim")
        TERKIRIM = "terkirim", _("Terkirim")
        GAGAL = "gagal", _("Gagal")

    penerima = models.JSONField(_("penerima"), default=list)  # list of addresses ("to")
    pengirim = models.CharField(_("pengirim"), max_length=254, blank=True)  # empty: DEFAULT_FROM_EMAIL
    subjek = models.CharField(_("subjek"), max_length=998)  # RFC 5322's line limit
    isi = models.TextField(_("isi"))
    isi_html = models.TextField(_("isi HTML"), blank=True)
    # [{"nama": ..., "tipe": ..., "isi_b64": ...}]: attachments such as a session's .ics
    lampiran = models.JSONField(_("lampiran"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    percobaan = models.PositiveIntegerField(_("percobaan"), default=0)
    galat = models.TextField(_("galat terakhir"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dicoba_pada = models.DateTimeField(_("terakhir dicoba"), null=True, blank=True)
    terkirim_pada = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    objects = SurelQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("surel")
        verbose_name_plural = _("surel")
        indexes = [
            # The outbox page, the sweeper and ``manage.py antrean`` read only what is not delivered.
            models.Index(fields=["id"], name="surel_belum_terkirim_idx", condition=~models.Q(status="terkirim")),
        ]

    def __str__(self) -> str:
        return f"{self.subjek} → {', '.join(self.penerima)}"
