"""E-mails of the training and Relawan TIK app. Rendered inside the change's transaction and written
to the foundation's outbox (``posyantek.services.surel_antre``), which delivers them after commit
with retries: a failing mail server never undoes a registration and never loses its e-mail.

Bodies are plain-text templates in ``templates/pelatihan/email/``; links use PORTAL_BASE_URL.
Session e-mails carry the session as an ``.ics`` attachment.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from pelatihan import ical
from pelatihan.models import Pendaftaran, Relawan
from posyantek import services as posyantek_services
from posyantek.models import User

# No mail for what is done inside (the demo seed builds hundreds of registrations).
tanpa_email = posyantek_services.surel_tahan


def setelah_commit(fn: Callable, *args) -> None:
    """Write ``fn(*args)``'s e-mail to the outbox now, in the current transaction; it is delivered
    once the transaction commits, and never for a change that rolls back."""
    fn(*args)


def base_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def _kirim(*, ke: str, subjek: str, template: str, context: dict, ics: bytes | None = None) -> None:
    posyantek_services.surel_template_antre(
        ke=[ke],
        subjek=subjek,
        template=f"pelatihan/email/{template}.txt",
        konteks=context,
        # Django adds the charset itself; naming it here too wrote it twice into the part's Content-Type.
        lampiran=[("pelatihan.ics", ics, "text/calendar; method=PUBLISH")] if ics is not None else [],
    )


def _pendaftaran(pk: int) -> Pendaftaran | None:
    return (
        Pendaftaran.objects.select_related("user", "jadwal__pos__kecamatan", "jadwal__program")
        .prefetch_related("jadwal__program__topik_set")
        .filter(pk=pk)
        .first()
    )


def _ics_untuk(pendaftaran: Pendaftaran) -> bytes:
    confirmed = pendaftaran.status == Pendaftaran.Status.TERKONFIRMASI
    jadwal = pendaftaran.jadwal
    return ical.kalender(
        nama=jadwal.nama,
        jadwal_list=[jadwal],
        base_url=base_url(),
        tautan_untuk={jadwal.pk} if confirmed else set(),
        status_untuk={} if confirmed else {jadwal.pk: "TENTATIVE"},
        method="PUBLISH",
    )


def _kirim_sesi(pendaftaran: Pendaftaran, *, subjek: str, template: str) -> None:
    _kirim(
        ke=pendaftaran.email_tujuan,
        subjek=subjek,
        template=template,
        context={"p": pendaftaran, "jadwal": pendaftaran.jadwal},
        ics=_ics_untuk(pendaftaran),
    )


def kirim_konfirmasi(pendaftaran_id: int) -> None:
    """A seat confirmed, or a place on the waiting list, with the session attached as .ics."""
    p = _pendaftaran(pendaftaran_id)
    if p is None or p.status == Pendaftaran.Status.DIBATALKAN:
        return
    if p.status == Pendaftaran.Status.TERKONFIRMASI:
        subjek = _("Pendaftaran terkonfirmasi: %(nama)s") % {"nama": p.jadwal.nama}
    else:
        subjek = _("Anda di daftar tunggu: %(nama)s") % {"nama": p.jadwal.nama}
    _kirim_sesi(p, subjek=subjek, template="konfirmasi")


def kirim_promosi(pendaftaran_id: int) -> None:
    """A seat freed up and the next person on the waiting list got it."""
    p = _pendaftaran(pendaftaran_id)
    if p is None or p.status != Pendaftaran.Status.TERKONFIRMASI:
        return
    _kirim_sesi(p, subjek=_("Kursi tersedia untuk Anda: %(nama)s") % {"nama": p.jadwal.nama}, template="promosi")


def kirim_pengingat(pendaftaran: Pendaftaran) -> None:
    """The day-before reminder (scheduled task and management command ``kirim_pengingat_pelatihan``)."""
    _kirim_sesi(
        pendaftaran, subjek=_("Pengingat: besok %(nama)s") % {"nama": pendaftaran.jadwal.nama}, template="pengingat"
    )


def kirim_perubahan_jadwal(pendaftaran_ids: list[int]) -> None:
    for pk in pendaftaran_ids:
        p = _pendaftaran(pk)
        if p is not None and p.status != Pendaftaran.Status.DIBATALKAN:
            _kirim_sesi(p, subjek=_("Perubahan jadwal: %(nama)s") % {"nama": p.jadwal.nama}, template="perubahan")


def kirim_pembatalan_jadwal(pendaftaran_ids: list[int]) -> None:
    for pk in pendaftaran_ids:
        p = _pendaftaran(pk)
        if p is not None:
            _kirim_sesi(p, subjek=_("Sesi dibatalkan: %(nama)s") % {"nama": p.jadwal.nama}, template="pembatalan")


def aktivasi_path(user: User) -> str:
    """The one-time link that lets a new applicant choose a password (Django's token generator:
    it stops working once a password is set, and after PASSWORD_RESET_TIMEOUT)."""
    return reverse(
        "pelatihan:relawan-aktivasi",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def kirim_relawan_aktivasi(user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _kirim(
        ke=user.email,
        subjek=_("Lamaran Relawan TIK Anda sudah masuk — aktifkan akun Anda"),
        template="relawan_aktivasi",
        context={"user": user, "tautan": base_url() + aktivasi_path(user)},
    )


def kirim_relawan_perlu_masuk(email: str) -> None:
    """Someone applied with an address that already has an account: its owner must log in first."""
    _kirim(
        ke=email,
        subjek=_("Lamaran Relawan TIK: silakan masuk dulu"),
        template="relawan_perlu_masuk",
        context={
            "tautan_masuk": base_url() + reverse("account_login") + "?next=" + reverse("pelatihan:relawan-daftar"),
            "tautan_reset": base_url() + reverse("account_reset_password"),
        },
    )


def kirim_relawan_lamaran_diterima(relawan_id: int) -> None:
    relawan = Relawan.objects.select_related("user").filter(pk=relawan_id).first()
    if relawan is None:
        return
    _kirim(
        ke=relawan.user.email,
        subjek=_("Lamaran Relawan TIK Anda sudah masuk dan menunggu tinjauan"),
        template="relawan_lamaran",
        context={"relawan": relawan},
    )


def kirim_relawan_keputusan(relawan_id: int) -> None:
    relawan = Relawan.objects.select_related("user").prefetch_related("penugasan__pos").filter(pk=relawan_id).first()
    if relawan is None:
        return
    if relawan.is_diterima:
        subjek = _("Selamat, Anda diterima sebagai Relawan TIK")
    else:
        subjek = _("Keputusan lamaran Relawan TIK Anda")
    _kirim(ke=relawan.user.email, subjek=subjek, template="relawan_keputusan", context={"relawan": relawan})
