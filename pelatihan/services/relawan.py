"""Relawan TIK: applying (which creates or links an account), the admin's decisions, assignment to
posts, and the activity a volunteer logs for a post's operator to confirm."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pelatihan import emails
from pelatihan.models import AktivitasRelawan, Bidang, Jadwal, KeahlianRelawan, PenugasanRelawan, Relawan, Tingkat
from pelatihan.models.relawan import BULAN_MASA_CALON
from posyantek import services as posyantek_services
from posyantek.kolom import kolom_isi
from posyantek.models import Pos, User
from posyantek.services.unik import simpan_unik
from posyantek.teks import normalisasi_telepon, rapikan_teks

RELAWAN_FIELDS = {"telepon", "domisili", "pendidikan", "pekerjaan", "ketersediaan", "motivasi"}
AKTIVITAS_FIELDS = {"pos", "tanggal", "jam", "jenis", "jadwal", "ukm_nama", "catatan"}
AKTIVITAS_HARI_MUNDUR = 365


@dataclass
class HasilLamaran:
    """What applying did: the application, whether an account was made, or that the e-mail already
    has an account whose owner must log in first (nothing was written then)."""

    relawan: Relawan | None
    akun_baru: bool = False
    perlu_masuk: bool = False


def _email_terverifikasi(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _email_sudah_dipakai(email: str) -> bool:
    return (
        User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def _set_keahlian(relawan: Relawan, keahlian: dict[str, str]) -> None:
    relawan.keahlian.all().delete()
    KeahlianRelawan.objects.bulk_create(
        [KeahlianRelawan(relawan=relawan, bidang=bidang, tingkat=tingkat) for bidang, tingkat in keahlian.items()]
    )


def _check_lamaran(data: dict, keahlian: dict[str, str], setuju_kode_etik: bool) -> dict:
    errors: dict[str, list[str]] = {}
    clean = dict(data)
    if set(clean) - RELAWAN_FIELDS:
        raise ValueError(f"unknown fields: {sorted(set(clean) - RELAWAN_FIELDS)}")
    try:
        clean["telepon"] = normalisasi_telepon(clean.get("telepon", ""))
    except ValidationError as error:
        errors["telepon"] = error.messages
    ketersediaan = list(dict.fromkeys(clean.get("ketersediaan") or []))
    if not ketersediaan:
        errors["ketersediaan"] = [_("Pilih setidaknya satu waktu luang.")]
    elif set(ketersediaan) - set(Relawan.Ketersediaan.values):
        errors["ketersediaan"] = [_("Pilihan waktu tidak dikenal.")]
    clean["ketersediaan"] = ketersediaan
    if not keahlian:
        errors["keahlian"] = [_("Pilih setidaknya satu keahlian beserta tingkatnya.")]
    elif set(keahlian) - set(Bidang.values) or set(keahlian.values()) - set(Tingkat.values):
        errors["keahlian"] = [_("Keahlian atau tingkat tidak dikenal.")]
    if not setuju_kode_etik:
        errors["setuju_kode_etik"] = [_("Anda perlu menyetujui kode etik Relawan TIK.")]
    clean["pekerjaan"] = rapikan_teks(clean.get("pekerjaan", ""))
    clean["motivasi"] = (clean.get("motivasi") or "").strip()
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def relawan_ajukan(
    *,
    oleh: User | None,
    nama: str,
    email: str = "",
    data: dict,
    keahlian: dict[str, str],
    setuju_kode_etik: bool,
    waktu: datetime | None = None,
) -> HasilLamaran:
    """Apply as a Relawan TIK, open to the public.

    Logged in (``oleh`` given, an operator too): the application is linked to that account.
    Anonymous: a new e-mail gets a new account without a password and an activation e-mail; an
    e-mail that already has an account is never attached by someone who is not logged in — its owner
    gets an e-mail asking them to log in and apply, and nothing is written (the page says the same
    in both cases, so it does not reveal which addresses have accounts).
    A person whose application was rejected, or whose candidacy lapsed, may apply again.
    """
    now = waktu or timezone.now()
    nama = rapikan_teks(nama)
    if not nama:
        raise ValidationError({"nama": _("Nama wajib diisi.")})
    clean = _check_lamaran(data, keahlian, setuju_kode_etik)
    akun_baru = False
    if oleh is None:
        email = (email or "").strip().lower()
        if not email:
            raise ValidationError({"email": _("E-mail wajib diisi.")})
        if _email_sudah_dipakai(email):
            emails.setelah_commit(emails.kirim_relawan_perlu_masuk, email)
            return HasilLamaran(relawan=None, perlu_masuk=True)
        oleh = posyantek_services.pengguna_buat(email=email, nama=nama, password=None, email_verified=False)
        akun_baru = True
    relawan = Relawan.objects.filter(user=oleh).first()
    if relawan is not None:
        if relawan.is_diterima:
            raise ValidationError(_("Anda sudah menjadi Relawan TIK."))
        if not relawan.boleh_mengajukan_ulang:
            raise ValidationError(_("Lamaran Anda sedang diproses. Kami akan mengabari Anda lewat e-mail."))
    else:
        relawan = Relawan(user=oleh)
    for field, value in clean.items():
        setattr(relawan, field, value)
    relawan.status = Relawan.Status.DIAJUKAN
    relawan.diajukan_at = now
    relawan.ditinjau_at = relawan.diputuskan_at = None
    relawan.diputuskan_oleh = None
    relawan.alasan_penolakan = ""
    relawan.setuju_kode_etik_at = now
    relawan.full_clean()
    simpan_unik(relawan)
    _set_keahlian(relawan, keahlian)
    changed = []
    if oleh.nama != nama:
        oleh.nama = nama
        changed.append("nama")
    if not oleh.telepon:
        oleh.telepon = relawan.telepon
        changed.append("telepon")
    if changed:
        oleh.save(update_fields=changed)
    if akun_baru:
        emails.setelah_commit(emails.kirim_relawan_aktivasi, oleh.pk)
    else:
        emails.setelah_commit(emails.kirim_relawan_lamaran_diterima, relawan.pk)
    return HasilLamaran(relawan=relawan, akun_baru=akun_baru)


@transaction.atomic
def relawan_aktifkan(*, oleh: User, password: str) -> User:
    """The applicant opened the link sent to their e-mail and chose a password: the address is
    proven, so it is marked verified. The caller has checked the token and the password rules."""
    oleh.set_password(password)
    oleh.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=oleh, email=oleh.email, defaults={"verified": True, "primary": True})
    return oleh


def _kunci_relawan(relawan: Relawan) -> Relawan:
    return Relawan.objects.select_for_update().select_related("user").get(pk=relawan.pk)


@transaction.atomic
def relawan_tinjau(*, relawan: Relawan, oleh: User, waktu: datetime | None = None) -> Relawan:
    """Diajukan → ditinjau (an admin provinsi has started reviewing)."""
    relawan = _kunci_relawan(relawan)
    if relawan.status != Relawan.Status.DIAJUKAN:
        raise ValidationError(_("Hanya lamaran berstatus diajukan yang bisa mulai ditinjau."))
    relawan.status = Relawan.Status.DITINJAU
    relawan.ditinjau_at = waktu or timezone.now()
    relawan.full_clean()
    relawan.save()
    return relawan


def _set_penugasan(relawan: Relawan, pos_list: list[Pos], oleh: User) -> None:
    wanted = {pos.pk for pos in pos_list}
    relawan.penugasan.exclude(pos_id__in=wanted).delete()
    existing = set(relawan.penugasan.values_list("pos_id", flat=True))
    PenugasanRelawan.objects.bulk_create(
        [PenugasanRelawan(relawan=relawan, pos_id=pk, created_by=oleh) for pk in wanted - existing]
    )


@transaction.atomic
def relawan_terima(
    *,
    relawan: Relawan,
    oleh: User,
    jenis_keanggotaan: str,
    komisariat: str,
    pos_list: list[Pos],
    waktu: datetime | None = None,
) -> Relawan:
    """Accept an application (admin provinsi): membership type, komisariat and at least one post.

    Refused once the 6-month candidacy has lapsed, and while the applicant has not confirmed their
    e-mail address (so nobody becomes a volunteer under an address they do not own).
    """
    now = waktu or timezone.now()
    relawan = _kunci_relawan(relawan)
    if not relawan.is_belum_diputuskan:
        raise ValidationError(_("Lamaran ini sudah diputuskan."))
    if relawan.masa_calon_habis(now):
        raise ValidationError(
            _("Masa pencalonan (6 bulan) sudah habis. Minta pemohon mengajukan ulang, atau tolak lamaran ini.")
        )
    if not _email_terverifikasi(relawan.user):
        raise ValidationError(_("Pemohon belum mengonfirmasi alamat e-mailnya."))
    if not pos_list:
        raise ValidationError({"pos": _("Tugaskan relawan ke setidaknya satu pos.")})
    relawan.status = Relawan.Status.DITERIMA
    relawan.ditinjau_at = relawan.ditinjau_at or now
    relawan.diputuskan_at = now
    relawan.diputuskan_oleh = oleh
    relawan.jenis_keanggotaan = jenis_keanggotaan
    relawan.komisariat = rapikan_teks(komisariat)
    relawan.full_clean()
    relawan.save()
    _set_penugasan(relawan, pos_list, oleh)
    emails.setelah_commit(emails.kirim_relawan_keputusan, relawan.pk)
    return relawan


@transaction.atomic
def relawan_tolak(*, relawan: Relawan, oleh: User, alasan: str, waktu: datetime | None = None) -> Relawan:
    """Reject an application with a reason the applicant will read."""
    relawan = _kunci_relawan(relawan)
    if not relawan.is_belum_diputuskan:
        raise ValidationError(_("Lamaran ini sudah diputuskan."))
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError({"alasan": _("Tulis alasan penolakan (paling sedikit 10 huruf).")})
    now = waktu or timezone.now()
    relawan.status = Relawan.Status.DITOLAK
    relawan.alasan_penolakan = alasan
    relawan.ditinjau_at = relawan.ditinjau_at or now
    relawan.diputuskan_at = now
    relawan.diputuskan_oleh = oleh
    relawan.full_clean()
    relawan.save()
    emails.setelah_commit(emails.kirim_relawan_keputusan, relawan.pk)
    return relawan


def relawan_kedaluwarsa_tutup(*, waktu: datetime | None = None) -> int:
    """Close every application left undecided past its 6-month candidacy (PRODUCT.md): status
    ``habis``, the applicant told by e-mail that they may apply again. Returns how many closed.

    Run daily by the scheduler. Idempotent: only undecided applications are touched, each under
    its row lock, so a second run (or two at once) closes and e-mails nobody twice.
    """
    now = waktu or timezone.now()
    # A month is at most 31 days: rows newer than that cannot have lapsed; the exact calendar test
    # (``masa_calon_habis``) decides for the rest.
    ids = list(
        Relawan.objects.belum_diputuskan()
        .filter(diajukan_at__lt=now - timedelta(days=28 * BULAN_MASA_CALON))
        .values_list("pk", flat=True)
    )
    ditutup = 0
    for pk in ids:
        with transaction.atomic():
            relawan = Relawan.objects.select_for_update().select_related("user").filter(pk=pk).first()
            if relawan is None or not relawan.masa_calon_habis(now):
                continue
            relawan.status = Relawan.Status.KEDALUWARSA
            relawan.diputuskan_at = now
            relawan.diputuskan_oleh = None
            relawan.alasan_penolakan = _("Masa pencalonan 6 bulan sudah habis tanpa keputusan.")
            relawan.full_clean()
            relawan.save()
            emails.setelah_commit(emails.kirim_relawan_keputusan, relawan.pk)
            ditutup += 1
    return ditutup


@transaction.atomic
def relawan_penugasan_tetapkan(
    *, relawan: Relawan, oleh: User, pos_list: list[Pos], jenis_keanggotaan: str, komisariat: str
) -> Relawan:
    """Change an accepted volunteer's membership type, komisariat and posts (admin provinsi)."""
    relawan = _kunci_relawan(relawan)
    if not relawan.is_diterima:
        raise ValidationError(_("Hanya relawan yang sudah diterima yang bisa ditugaskan."))
    if not pos_list:
        raise ValidationError({"pos": _("Tugaskan relawan ke setidaknya satu pos.")})
    relawan.jenis_keanggotaan = jenis_keanggotaan
    relawan.komisariat = rapikan_teks(komisariat)
    relawan.full_clean()
    relawan.save()
    _set_penugasan(relawan, pos_list, oleh)
    return relawan


def _check_aktivitas(aktivitas: AktivitasRelawan, relawan: Relawan, today) -> None:
    errors: dict[str, list[str]] = {}
    if not relawan.is_diterima:
        raise ValidationError(_("Hanya Relawan TIK yang sudah diterima yang dapat mencatat aktivitas."))
    if aktivitas.pos_id and not relawan.penugasan.filter(pos_id=aktivitas.pos_id).exists():
        errors["pos"] = [_("Anda tidak ditugaskan di pos ini.")]
    if aktivitas.tanggal:
        if aktivitas.tanggal > today:
            errors["tanggal"] = [_("Tanggal tidak boleh di masa depan.")]
        elif aktivitas.tanggal < today - timedelta(days=AKTIVITAS_HARI_MUNDUR):
            errors["tanggal"] = [_("Aktivitas lebih dari setahun lalu tidak bisa dicatat lagi.")]
    if aktivitas.jadwal_id:
        jadwal = aktivitas.jadwal
        if jadwal.pos_id != aktivitas.pos_id:
            errors["jadwal"] = [_("Sesi ini bukan milik pos yang dipilih.")]
        elif jadwal.status == Jadwal.Status.DIBATALKAN:
            errors["jadwal"] = [_("Sesi ini dibatalkan.")]
    if aktivitas.jam is not None and aktivitas.tanggal:
        others = AktivitasRelawan.objects.filter(relawan=relawan, tanggal=aktivitas.tanggal).exclude(
            status=AktivitasRelawan.Status.DITOLAK
        ).exclude(pk=aktivitas.pk).aggregate(total=Sum("jam"))["total"] or Decimal(0)
        if others + Decimal(aktivitas.jam) > 24:
            errors["jam"] = [_("Jumlah jam pada tanggal ini melebihi 24 jam.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def aktivitas_buat(*, relawan: Relawan, data: dict, waktu: datetime | None = None) -> AktivitasRelawan:
    """A volunteer logs work for one of their posts; it waits for that post's operator to confirm."""
    aktivitas = AktivitasRelawan(relawan=relawan)
    kolom_isi(aktivitas, data, boleh=AKTIVITAS_FIELDS)
    aktivitas.ukm_nama = rapikan_teks(aktivitas.ukm_nama)
    _check_aktivitas(aktivitas, relawan, timezone.localdate(waktu or timezone.now()))
    aktivitas.full_clean()
    aktivitas.save()
    return aktivitas


@transaction.atomic
def aktivitas_ubah(
    *, aktivitas: AktivitasRelawan, relawan: Relawan, data: dict, waktu: datetime | None = None
) -> AktivitasRelawan:
    """The volunteer corrects their own entry while it still waits for confirmation."""
    aktivitas = AktivitasRelawan.objects.select_for_update().get(pk=aktivitas.pk)
    if aktivitas.relawan_id != relawan.pk:
        raise ValidationError(_("Ini bukan aktivitas Anda."))
    if not aktivitas.bisa_diubah:
        raise ValidationError(_("Aktivitas yang sudah diputuskan operator tidak bisa diubah."))
    kolom_isi(aktivitas, data, boleh=AKTIVITAS_FIELDS)
    aktivitas.ukm_nama = rapikan_teks(aktivitas.ukm_nama)
    _check_aktivitas(aktivitas, relawan, timezone.localdate(waktu or timezone.now()))
    aktivitas.full_clean()
    aktivitas.save()
    return aktivitas


@transaction.atomic
def aktivitas_hapus(*, aktivitas: AktivitasRelawan, relawan: Relawan) -> None:
    aktivitas = AktivitasRelawan.objects.select_for_update().get(pk=aktivitas.pk)
    if aktivitas.relawan_id != relawan.pk:
        raise ValidationError(_("Ini bukan aktivitas Anda."))
    if not aktivitas.bisa_diubah:
        raise ValidationError(_("Aktivitas yang sudah diputuskan operator tidak bisa dihapus."))
    aktivitas.delete()


@transaction.atomic
def aktivitas_konfirmasi(*, aktivitas: AktivitasRelawan, oleh: User, waktu: datetime | None = None) -> AktivitasRelawan:
    """The post's operator confirms the hours; from now on they count in every report.
    The caller fetched ``aktivitas`` through the operator's post."""
    aktivitas = AktivitasRelawan.objects.select_for_update().get(pk=aktivitas.pk)
    if aktivitas.status != AktivitasRelawan.Status.DIAJUKAN:
        raise ValidationError(_("Aktivitas ini sudah diputuskan."))
    aktivitas.status = AktivitasRelawan.Status.DIKONFIRMASI
    aktivitas.dikonfirmasi_oleh = oleh
    aktivitas.dikonfirmasi_at = waktu or timezone.now()
    aktivitas.alasan_penolakan = ""
    aktivitas.full_clean()
    aktivitas.save()
    return aktivitas


@transaction.atomic
def aktivitas_tolak(
    *, aktivitas: AktivitasRelawan, oleh: User, alasan: str, waktu: datetime | None = None
) -> AktivitasRelawan:
    """The post's operator declines an entry, with a reason the volunteer sees."""
    aktivitas = AktivitasRelawan.objects.select_for_update().get(pk=aktivitas.pk)
    if aktivitas.status != AktivitasRelawan.Status.DIAJUKAN:
        raise ValidationError(_("Aktivitas ini sudah diputuskan."))
    alasan = rapikan_teks(alasan)
    if len(alasan) < 5:
        raise ValidationError({"alasan": _("Tulis alasan penolakan (paling sedikit 5 huruf).")})
    aktivitas.status = AktivitasRelawan.Status.DITOLAK
    aktivitas.alasan_penolakan = alasan[:300]
    aktivitas.dikonfirmasi_oleh = oleh
    aktivitas.dikonfirmasi_at = waktu or timezone.now()
    aktivitas.full_clean()
    aktivitas.save()
    return aktivitas
