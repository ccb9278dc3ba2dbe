"""Registration, the waiting list, attendance, certificates, feedback and reminders.

Capacity is enforced in the database: every change of seats locks the session row
(``SELECT … FOR UPDATE``) for the rest of the transaction, so concurrent registrations are counted
one after another and a session never has more confirmed seats than its capacity. Promotion from
the waiting list happens in the same transaction as the cancellation that freed the seat.
"""

import base64
import logging
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pelatihan import emails
from pelatihan.models import Jadwal, KalenderPribadi, Pendaftaran, Sertifikat, UmpanBalik
from pelatihan.permissions import alasan_tidak_boleh_daftar
from posyantek.models import User
from posyantek.services.unik import simpan_unik
from posyantek.teks import normalisasi_telepon, rapikan_teks

logger = logging.getLogger(__name__)


def _kunci_jadwal(jadwal: Jadwal) -> Jadwal:
    """The session row, locked until the transaction ends (serialises every seat change)."""
    return Jadwal.objects.select_for_update().select_related("pos", "program").get(pk=jadwal.pk)


def _tempatkan(pendaftaran: Pendaftaran, jadwal: Jadwal, now: datetime) -> None:
    """A confirmed seat when one is free and nobody waits before; otherwise the end of the waiting list."""
    terisi = jadwal.pendaftaran.terkonfirmasi().count()
    ada_antrean = jadwal.pendaftaran.menunggu().exists()
    if terisi < jadwal.kapasitas and not ada_antrean:
        pendaftaran.status = Pendaftaran.Status.TERKONFIRMASI
        pendaftaran.antre_sejak = None
    else:
        pendaftaran.status = Pendaftaran.Status.MENUNGGU
        pendaftaran.antre_sejak = now


def _reset(pendaftaran: Pendaftaran) -> None:
    pendaftaran.hadir = False
    pendaftaran.hadir_dicatat_at = None
    pendaftaran.dibatalkan_at = None
    pendaftaran.dipromosikan_at = None
    pendaftaran.pengingat_terkirim_at = None


def kursi_kosong_isi(*, jadwal: Jadwal, now: datetime) -> list[Pendaftaran]:
    """Promote people from the waiting list, in order, while seats are free. Caller holds the lock.

    Each promoted person is told by e-mail once the transaction commits.
    """
    promoted = []
    free = jadwal.kapasitas - jadwal.pendaftaran.terkonfirmasi().count()
    if free <= 0:
        return promoted
    for pendaftaran in jadwal.pendaftaran.menunggu()[:free]:
        pendaftaran.status = Pendaftaran.Status.TERKONFIRMASI
        pendaftaran.dipromosikan_at = now
        pendaftaran.antre_sejak = None
        pendaftaran.save(update_fields=["status", "dipromosikan_at", "antre_sejak", "updated_at"])
        emails.setelah_commit(emails.kirim_promosi, pendaftaran.pk)
        promoted.append(pendaftaran)
    return promoted


def _pesan_tutup(jadwal: Jadwal, now: datetime) -> str:
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        return _("Sesi ini dibatalkan.")
    if jadwal.status != Jadwal.Status.TERBIT:
        return _("Sesi ini belum dibuka untuk umum.")
    if jadwal.pendaftaran_buka and now < jadwal.pendaftaran_buka:
        return _("Pendaftaran belum dibuka.")
    return _("Pendaftaran sudah ditutup.")


@transaction.atomic
def pendaftaran_buat(*, jadwal: Jadwal, oleh: User, waktu: datetime | None = None) -> Pendaftaran:
    """Register ``oleh`` in one step: a seat if one is free, else a place on the waiting list.

    Refused when the audience does not include them, outside the registration window, or when they
    are already registered or waiting. Registering again after cancelling reuses their row.
    """
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(jadwal)
    alasan = alasan_tidak_boleh_daftar(oleh, jadwal)
    if alasan:
        raise ValidationError(alasan)
    if not jadwal.pendaftaran_terbuka(now):
        raise ValidationError(_pesan_tutup(jadwal, now))
    pendaftaran = Pendaftaran.objects.filter(jadwal=jadwal, user=oleh).first()
    if pendaftaran and pendaftaran.status != Pendaftaran.Status.DIBATALKAN:
        if pendaftaran.status == Pendaftaran.Status.MENUNGGU:
            raise ValidationError(_("Anda sudah ada di daftar tunggu sesi ini."))
        raise ValidationError(_("Anda sudah terdaftar di sesi ini."))
    pendaftaran = pendaftaran or Pendaftaran(jadwal=jadwal, user=oleh)
    pendaftaran.nama = (oleh.nama or oleh.email)[:150]
    pendaftaran.telepon = oleh.telepon
    pendaftaran.email = ""
    pendaftaran.sumber = Pendaftaran.Sumber.DARING
    pendaftaran.didaftarkan_oleh = oleh
    _reset(pendaftaran)
    _tempatkan(pendaftaran, jadwal, now)
    pendaftaran.full_clean()
    pendaftaran.save()
    kalender_pribadi_ambil(oleh=oleh)  # their private feed is ready on "Pelatihan saya" (pages only read it)
    emails.setelah_commit(emails.kirim_konfirmasi, pendaftaran.pk)
    return pendaftaran


@transaction.atomic
def pendaftaran_tamu_buat(
    *, jadwal: Jadwal, oleh: User, nama: str, telepon: str, email: str = "", waktu: datetime | None = None
) -> Pendaftaran:
    """An operator registers a participant without an account (name and phone), e.g. at the door.

    The audience and registration window do not apply (the operator decides), capacity does: a full
    session puts them on the waiting list. Allowed until the session ends.
    """
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(jadwal)
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        raise ValidationError(_("Sesi ini dibatalkan."))
    if jadwal.sudah_selesai(now):
        raise ValidationError(_("Sesi ini sudah selesai."))
    nama = rapikan_teks(nama)
    if not nama:
        raise ValidationError({"nama": _("Nama wajib diisi.")})
    try:
        telepon = normalisasi_telepon(telepon)
    except ValidationError as error:
        raise ValidationError({"telepon": error.messages}) from None
    email = (email or "").strip().lower()
    pendaftaran = Pendaftaran.objects.filter(
        jadwal=jadwal, user__isnull=True, nama__iexact=nama, telepon=telepon
    ).first()
    if pendaftaran and pendaftaran.status != Pendaftaran.Status.DIBATALKAN:
        raise ValidationError(_("Peserta dengan nama dan telepon ini sudah terdaftar di sesi ini."))
    pendaftaran = pendaftaran or Pendaftaran(jadwal=jadwal)
    pendaftaran.nama = nama
    pendaftaran.telepon = telepon
    pendaftaran.email = email
    pendaftaran.sumber = Pendaftaran.Sumber.LANGSUNG
    pendaftaran.didaftarkan_oleh = oleh
    _reset(pendaftaran)
    _tempatkan(pendaftaran, jadwal, now)
    pendaftaran.full_clean()
    pendaftaran.save()
    if email:
        emails.setelah_commit(emails.kirim_konfirmasi, pendaftaran.pk)
    return pendaftaran


def _telepon_tamu(telepon: str) -> str:
    """A mobile number as stored: 08…, from 08…, +62 8… or 62 8… with any separators."""
    try:
        telepon = normalisasi_telepon(telepon)
    except ValidationError as error:
        raise ValidationError({"telepon": error.messages}) from None
    if not telepon.startswith("08"):
        raise ValidationError({"telepon": _("Tulis nomor HP (diawali 08 atau +62 8), misalnya 0812-3456-7890.")})
    return telepon


@transaction.atomic
def pemesanan_tamu_buat(
    *, jadwal: Jadwal, nama: str, telepon: str, email: str = "", waktu: datetime | None = None
) -> Pendaftaran:
    """A visitor without an account books a seat (or a place on the waiting list) with a name and a
    mobile number; an e-mail only if they want one. The booking gets a code (for the door) and a
    secret token (the address of its page, where they see and cancel it).

    The session row is locked as for account holders, so concurrent bookings never overbook. One phone
    books a session once (a database constraint too); booking again after cancelling reuses the row and
    its link. Only sessions open to everyone (``Sasaran.UMUM``) take guests."""
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(jadwal)
    if not jadwal.pendaftaran_terbuka(now):
        raise ValidationError(_pesan_tutup(jadwal, now))
    if jadwal.sasaran != Jadwal.Sasaran.UMUM:
        raise ValidationError(_("Sesi ini khusus untuk peserta tertentu: masuk dengan akun Anda untuk mendaftar."))
    nama = rapikan_teks(nama)
    errors = {}
    if not nama:
        errors["nama"] = [_("Tulis nama Anda.")]
    try:
        telepon = _telepon_tamu(telepon)
    except ValidationError as error:
        errors.update(error.message_dict)
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Tulis alamat e-mail yang benar, atau kosongkan.")]
    if errors:
        raise ValidationError(errors)
    rows = list(Pendaftaran.objects.select_for_update().filter(jadwal=jadwal, user__isnull=True, telepon=telepon))
    if any(row.status != Pendaftaran.Status.DIBATALKAN for row in rows):
        raise ValidationError(
            {"telepon": _("Nomor ini sudah terdaftar di sesi ini. Buka tautan pemesanan yang Anda terima.")}
        )
    pendaftaran = next((r for r in rows if r.nama.lower() == nama.lower()), None) or next(
        (r for r in rows if r.sumber == Pendaftaran.Sumber.TAMU), None
    )
    pendaftaran = pendaftaran or Pendaftaran(jadwal=jadwal)
    pendaftaran.nama, pendaftaran.telepon, pendaftaran.email = nama, telepon, email
    pendaftaran.sumber = Pendaftaran.Sumber.TAMU
    pendaftaran.didaftarkan_oleh = None
    pendaftaran.token = pendaftaran.token or secrets.token_urlsafe(32)
    _reset(pendaftaran)
    _tempatkan(pendaftaran, jadwal, now)
    pendaftaran.full_clean()
    simpan_unik(pendaftaran)
    if email:
        emails.setelah_commit(emails.kirim_konfirmasi, pendaftaran.pk)
    return pendaftaran


@transaction.atomic
def pemesanan_tamu_gabungkan(*, pendaftaran: Pendaftaran, oleh: User) -> int:
    """A guest who now has an account with the same mobile number (given at sign-up; an account
    without one takes the booking's) proves the number is theirs by holding a booking (its secret link
    or its code): every guest booking of that number joins their account. A session they already
    booked with the account keeps that booking. Returns how many joined."""
    if not getattr(oleh, "is_authenticated", False):
        raise ValidationError(_("Masuk dulu untuk menggabungkan pemesanan ke akun Anda."))
    if pendaftaran.user_id is not None or pendaftaran.sumber != Pendaftaran.Sumber.TAMU:
        raise ValidationError(_("Pemesanan ini sudah tertaut ke sebuah akun."))
    if not oleh.telepon:
        # An account without a number takes the booking's: holding the booking (its secret link or
        # its code, both given only to whoever booked) is the proof that the number is theirs.
        oleh.telepon = pendaftaran.telepon
        oleh.save(update_fields=["telepon"])
    try:
        milik = normalisasi_telepon(oleh.telepon)
    except ValidationError:
        milik = ""
    if milik != pendaftaran.telepon:
        raise ValidationError(
            _("Nomor HP akun Anda berbeda dengan nomor pemesanan ini (%(telepon)s): pemesanan tidak digabungkan.")
            % {"telepon": pendaftaran.telepon}
        )
    sudah = set(Pendaftaran.objects.filter(user=oleh).values_list("jadwal_id", flat=True))
    tamu = Pendaftaran.objects.select_for_update().filter(
        user__isnull=True, sumber=Pendaftaran.Sumber.TAMU, telepon=milik
    )
    jumlah = 0
    for row in tamu.exclude(jadwal_id__in=sudah):
        row.user = oleh
        row.token = None  # the account's pages show it from now on
        row.save(update_fields=["user", "token", "updated_at"])
        jumlah += 1
    if jumlah:
        kalender_pribadi_ambil(oleh=oleh)
    return jumlah


@transaction.atomic
def kehadiran_catat(*, jadwal: Jadwal, pendaftaran: Pendaftaran, oleh: User, waktu: datetime | None = None) -> bool:
    """Check one participant in at the door (their code, or the signed link of their QR code), from
    the session's start to its end. Idempotent: True when marked now, False when already present.
    Certificates and the ToT mark follow as for the attendance list (``kehadiran_tetapkan``)."""
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(jadwal)
    if pendaftaran.jadwal_id != jadwal.pk:
        raise ValidationError(_("Kode ini untuk sesi lain, bukan sesi ini. Periksa jadwal peserta."))
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        raise ValidationError(_("Sesi ini dibatalkan."))
    if not jadwal.sudah_mulai(now):
        raise ValidationError(
            _("Check-in dibuka saat sesi dimulai (%(mulai)s WIB).")
            % {"mulai": date_format(timezone.localtime(jadwal.mulai), "j F Y, H.i")}
        )
    if jadwal.sudah_selesai(now):
        raise ValidationError(_("Sesi sudah selesai: catat kehadiran dari daftar peserta."))
    pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
    if pendaftaran.status != Pendaftaran.Status.TERKONFIRMASI:
        raise ValidationError(
            _("%(nama)s belum punya kursi (%(status)s): tambahkan lewat daftar peserta bila ada kursi.")
            % {"nama": pendaftaran.nama, "status": pendaftaran.get_status_display().lower()}
        )
    if pendaftaran.hadir:
        return False
    hadir = set(jadwal.pendaftaran.terkonfirmasi().filter(hadir=True).values_list("pk", flat=True))
    kehadiran_tetapkan(jadwal=jadwal, oleh=oleh, hadir_ids=hadir | {pendaftaran.pk}, waktu=now)
    return True


@transaction.atomic
def pendaftaran_batalkan(
    *, pendaftaran: Pendaftaran, oleh: User | None, waktu: datetime | None = None
) -> list[Pendaftaran]:
    """Cancel a seat or a place on the waiting list, until the session starts.

    A freed seat goes to the next person waiting, in the same transaction. Returns who was promoted.
    The caller has checked that ``oleh`` is the participant or manages the session's post (None: a
    guest cancelling from their booking's secret page).
    """
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(pendaftaran.jadwal)
    pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
    if pendaftaran.status == Pendaftaran.Status.DIBATALKAN:
        raise ValidationError(_("Pendaftaran ini sudah dibatalkan."))
    if jadwal.sudah_mulai(now):
        raise ValidationError(_("Pendaftaran tidak bisa dibatalkan setelah sesi dimulai."))
    seat_freed = pendaftaran.status == Pendaftaran.Status.TERKONFIRMASI
    pendaftaran.status = Pendaftaran.Status.DIBATALKAN
    pendaftaran.dibatalkan_at = now
    pendaftaran.antre_sejak = None
    pendaftaran.full_clean()
    pendaftaran.save()
    if seat_freed and jadwal.status == Jadwal.Status.TERBIT:
        return kursi_kosong_isi(jadwal=jadwal, now=now)
    return []


def _kode_sertifikat() -> str:
    """16 characters of base32 (80 random bits): unguessable, and easy to read aloud."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


def sertifikat_terbitkan(*, pendaftaran: Pendaftaran, now: datetime) -> Sertifikat:
    """The certificate carries the participant's name as it is when it is issued (an account holder's
    current name, else the name given at registration)."""
    nama = pendaftaran.user.nama if pendaftaran.user_id and pendaftaran.user.nama else pendaftaran.nama
    sertifikat = Sertifikat(pendaftaran=pendaftaran, kode=_kode_sertifikat(), nama=nama, diterbitkan_at=now)
    sertifikat.full_clean()
    sertifikat.save()
    return sertifikat


@transaction.atomic
def kehadiran_tetapkan(*, jadwal: Jadwal, oleh: User, hadir_ids: set[int], waktu: datetime | None = None) -> dict:
    """Record who came, from the start of the session on. ``hadir_ids`` are confirmed registrations
    of this session; everyone else confirmed is marked absent.

    A participant marked present gets a certificate of attendance (with its verification code);
    unmarking withdraws it. Completing a Training of Trainers is recorded by that certificate.
    """
    now = waktu or timezone.now()
    jadwal = _kunci_jadwal(jadwal)
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        raise ValidationError(_("Sesi ini dibatalkan."))
    if not jadwal.sudah_mulai(now):
        # Attendance makes certificates (and the ToT "certified trainer" mark): nobody has attended
        # a session that has not started.
        raise ValidationError(
            _("Kehadiran baru bisa dicatat setelah sesi dimulai (%(mulai)s WIB).")
            % {"mulai": date_format(timezone.localtime(jadwal.mulai), "j F Y, H.i")}
        )
    confirmed = {p.pk: p for p in jadwal.pendaftaran.terkonfirmasi().select_related("sertifikat", "user")}
    unknown = set(hadir_ids) - set(confirmed)
    if unknown:
        raise ValidationError(_("Ada peserta yang tidak terdaftar (terkonfirmasi) di sesi ini."))
    changes = {"hadir": 0, "tidak_hadir": 0}
    for pk, pendaftaran in confirmed.items():
        want = pk in hadir_ids
        if pendaftaran.hadir == want:
            continue
        pendaftaran.hadir = want
        pendaftaran.hadir_dicatat_at = now
        pendaftaran.hadir_dicatat_oleh = oleh
        pendaftaran.save(update_fields=["hadir", "hadir_dicatat_at", "hadir_dicatat_oleh", "updated_at"])
        if want:
            if not hasattr(pendaftaran, "sertifikat"):
                sertifikat_terbitkan(pendaftaran=pendaftaran, now=now)
            changes["hadir"] += 1
        else:
            Sertifikat.objects.filter(pendaftaran=pendaftaran).delete()
            changes["tidak_hadir"] += 1
    return changes


@transaction.atomic
def umpan_balik_kirim(
    *, pendaftaran: Pendaftaran, oleh: User, nilai: int, komentar: str = "", waktu: datetime | None = None
) -> UmpanBalik:
    """A participant who attended rates the session (1–5) and may comment; sending again updates it."""
    now = waktu or timezone.now()
    pendaftaran = Pendaftaran.objects.select_related("jadwal").get(pk=pendaftaran.pk)
    if pendaftaran.user_id != oleh.pk:
        raise ValidationError(_("Umpan balik hanya dari peserta sendiri."))
    if not pendaftaran.hadir:
        raise ValidationError(_("Umpan balik dapat diberikan oleh peserta yang tercatat hadir."))
    if not pendaftaran.jadwal.sudah_mulai(now):
        raise ValidationError(_("Umpan balik dibuka setelah sesi dimulai."))
    umpan_balik = UmpanBalik.objects.filter(pendaftaran=pendaftaran).first() or UmpanBalik(pendaftaran=pendaftaran)
    umpan_balik.nilai = nilai
    umpan_balik.komentar = (komentar or "").strip()
    umpan_balik.full_clean()
    simpan_unik(umpan_balik)
    return umpan_balik


def _token() -> str:
    return secrets.token_urlsafe(24)


@transaction.atomic
def kalender_pribadi_ambil(*, oleh: User) -> KalenderPribadi:
    """The person's private feed token, created on first use: at their first registration (a POST)
    or from the button on "Pelatihan saya". Pages read it with ``selectors.kalender_pribadi``."""
    kalender, _created = KalenderPribadi.objects.get_or_create(user=oleh, defaults={"token": _token()})
    return kalender


@transaction.atomic
def kalender_pribadi_buat_ulang(*, oleh: User) -> KalenderPribadi:
    """A new secret for the private feed: the old URL stops working at once."""
    kalender, created = KalenderPribadi.objects.get_or_create(user=oleh, defaults={"token": _token()})
    if not created:
        kalender.token = _token()
        kalender.save(update_fields=["token", "created_at"])
    return kalender


def pengingat_kirim(*, besok, now: datetime | None = None) -> int:
    """Queue a reminder e-mail for every confirmed participant of the sessions on ``besok`` (a local
    date); returns how many were queued.

    Idempotent: each seat is claimed by setting ``pengingat_terkirim_at`` in the same transaction
    that writes its e-mail to the outbox, so a second run (or two at once) queues nothing twice, and
    the outbox delivers with retries when the mail server is away.
    """
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(besok, datetime.min.time()), tz)
    end = timezone.make_aware(datetime.combine(besok, datetime.max.time()), tz)
    candidates = (
        Pendaftaran.objects.terkonfirmasi()
        .filter(
            jadwal__status=Jadwal.Status.TERBIT,
            jadwal__mulai__range=(start, end),
            pengingat_terkirim_at__isnull=True,
        )
        .select_related("user", "jadwal__pos__kecamatan", "jadwal__program")
    )
    sent = 0
    for pendaftaran in candidates:
        if not pendaftaran.email_tujuan:
            continue
        with transaction.atomic():
            claimed = Pendaftaran.objects.filter(pk=pendaftaran.pk, pengingat_terkirim_at__isnull=True).update(
                pengingat_terkirim_at=now
            )
            if not claimed:
                continue
            emails.kirim_pengingat(pendaftaran)
        sent += 1
    return sent
