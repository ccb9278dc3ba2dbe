"""Invitations: how operators, juri and admins provinsi get their accounts.

No one shares a password: an admin provinsi invites, the portal e-mails a one-time link, the
invited person sets their own password. Each sending is one row, so who invited whom stays on record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from posyantek.versi import VersiQuerySet


class Peran(models.TextChoices):
    OPERATOR = "operator", _("Operator pos")
    JURI = "juri", _("Juri")
    ADMIN_PROVINSI = "admin_provinsi", _("Admin provinsi")


class Undangan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="undangan_set", verbose_name=_("pengguna")
    )
    peran = models.CharField(_("peran"), max_length=16, choices=Peran.choices)
    pos = models.ManyToManyField("posyantek.Pos", blank=True, related_name="+", verbose_name=_("pos"))
    dikirim_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    dikirim_pada = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    diterima_pada = models.DateTimeField(_("diterima pada"), null=True, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-dikirim_pada", "-pk"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_peran_display()})"
