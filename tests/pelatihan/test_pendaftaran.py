"""Registration, waiting list, cancellation, attendance, certificates, feedback and reminders."""

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Jadwal, Pendaftaran, Sertifikat, UmpanBalik
from pelatihan.selectors import pelatih_tersertifikasi
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def status_of(jadwal):
    return list(jadwal.pendaftaran.order_by("pk").values_list("nama", "status"))


def test_pendaftaran_create_confirms_while_seats_then_waitlists(jadwal_a, peserta):
    jadwal_a.kapasitas = 2
    jadwal_a.save()
    people = peserta(4)
    results = [services.pendaftaran_buat(jadwal=jadwal_a, oleh=u) for u in people]
    assert [p.status for p in results] == ["terkonfirmasi", "terkonfirmasi", "menunggu", "menunggu"]
    assert results[2].antre_sejak <= results[3].antre_sejak


def test_pendaftaran_create_sends_confirmation_with_ics(
    jadwal_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    (user,) = peserta(1)
    with django_capture_on_commit_callbacks(execute=True):
        services.pendaftaran_buat(jadwal=jadwal_a, oleh=user)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert "Pendaftaran terkonfirmasi" in mail.subject
    name, content, mimetype = mail.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(content)
    event = cal.events[0]
    assert str(event["summary"]) == jadwal_a.nama
    assert event.start == jadwal_a.mulai
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Asia/Jakarta"


def test_pendaftaran_create_refuses_second_registration_and_writes_nothing(jadwal_a, peserta):
    (user,) = peserta(1)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=user)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.pendaftaran_buat(jadwal=jadwal_a, oleh=user)
    assert jadwal_a.pendaftaran.count() == 1


def test_pendaftaran_unique_constraint_holds_in_database(jadwal_a, peserta):
    from django.db import IntegrityError, transaction

    (user,) = peserta(1)
    PendaftaranFactory(jadwal=jadwal_a, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pendaftaran.objects.create(jadwal=jadwal_a, user=user, nama="lagi", status="terkonfirmasi")


def test_pendaftaran_create_refuses_outside_window(pos_a, peserta):
    (user,) = peserta(1)
    now = timezone.now()
    belum = JadwalFactory(pos=pos_a, pendaftaran_buka=now + timedelta(hours=1))
    lewat = JadwalFactory(pos=pos_a, mulai=now - timedelta(hours=1), selesai=now + timedelta(hours=1))
    draf = JadwalFactory(pos=pos_a, status=Jadwal.Status.DRAF)
    batal = JadwalFactory(pos=pos_a, status=Jadwal.Status.DIBATALKAN)
    for jadwal, message in [
        (belum, "belum dibuka"),
        (lewat, "sudah ditutup"),
        (draf, "belum dibuka untuk umum"),
        (batal, "dibatalkan"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.pendaftaran_buat(jadwal=jadwal, oleh=user)
    assert Pendaftaran.objects.count() == 0


@pytest.mark.parametrize(
    "sasaran,flags,allowed",
    [
        ("pemilik_ukm", {"is_pemilik_ukm": True}, True),
        ("pemilik_ukm", {"is_pemilik_ukm": False}, False),
        ("pelatih", {"is_pemilik_ukm": True}, False),
        ("umum", {"is_pemilik_ukm": False}, True),
    ],
)
def test_pendaftaran_create_follows_audience(jadwal_a, sasaran, flags, allowed):
    jadwal_a.sasaran = sasaran
    jadwal_a.save()
    user = UserFactory(**flags)
    if allowed:
        assert services.pendaftaran_buat(jadwal=jadwal_a, oleh=user).status == "terkonfirmasi"
    else:
        with pytest.raises(ValidationError, match="khusus"):
            services.pendaftaran_buat(jadwal=jadwal_a, oleh=user)
        assert jadwal_a.pendaftaran.count() == 0


def test_pendaftaran_pelatih_audience_admits_relawan_and_operator(jadwal_a, relawan_a, operator_b):
    jadwal_a.sasaran = Jadwal.Sasaran.PELATIH
    jadwal_a.save()
    assert services.pendaftaran_buat(jadwal=jadwal_a, oleh=relawan_a.user).status == "terkonfirmasi"
    assert services.pendaftaran_buat(jadwal=jadwal_a, oleh=operator_b).status == "terkonfirmasi"


def test_cancel_promotes_first_waiting_and_emails_them(
    jadwal_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b, c = peserta(3)
    first = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=c)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.pendaftaran_batalkan(pendaftaran=first, oleh=a)
    assert [p.user for p in promoted] == [b]
    assert status_of(jadwal_a) == [(a.nama, "dibatalkan"), (b.nama, "terkonfirmasi"), (c.nama, "menunggu")]
    assert [m.to for m in mailoutbox] == [[b.email]]
    assert "Kursi tersedia" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_cancel_of_waiting_place_promotes_nobody(jadwal_a, peserta):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b, c = peserta(3)
    for u in (a, b, c):
        services.pendaftaran_buat(jadwal=jadwal_a, oleh=u)
    waiting_b = Pendaftaran.objects.get(jadwal=jadwal_a, user=b)
    assert services.pendaftaran_batalkan(pendaftaran=waiting_b, oleh=b) == []
    assert status_of(jadwal_a) == [(a.nama, "terkonfirmasi"), (b.nama, "dibatalkan"), (c.nama, "menunggu")]


def test_cancel_refused_after_start_and_nothing_changes(pos_a, peserta):
    (user,) = peserta(1)
    jadwal = JadwalFactory(pos=pos_a)
    pendaftaran = services.pendaftaran_buat(jadwal=jadwal, oleh=user)
    with pytest.raises(ValidationError, match="setelah sesi dimulai"):
        services.pendaftaran_batalkan(pendaftaran=pendaftaran, oleh=user, waktu=jadwal.mulai + timedelta(minutes=1))
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == "terkonfirmasi"


def test_register_again_after_cancel_reuses_row_and_joins_end_of_queue(jadwal_a, peserta):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b = peserta(2)
    first = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    services.pendaftaran_batalkan(pendaftaran=first, oleh=a)
    again = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    assert again.pk == first.pk and again.status == "menunggu"
    assert jadwal_a.pendaftaran.count() == 2


def test_walkin_registers_by_name_and_phone_and_refuses_duplicate(jadwal_a, operator_a):
    p = services.pendaftaran_tamu_buat(
        jadwal=jadwal_a, oleh=operator_a, nama="  Ibu   Sari ", telepon="+62 812-3456-7890"
    )
    assert (p.nama, p.telepon, p.sumber, p.user) == ("Ibu Sari", "081234567890", "langsung", None)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.pendaftaran_tamu_buat(jadwal=jadwal_a, oleh=operator_a, nama="ibu sari", telepon="0812 3456 7890")
    assert jadwal_a.pendaftaran.count() == 1


def test_walkin_counts_against_capacity(jadwal_a, operator_a, peserta):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    services.pendaftaran_tamu_buat(jadwal=jadwal_a, oleh=operator_a, nama="Pak Budi", telepon="081200000001")
    (user,) = peserta(1)
    assert services.pendaftaran_buat(jadwal=jadwal_a, oleh=user).status == "menunggu"


def test_kehadiran_set_issues_and_withdraws_certificates(jadwal_a, operator_a, peserta):
    a, b = peserta(2)
    pa = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    pb = services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    on_the_day = jadwal_a.mulai + timedelta(minutes=30)
    result = services.kehadiran_tetapkan(jadwal=jadwal_a, oleh=operator_a, hadir_ids={pa.pk, pb.pk}, waktu=on_the_day)
    assert result == {"hadir": 2, "tidak_hadir": 0}
    codes = set(Sertifikat.objects.values_list("kode", flat=True))
    assert len(codes) == 2 and all(len(code) == 16 and code.isalnum() and code.isupper() for code in codes)
    services.kehadiran_tetapkan(jadwal=jadwal_a, oleh=operator_a, hadir_ids={pa.pk}, waktu=on_the_day)
    pb.refresh_from_db()
    assert not pb.hadir and not Sertifikat.objects.filter(pendaftaran=pb).exists()


def test_kehadiran_set_refuses_before_the_day_and_foreign_ids(jadwal_a, jadwal_b, operator_a, peserta):
    a, b = peserta(2)
    pa = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    other = services.pendaftaran_buat(jadwal=jadwal_b, oleh=b)
    with pytest.raises(ValidationError, match="setelah sesi dimulai"):
        services.kehadiran_tetapkan(
            jadwal=jadwal_a, oleh=operator_a, hadir_ids={pa.pk}, waktu=jadwal_a.mulai - timedelta(days=2)
        )
    with pytest.raises(ValidationError, match="tidak terdaftar"):
        services.kehadiran_tetapkan(jadwal=jadwal_a, oleh=operator_a, hadir_ids={pa.pk, other.pk}, waktu=jadwal_a.mulai)
    assert not Pendaftaran.objects.filter(hadir=True).exists()
    assert Sertifikat.objects.count() == 0


def test_tot_attendance_makes_certified_trainer(pos_a, operator_a, relawan_a, peserta):
    tot = JadwalFactory(pos=pos_a, program=ProgramFactory(jenis="tot"))
    biasa = JadwalFactory(pos=pos_a)
    (owner,) = peserta(1)
    p_tot = services.pendaftaran_buat(jadwal=tot, oleh=relawan_a.user)
    p_biasa = services.pendaftaran_buat(jadwal=biasa, oleh=owner)
    services.kehadiran_tetapkan(jadwal=tot, oleh=operator_a, hadir_ids={p_tot.pk}, waktu=tot.mulai)
    services.kehadiran_tetapkan(jadwal=biasa, oleh=operator_a, hadir_ids={p_biasa.pk}, waktu=biasa.mulai)
    assert list(pelatih_tersertifikasi()) == [relawan_a.user]


def test_umpan_balik_only_from_attendee_after_start(jadwal_a, operator_a, peserta):
    a, b = peserta(2)
    pa = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    pb = services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    services.kehadiran_tetapkan(jadwal=jadwal_a, oleh=operator_a, hadir_ids={pa.pk}, waktu=jadwal_a.mulai)
    after = jadwal_a.selesai
    with pytest.raises(ValidationError, match="tercatat hadir"):
        services.umpan_balik_kirim(pendaftaran=pb, oleh=b, nilai=5, waktu=after)
    with pytest.raises(ValidationError, match="peserta sendiri"):
        services.umpan_balik_kirim(pendaftaran=pa, oleh=b, nilai=5, waktu=after)
    with pytest.raises(ValidationError, match="setelah sesi dimulai"):
        services.umpan_balik_kirim(pendaftaran=pa, oleh=a, nilai=5, waktu=jadwal_a.mulai - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.umpan_balik_kirim(pendaftaran=pa, oleh=a, nilai=6, waktu=after)
    assert UmpanBalik.objects.count() == 0
    services.umpan_balik_kirim(pendaftaran=pa, oleh=a, nilai=4, komentar="Bagus", waktu=after)
    services.umpan_balik_kirim(pendaftaran=pa, oleh=a, nilai=5, komentar="Bagus sekali", waktu=after)
    assert list(UmpanBalik.objects.values_list("nilai", "komentar")) == [(5, "Bagus sekali")]


def test_capacity_increase_promotes_waiting(jadwal_a, operator_a, peserta):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b, c = peserta(3)
    for u in (a, b, c):
        services.pendaftaran_buat(jadwal=jadwal_a, oleh=u)
    services.jadwal_ubah(jadwal=jadwal_a, oleh=operator_a, data={"kapasitas": 2}, pelatih=[])
    assert status_of(jadwal_a) == [(a.nama, "terkonfirmasi"), (b.nama, "terkonfirmasi"), (c.nama, "menunggu")]


def test_capacity_below_confirmed_refused(jadwal_a, operator_a, peserta):
    for u in peserta(3):
        services.pendaftaran_buat(jadwal=jadwal_a, oleh=u)
    with pytest.raises(ValidationError) as info:
        services.jadwal_ubah(jadwal=jadwal_a, oleh=operator_a, data={"kapasitas": 2}, pelatih=[])
    assert "(3)" in str(info.value.message_dict["kapasitas"])
    jadwal_a.refresh_from_db()
    assert jadwal_a.kapasitas == 10


def test_jadwal_cancel_notifies_everyone_registered(
    jadwal_a, operator_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.jadwal_batalkan(jadwal=jadwal_a, oleh=operator_a, alasan="Ruangan dipakai acara kecamatan")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.email, b.email])
    cal = icalendar.Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert str(cal.events[0]["status"]) == "CANCELLED"
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        services.jadwal_batalkan(jadwal=jadwal_a, oleh=operator_a, alasan="lagi-lagi")


def test_jadwal_update_of_time_tells_registrants(
    jadwal_a, operator_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    (a,) = peserta(1)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.jadwal_ubah(
            jadwal=jadwal_a,
            oleh=operator_a,
            pelatih=[],
            data={"mulai": jadwal_a.mulai + timedelta(hours=1), "selesai": jadwal_a.selesai + timedelta(hours=1)},
        )
    assert [m.to for m in mailoutbox] == [[a.email]]
    assert "Perubahan jadwal" in mailoutbox[0].subject
    cal = icalendar.Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert cal.events[0]["sequence"] == 1


def test_reminder_command_sends_once_for_tomorrow(
    pos_a, peserta, mailoutbox, operator_a, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time())) + timedelta(hours=9)
    besok = JadwalFactory(pos=pos_a, mulai=start, selesai=start + timedelta(hours=2))
    lusa = JadwalFactory(pos=pos_a, mulai=start + timedelta(days=1), selesai=start + timedelta(days=1, hours=2))
    a, b, c = peserta(3)
    services.pendaftaran_buat(jadwal=besok, oleh=a)
    services.pendaftaran_buat(jadwal=lusa, oleh=b)
    services.pendaftaran_tamu_buat(jadwal=besok, oleh=operator_a, nama="Tanpa Email", telepon="081211112222")
    services.pendaftaran_tamu_buat(
        jadwal=besok, oleh=operator_a, nama="Dengan Email", telepon="081233334444", email="walkin@contoh.test"
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kirim_pengingat_pelatihan")
        call_command("kirim_pengingat_pelatihan")
    assert sorted(m.to[0] for m in mailoutbox) == [a.email, "walkin@contoh.test"]
    assert all("Pengingat" in m.subject for m in mailoutbox)
    assert Pendaftaran.objects.filter(jadwal=besok, pengingat_terkirim_at__isnull=False).count() == 2


def test_reminder_waits_in_the_outbox_while_mail_is_down(
    pos_a, peserta, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from posyantek.models import Surel
    from posyantek.tasks import kirim_surel_tertunda

    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time())) + timedelta(hours=9)
    besok = JadwalFactory(pos=pos_a, mulai=start, selesai=start + timedelta(hours=2))
    (a,) = peserta(1)
    services.pendaftaran_buat(jadwal=besok, oleh=a)
    mailoutbox.clear()
    settings.EMAIL_BACKEND = "tests.posyantek.test_undangan.RusakBackend"  # mail leaves the machine
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pengingat_kirim(besok=tomorrow) == 1
    assert services.pengingat_kirim(besok=tomorrow) == 0  # claimed once, even though not delivered yet
    pengingat = Surel.objects.get(subjek__contains="Pengingat")
    assert (pengingat.status, pengingat.percobaan, mailoutbox) == (Surel.Status.MENUNGGU, 1, [])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    kirim_surel_tertunda.delay()  # the scheduled sweep
    assert [(m.to, "Pengingat" in m.subject) for m in mailoutbox if "Pengingat" in m.subject] == [([a.email], True)]


def test_reminder_command_takes_a_date_and_refuses_a_bad_one(
    pos_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.management import CommandError

    start = timezone.make_aware(timezone.datetime(2026, 12, 24, 9, 0))
    jadwal = JadwalFactory(pos=pos_a, mulai=start, selesai=start + timedelta(hours=2))
    (a,) = peserta(1)
    services.pendaftaran_buat(jadwal=jadwal, oleh=a, waktu=start - timedelta(days=5))
    mailoutbox.clear()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("kirim_pengingat_pelatihan", tanggal="24-12-2026")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kirim_pengingat_pelatihan", tanggal="2026-12-24")
    assert [m.to for m in mailoutbox] == [[a.email]]


def test_certificate_carries_current_account_name(jadwal_a, operator_a, peserta):
    (a,) = peserta(1)
    p = services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    a.nama = "Siti Nurhaliza Binti Ahmad"
    a.save()
    services.kehadiran_tetapkan(jadwal=jadwal_a, oleh=operator_a, hadir_ids={p.pk}, waktu=jadwal_a.mulai)
    assert Sertifikat.objects.get(pendaftaran=p).nama == "Siti Nurhaliza Binti Ahmad"
