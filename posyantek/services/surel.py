"""The outbox: the one way the portal sends e-mail.

:func:`surel_antre` writes the message as a :class:`~posyantek.models.Surel` row in the caller's
transaction and queues its delivery when that transaction commits (``transaction.on_commit``): a
rolled-back change leaves neither row nor e-mail, a committed change can never lose its e-mail.
The task (``posyantek.tasks.kirim_surel``) calls :func:`surel_antrean_kirim`, which sends every
older message still waiting first, so messages go out in the order they were written; a temporary
failure (the mail server refuses, times out, answers 4xx) is recorded on the row and raised, and the
task retries with back-off. Every few minutes the scheduler sweeps what is still waiting
(``kirim_surel_tertunda``), so even a task lost with a restarted broker is delivered. A message is
sent at most once: the row is locked while it is sent and marked ``terkirim`` in the same transaction.
A permanent refusal (5xx, unknown recipient) or too many attempts mark it ``gagal``; an admin
provinsi sees undelivered messages at ``/kelola/surel/`` and may resend them.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from posyantek.models import Surel, User
from posyantek.permissions import is_admin_provinsi

logger = logging.getLogger("posyantek.surel")

MAKS_PERCOBAAN = 50  # with the 5-minute sweep, a mail server down for about four hours
SIMPAN_HARI = 30  # delivered messages are kept this long, then deleted
_DITAHAN: ContextVar[bool] = ContextVar("surel_ditahan", default=False)


class SurelGagal(Exception):
    """A message could not be sent for now; it stays waiting and is tried again."""


@contextmanager
def surel_tahan() -> Iterator[None]:
    """Nothing is written or sent for what is done inside (the demo seed builds hundreds of rows)."""
    token = _DITAHAN.set(True)
    try:
        yield
    finally:
        _DITAHAN.reset(token)


@transaction.atomic
def surel_antre(
    *,
    ke: Iterable[str],
    subjek: str,
    isi: str,
    isi_html: str = "",
    lampiran: Iterable[tuple[str, bytes | str, str]] = (),
    pengirim: str = "",
) -> Surel | None:
    """Write one e-mail to the outbox in the current transaction and send it after commit.

    ``lampiran`` holds ``(file name, content, MIME type)`` triples (e.g. a session's ``.ics``).
    Empty addresses are dropped; with none left nothing is written and ``None`` is returned.
    """
    penerima = [alamat for alamat in ke if alamat]
    if not penerima or _DITAHAN.get():
        return None
    surel = Surel(
        penerima=penerima,
        pengirim=pengirim,
        subjek=" ".join(subjek.splitlines()),  # a header is one line
        isi=isi,
        isi_html=isi_html,
        lampiran=[
            {
                "nama": nama,
                "tipe": tipe,
                "isi_b64": base64.b64encode(
                    isi_lampiran.encode() if isinstance(isi_lampiran, str) else isi_lampiran
                ).decode(),
            }
            for nama, isi_lampiran, tipe in lampiran
        ],
    )
    surel.full_clean()
    surel.save()
    _antre_tugas(surel.pk)
    return surel


def surel_template_antre(
    *,
    ke: Iterable[str],
    subjek,
    template: str,
    konteks: dict,
    lampiran: Iterable[tuple[str, bytes | str, str]] = (),
) -> Surel | None:
    """The one way an app writes a templated e-mail to the outbox: ``template`` (plain text) rendered
    in Indonesian, the portal's first language (accounts keep no language preference, and the sender's
    own choice must not leak into the recipient's mail), with ``base_url`` (the portal's address) in
    ``konteks``; the subject gets the portal's prefix. ``subjek`` may be lazy or a function, so it is
    translated inside that language too. Delivered once the current transaction commits."""
    penerima = [alamat for alamat in ke if alamat]
    if not penerima:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        isi = render_to_string(template, {"base_url": settings.PORTAL_BASE_URL.rstrip("/"), **konteks})
        judul = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subjek() if callable(subjek) else subjek)
    return surel_antre(ke=penerima, subjek=judul, isi=isi, lampiran=lampiran)


def surel_pesan_antre(*, pesan: EmailMessage) -> Surel | None:
    """The outbox for a message built elsewhere (allauth's sign-up and password e-mails)."""
    isi_html = ""
    for konten, tipe in getattr(pesan, "alternatives", None) or []:
        if tipe == "text/html":
            isi_html = konten
    lampiran = [a for a in pesan.attachments if isinstance(a, tuple)]
    from_email = pesan.from_email if pesan.from_email != settings.DEFAULT_FROM_EMAIL else ""
    return surel_antre(
        ke=[*pesan.to, *pesan.cc, *pesan.bcc],
        subjek=str(pesan.subject),
        isi=pesan.body,
        isi_html=isi_html,
        lampiran=[(nama, isi, tipe or "application/octet-stream") for nama, isi, tipe in lampiran],
        pengirim=from_email or "",
    )


def _antre_tugas(surel_id: int) -> None:
    from posyantek.tasks import kirim_surel  # tasks import services: import here, not at the top

    # robust: a broker that is down must not turn a committed change into an error page; the row
    # is safe and the 5-minute sweep sends it.
    transaction.on_commit(lambda: kirim_surel.delay(surel_id=surel_id), robust=True)


def _pesan(surel: Surel) -> EmailMessage:
    kelas = EmailMultiAlternatives if surel.isi_html else EmailMessage
    pesan = kelas(subject=surel.subjek, body=surel.isi, from_email=surel.pengirim or None, to=surel.penerima)
    if surel.isi_html:
        pesan.attach_alternative(surel.isi_html, "text/html")
    for item in surel.lampiran:
        pesan.attach(item["nama"], base64.b64decode(item["isi_b64"]), item["tipe"])
    return pesan


def _permanen(galat: Exception) -> bool:
    """Will trying again never help? An unknown recipient or sender, or any 5xx answer."""
    if isinstance(galat, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return True
    return isinstance(galat, smtplib.SMTPResponseException) and galat.smtp_code >= 500


def surel_kirim(*, surel_id: int) -> bool:
    """Send one waiting message; ``True`` when it was sent now, ``False`` when there was nothing to
    do (already sent, given up, or being sent by another worker at this moment). A temporary failure
    is recorded on the row, then raised as :class:`SurelGagal`."""
    galat: Exception | None = None
    with transaction.atomic():
        surel = (
            Surel.objects.select_for_update(skip_locked=True).filter(pk=surel_id, status=Surel.Status.MENUNGGU).first()
        )
        if surel is None:
            return False
        surel.percobaan += 1
        surel.dicoba_pada = timezone.now()
        try:
            _pesan(surel).send()
        except Exception as exc:  # SMTP, network and encoding errors of every kind: recorded, retried
            galat = exc
            surel.galat = f"{type(exc).__name__}: {exc}"[:2000]
            if _permanen(exc) or surel.percobaan >= MAKS_PERCOBAAN:
                surel.status = Surel.Status.GAGAL
        else:
            surel.status = Surel.Status.TERKIRIM
            surel.terkirim_pada = surel.dicoba_pada
            surel.galat = ""
        surel.save(update_fields=["percobaan", "dicoba_pada", "galat", "status", "terkirim_pada"])
    if galat is None:
        return True
    logger.warning("e-mail %s not sent (attempt %s): %s", surel_id, surel.percobaan, surel.galat)
    if surel.status == Surel.Status.GAGAL:
        return False
    raise SurelGagal(surel.galat) from galat


def surel_antrean_kirim(*, sampai_id: int | None = None, batas: int = 500) -> int:
    """Send waiting messages oldest first; returns how many were sent. Stops at the first temporary
    failure (raising :class:`SurelGagal`), so a later message never overtakes an earlier one while
    the mail server is away.

    Without ``sampai_id`` (the scheduled sweep) every waiting message is due. With it (the task of
    one message) that message is sent after the older ones that already failed at least once: a
    message never tried yet has its own task in flight, from a transaction that committed at the
    same moment, so there is no order to keep with it.
    """
    antrean = Surel.objects.filter(status=Surel.Status.MENUNGGU).order_by("pk")
    if sampai_id is not None:
        antrean = antrean.filter(Q(pk=sampai_id) | Q(pk__lt=sampai_id, percobaan__gt=0))
    terkirim = 0
    for pk in antrean.values_list("pk", flat=True)[:batas]:
        try:
            terkirim += surel_kirim(surel_id=pk)
        except SurelGagal as gagal:
            if sampai_id is not None and pk != sampai_id:
                # Held behind an older message: counts as a try, so the next message's task keeps
                # this one in line too.
                Surel.objects.filter(pk=sampai_id, status=Surel.Status.MENUNGGU).update(
                    percobaan=F("percobaan") + 1,
                    dicoba_pada=timezone.now(),
                    galat=(_("Tertahan di belakang surel #%(id)s: ") % {"id": pk} + str(gagal))[:2000],
                )
            raise
    return terkirim


def surel_bersihkan(*, hari: int = SIMPAN_HARI) -> int:
    """Delete delivered messages older than ``hari`` days: their bodies may hold one-time links
    (invitations, password resets) that should not outlive their use. Undelivered ones stay."""
    batas = timezone.now() - timedelta(days=hari)
    deleted, _rows = Surel.objects.filter(status=Surel.Status.TERKIRIM, terkirim_pada__lt=batas).delete()
    return deleted


@transaction.atomic
def surel_kirim_ulang(*, surel: Surel, oleh: User) -> Surel:
    """An admin provinsi puts an undelivered message back in the queue, with fresh attempts."""
    if not is_admin_provinsi(oleh):
        raise PermissionDenied
    surel = Surel.objects.select_for_update().get(pk=surel.pk)
    if surel.status == Surel.Status.TERKIRIM:
        raise ValidationError(_("Surel ini sudah terkirim."))
    surel.status = Surel.Status.MENUNGGU
    surel.percobaan = 0
    surel.save(update_fields=["status", "percobaan"])
    _antre_tugas(surel.pk)
    return surel
