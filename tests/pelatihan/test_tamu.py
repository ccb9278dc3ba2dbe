"""Booking without an account and check-in at the door (#15 items 1 and 3)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pelatihan import hadir, services
from pelatihan.models import Jadwal, Pendaftaran, Sertifikat
from pelatihan.models.jadwal import KODE_HURUF
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory

pytestmark = pytest.mark.django_db


def _pesan(client, jadwal, **data):
    data = {"nama": "Siti Aminah", "telepon": "0812-3456-7890", "email": "", **data}
    return client.post(reverse("pelatihan:tamu-daftar", args=[jadwal.pk]), data)


# -- booking -----------------------------------------------------------------------------------


def test_a_guest_books_with_name_and_phone_and_lands_on_the_secret_page(client, jadwal_a):
    response = _pesan(client, jadwal_a, telepon="+62 812 3456 7890")
    pesanan = Pendaftaran.objects.get(jadwal=jadwal_a)
    assert response.status_code == 302 and response["Location"] == pesanan.get_tamu_url()
    assert pesanan.user is None and pesanan.sumber == Pendaftaran.Sumber.TAMU
    assert pesanan.status == Pendaftaran.Status.TERKONFIRMASI
    assert pesanan.telepon == "081234567890"  # +62 normalised to 08…
    assert len(pesanan.kode) == 8 and set(pesanan.kode) <= set(KODE_HURUF)
    assert len(pesanan.token) >= 43
    page = client.get(pesanan.get_tamu_url())
    body = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex" and page["Referrer-Policy"] == "same-origin"
    assert f"{pesanan.kode[:4]}-{pesanan.kode[4:]}" in body
    assert "Kursi Anda terkonfirmasi" in body and 'src="data:image/svg+xml;base64,' in body
    ics = client.get(reverse("pelatihan:pesanan-ics", args=[pesanan.token]))
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content and jadwal_a.nama.encode() in ics.content


def test_the_session_page_offers_the_guest_form_to_visitors(client, jadwal_a):
    body = client.get(jadwal_a.get_absolute_url()).content.decode()
    assert reverse("pelatihan:tamu-daftar", args=[jadwal_a.pk]) in body
    assert 'name="telepon"' in body and 'inputmode="tel"' in body


def test_a_full_session_puts_the_guest_on_the_waiting_list(client, pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=1)
    _pesan(client, jadwal, telepon="081200000001")
    _pesan(client, jadwal, nama="Budi", telepon="081200000002")
    kedua = Pendaftaran.objects.get(jadwal=jadwal, telepon="081200000002")
    assert kedua.status == Pendaftaran.Status.MENUNGGU
    body = client.get(kedua.get_tamu_url()).content.decode()
    assert "daftar tunggu, urutan ke-1" in body
    assert 'src="data:image/svg+xml' not in body  # no door QR code without a seat


def test_the_same_phone_cannot_book_a_session_twice(client, jadwal_a):
    _pesan(client, jadwal_a)
    response = _pesan(client, jadwal_a, nama="Orang Lain", telepon="+6281234567890")
    assert response.status_code == 200
    assert "Nomor ini sudah terdaftar di sesi ini" in response.content.decode()
    assert Pendaftaran.objects.filter(jadwal=jadwal_a).count() == 1


def test_the_database_refuses_a_second_active_guest_booking_of_a_phone(jadwal_a):
    services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Siti", telepon="081234567890")
    with pytest.raises(IntegrityError), transaction.atomic():
        Pendaftaran.objects.create(
            jadwal=jadwal_a, nama="Siti Lain", telepon="081234567890", sumber="tamu", status="menunggu"
        )


def test_a_guest_cancels_and_books_again_with_the_same_link(client, jadwal_a):
    _pesan(client, jadwal_a, email="siti@contoh.test")
    pesanan = Pendaftaran.objects.get(jadwal=jadwal_a)
    response = client.post(reverse("pelatihan:pesanan-batal", args=[pesanan.token]))
    assert response.status_code == 302
    pesanan.refresh_from_db()
    assert pesanan.status == Pendaftaran.Status.DIBATALKAN
    body = client.get(pesanan.get_tamu_url()).content.decode()
    assert "Pemesanan ini dibatalkan" in body and "Pesan lagi" in body
    _pesan(client, jadwal_a)
    again = Pendaftaran.objects.get(jadwal=jadwal_a)
    assert again.pk == pesanan.pk and again.token == pesanan.token  # the link they kept still works
    assert again.status == Pendaftaran.Status.TERKONFIRMASI


def test_an_email_is_optional_and_gets_the_confirmation(client, jadwal_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _pesan(client, jadwal_a, email="Siti@Contoh.test")
    assert [m.to for m in mail.outbox] == [["siti@contoh.test"]]


def test_a_cancelled_seat_goes_to_the_guest_waiting(client, pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=1)
    _pesan(client, jadwal, telepon="081200000001")
    _pesan(client, jadwal, nama="Budi", telepon="081200000002")
    pertama = Pendaftaran.objects.get(jadwal=jadwal, telepon="081200000001")
    client.post(reverse("pelatihan:pesanan-batal", args=[pertama.token]))
    assert Pendaftaran.objects.get(telepon="081200000002").status == Pendaftaran.Status.TERKONFIRMASI


@pytest.mark.parametrize(
    "data, field",
    [
        ({"nama": "   "}, "nama"),
        ({"telepon": "=HYPERLINK(1)"}, "telepon"),
        ({"telepon": "021-555-1234"}, "telepon"),  # a landline: no WhatsApp, no booking code by SMS
        ({"telepon": "0812"}, "telepon"),
        ({"email": "bukan-email"}, "email"),
        ({"nama": "x" * 151}, "nama"),
    ],
)
def test_hostile_booking_input_is_refused_in_indonesian_and_writes_nothing(client, jadwal_a, data, field):
    response = _pesan(client, jadwal_a, **data)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not Pendaftaran.objects.exists()


def test_guests_cannot_book_a_session_for_a_restricted_audience_or_a_closed_one(client, pos_a):
    khusus = JadwalFactory(pos=pos_a, sasaran=Jadwal.Sasaran.PEMILIK_UKM)
    body = _pesan(client, khusus).content.decode()
    assert "masuk dengan akun" in body
    lewat = JadwalFactory(
        pos=pos_a, mulai=timezone.now() - timedelta(hours=5), selesai=timezone.now() - timedelta(hours=2)
    )
    assert "tidak sedang dibuka" in _pesan(client, lewat).content.decode()
    assert not Pendaftaran.objects.exists()


def test_bookings_are_rate_limited_per_client(client, jadwal_a, monkeypatch):
    monkeypatch.setattr("pelatihan.views.tamu.PEMESANAN_PER_JAM_PER_IP", 2)
    _pesan(client, jadwal_a, telepon="081200000001")
    _pesan(client, jadwal_a, telepon="081200000002")
    response = _pesan(client, jadwal_a, telepon="081200000003")
    assert response.status_code == 429
    assert Pendaftaran.objects.count() == 2
    other = client.post(
        reverse("pelatihan:tamu-daftar", args=[jadwal_a.pk]),
        {"nama": "Ani", "telepon": "081200000004"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302  # another client is not limited by the first


def test_an_unknown_or_tampered_token_is_404(client, jadwal_a):
    _pesan(client, jadwal_a)
    token = Pendaftaran.objects.get().token
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 500, "abc"):
        assert client.get(reverse("pelatihan:pesanan", args=[bad])).status_code == 404
        assert client.post(reverse("pelatihan:pesanan-batal", args=[bad])).status_code == 404
    assert Pendaftaran.objects.get().status == Pendaftaran.Status.TERKONFIRMASI


def test_an_account_holders_booking_has_no_guest_page(client, jadwal_a, peserta):
    (orang,) = peserta(1)
    p = services.pendaftaran_buat(jadwal=jadwal_a, oleh=orang)
    assert p.kode and p.token is None and p.get_tamu_url() == ""


# -- operators see one list ----------------------------------------------------------------------


def test_operators_see_guests_and_account_holders_in_one_list(client, jadwal_a, operator_a, peserta):
    (orang,) = peserta(1)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=orang)
    tamu = services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Tamu Pertama", telepon="081299990000")
    client.force_login(operator_a)
    body = client.get(reverse("pelatihan:kelola-jadwal-detail", args=[jadwal_a.pos.slug, jadwal_a.pk])).content.decode()
    assert orang.nama in body and "Tamu Pertama" in body and "Tamu (tanpa akun)" in body and tamu.kode in body


# -- a guest's bookings join their account ---------------------------------------------------------


def test_a_guest_who_signs_up_with_the_same_phone_joins_their_bookings(client, jadwal_a, pos_a):
    lain = JadwalFactory(pos=pos_a)
    p1 = services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Siti", telepon="081234567890")
    p2 = services.pemesanan_tamu_buat(jadwal=lain, nama="Siti", telepon="0812 3456 7890")
    asing = services.pemesanan_tamu_buat(jadwal=lain, nama="Budi", telepon="081299990000")
    akun = UserFactory(email="siti@contoh.test", telepon="+62 812-3456-7890")
    client.force_login(akun)
    response = client.post(reverse("pelatihan:pesanan-gabung", args=[p1.token]))
    assert response.status_code == 302 and response["Location"] == reverse("pelatihan:saya")
    p1.refresh_from_db()
    p2.refresh_from_db()
    asing.refresh_from_db()
    assert p1.user == akun and p2.user == akun and p1.token is None
    assert asing.user is None
    body = client.get(reverse("pelatihan:saya")).content.decode()
    assert jadwal_a.nama in body and lain.nama in body


def test_joining_needs_the_same_phone_and_a_login(client, jadwal_a):
    p = services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Siti", telepon="081234567890")
    assert client.post(reverse("pelatihan:pesanan-gabung", args=[p.token])).status_code == 302  # to log in
    orang_lain = UserFactory(email="lain@contoh.test", telepon="081299990000")
    client.force_login(orang_lain)
    client.post(reverse("pelatihan:pesanan-gabung", args=[p.token]))
    p.refresh_from_db()
    assert p.user is None
    with pytest.raises(ValidationError, match="berbeda"):
        services.pemesanan_tamu_gabungkan(pendaftaran=p, oleh=orang_lain)


def test_an_account_without_a_phone_joins_by_the_booking_code(client, jadwal_a):
    p = services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Siti", telepon="081234567890")
    akun = UserFactory(email="siti2@contoh.test", telepon="")
    client.force_login(akun)
    salah = client.post(reverse("pelatihan:gabung-kode"), {"kode": "ZZZZ-ZZZZ"})
    assert salah.status_code == 200 and salah.context["form"].errors["kode"]
    ok = client.post(reverse("pelatihan:gabung-kode"), {"kode": f"{p.kode[:4].lower()}-{p.kode[4:]}"})
    assert ok.status_code == 302
    p.refresh_from_db()
    akun.refresh_from_db()
    assert p.user == akun and akun.telepon == "081234567890"


def test_a_session_already_booked_with_the_account_keeps_that_booking(jadwal_a):
    akun = UserFactory(email="siti3@contoh.test", telepon="081234567890")
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=akun)
    tamu = services.pemesanan_tamu_buat(jadwal=jadwal_a, nama="Siti", telepon="081234567890")
    assert services.pemesanan_tamu_gabungkan(pendaftaran=tamu, oleh=akun) == 0
    assert Pendaftaran.objects.filter(jadwal=jadwal_a, user=akun).count() == 1


# -- check-in at the door ----------------------------------------------------------------------------


@pytest.fixture
def sesi_berjalan(pos_a):
    now = timezone.now()
    return JadwalFactory(pos=pos_a, mulai=now - timedelta(minutes=30), selesai=now + timedelta(hours=2))


def _tamu_di(jadwal, telepon="081234567890", nama="Siti"):
    p = PendaftaranFactory(jadwal=jadwal, user=None, nama=nama, telepon=telepon, sumber="tamu", token=f"t{telepon}")
    return Pendaftaran.objects.get(pk=p.pk)


def test_an_operator_checks_a_participant_in_by_booking_code(client, sesi_berjalan, operator_a):
    p = _tamu_di(sesi_berjalan)
    client.force_login(operator_a)
    url = reverse("pelatihan:kelola-masuk", args=[sesi_berjalan.pos.slug, sesi_berjalan.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'src="data:image/svg+xml;base64,' in page.content.decode()  # the door QR
    response = client.post(url, {"kode": f" {p.kode[:4].lower()} {p.kode[4:]} "}, follow=True)
    assert "Siti hadir" in response.content.decode()
    p.refresh_from_db()
    assert p.hadir and Sertifikat.objects.filter(pendaftaran=p).exists()
    again = client.post(url, {"kode": p.kode}, follow=True)  # idempotent
    assert "sudah tercatat hadir" in again.content.decode()
    assert Sertifikat.objects.filter(pendaftaran=p).count() == 1


def test_an_operator_checks_a_participant_in_by_the_signed_qr_link(client, sesi_berjalan, operator_a):
    p = _tamu_di(sesi_berjalan)
    lain = _tamu_di(sesi_berjalan, telepon="081299990000", nama="Budi")
    lain.hadir = True
    lain.save()
    url = reverse("pelatihan:hadir", args=[hadir.tanda_hadir(p)])
    assert client.get(url).status_code == 302  # log in first
    client.force_login(operator_a)
    page = client.get(url)
    assert page.status_code == 200 and "Siti" in page.content.decode()
    p.refresh_from_db()
    assert not p.hadir  # opening the link (a GET) changes nothing
    client.post(url)
    p.refresh_from_db()
    lain.refresh_from_db()
    assert p.hadir and lain.hadir  # the others present stay present


def test_check_in_is_refused_before_the_start_after_the_end_and_for_another_session(
    client, sesi_berjalan, jadwal_a, operator_a
):
    belum = _tamu_di(jadwal_a)  # jadwal_a starts in three days
    with pytest.raises(ValidationError, match="dibuka saat sesi dimulai"):
        services.kehadiran_catat(jadwal=jadwal_a, pendaftaran=belum, oleh=operator_a)
    with pytest.raises(ValidationError, match="sesi lain"):
        services.kehadiran_catat(jadwal=sesi_berjalan, pendaftaran=belum, oleh=operator_a)
    p = _tamu_di(sesi_berjalan, telepon="081211112222")
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.kehadiran_catat(
            jadwal=sesi_berjalan, pendaftaran=p, oleh=operator_a, waktu=sesi_berjalan.selesai + timedelta(minutes=1)
        )
    client.force_login(operator_a)
    url = reverse("pelatihan:kelola-masuk", args=[sesi_berjalan.pos.slug, sesi_berjalan.pk])
    response = client.post(url, {"kode": belum.kode})
    assert response.status_code == 200 and "sesi lain" in response.content.decode()
    belum.refresh_from_db()
    assert not belum.hadir


def test_check_in_of_a_waiting_participant_is_refused(sesi_berjalan, operator_a):
    p = _tamu_di(sesi_berjalan)
    Pendaftaran.objects.filter(pk=p.pk).update(status="menunggu", antre_sejak=timezone.now())
    p.refresh_from_db()
    with pytest.raises(ValidationError, match="belum punya kursi"):
        services.kehadiran_catat(jadwal=sesi_berjalan, pendaftaran=p, oleh=operator_a)


@pytest.mark.parametrize("kode", ["", "abc", "=1+1", "<script>", "K" * 30, "00000000"])
def test_hostile_codes_at_the_door_get_a_clear_message(client, sesi_berjalan, operator_a, kode):
    client.force_login(operator_a)
    url = reverse("pelatihan:kelola-masuk", args=[sesi_berjalan.pos.slug, sesi_berjalan.pk])
    response = client.post(url, {"kode": kode})
    assert response.status_code == 200
    assert response.context["form"].errors["kode"]


def test_another_posts_operator_gets_404_at_the_door_and_on_the_link(client, sesi_berjalan, operator_b):
    p = _tamu_di(sesi_berjalan)
    client.force_login(operator_b)
    masuk = reverse("pelatihan:kelola-masuk", args=[sesi_berjalan.pos.slug, sesi_berjalan.pk])
    assert client.get(masuk).status_code == 404
    assert client.post(masuk, {"kode": p.kode}).status_code == 404
    link = reverse("pelatihan:hadir", args=[hadir.tanda_hadir(p)])
    assert client.get(link).status_code == 404 and client.post(link).status_code == 404
    p.refresh_from_db()
    assert not p.hadir


def test_a_forged_or_altered_signed_link_is_404(client, sesi_berjalan, operator_a):
    p = _tamu_di(sesi_berjalan)
    client.force_login(operator_a)
    tanda = hadir.tanda_hadir(p)
    from django.core import signing

    forged = signing.dumps({"p": p.pk, "j": p.jadwal_id}, salt="lain")
    for bad in (tanda[:-2] + "xx", forged, "bukan-tanda"):
        assert client.get(reverse("pelatihan:hadir", args=[bad])).status_code == 404


def test_a_guests_confirmation_mail_holds_the_code_and_the_secret_page(
    client, jadwal_a, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        _pesan(client, jadwal_a, email="siti@contoh.test")
    pesanan = Pendaftaran.objects.get()
    (pesan,) = mail.outbox
    assert f"{pesanan.kode[:4]}-{pesanan.kode[4:]}" in pesan.body
    assert settings.PORTAL_BASE_URL.rstrip("/") + pesanan.get_tamu_url() in pesan.body
    assert "halaman pemesanan Anda" in pesan.body
