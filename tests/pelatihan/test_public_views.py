"""The public schedule, a session page, registration by the logged-in person, feedback,
certificates, and the person's own pages."""

import re
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Jadwal, Pendaftaran, UmpanBalik
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_jadwal_list_shows_upcoming_published_with_seats(client, pos_a, peserta):
    jadwal = JadwalFactory(pos=pos_a, judul="Kelas Marketplace Gambir", kapasitas=10)
    JadwalFactory(pos=pos_a, judul="Sesi Draf", status=Jadwal.Status.DRAF)
    JadwalFactory(
        pos=pos_a,
        judul="Sesi Lalu",
        mulai=timezone.now() - timedelta(days=2),
        selesai=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    for user in peserta(3):
        services.pendaftaran_buat(jadwal=jadwal, oleh=user)
    html = body(client.get("/pelatihan/"))
    assert "Kelas Marketplace Gambir" in html
    assert "7 dari 10 kursi tersisa" in html
    assert "Sesi Draf" not in html and "Sesi Lalu" not in html


def test_jadwal_list_filters_by_place_topic_and_mode(client, pos_a, pos_b):
    JadwalFactory(pos=pos_a, judul="Gambir Marketplace", program=ProgramFactory(topik=["marketplace"]))
    JadwalFactory(
        pos=pos_b,
        judul="Tambora Foto",
        program=ProgramFactory(topik=["foto_produk"]),
        mode="daring",
        tempat="",
        tautan_daring="https://x.example/a",
    )

    def titles(query):
        return set(
            re.findall(r'class="jadwal-judul"><a href="[^"]+">([^<]+)</a>', body(client.get("/pelatihan/" + query)))
        )

    assert titles("") == {"Gambir Marketplace", "Tambora Foto"}
    assert titles("?kecamatan=gambir") == {"Gambir Marketplace"}
    assert titles("?kota=jakarta-barat") == {"Tambora Foto"}
    assert titles("?topik=foto_produk") == {"Tambora Foto"}
    assert titles("?mode=tatap_muka") == {"Gambir Marketplace"}
    assert titles("?kecamatan=gambir&mode=daring") == set()


@pytest.mark.parametrize(
    "query", ["?kecamatan=tidak-ada", "?topik=<script>", "?mode=9999", "?kota=%00", "?page=abc", "?page=-1"]
)
def test_jadwal_list_hostile_filters_are_ignored_not_500(client, jadwal_a, query):
    response = client.get("/pelatihan/" + query)
    assert response.status_code == 200
    assert jadwal_a.nama in body(response)
    assert "<script>" not in body(response).split("</header>", 1)[1].replace("&lt;script&gt;", "")


def test_jadwal_list_constant_queries(client, pos_a, assert_constant_queries):
    def add(n):
        for _ in range(n):
            JadwalFactory(pos=pos_a, program=ProgramFactory(topik=["marketplace", "blog"]))

    response = assert_constant_queries(client, "/pelatihan/", add)
    assert body(response).count('class="jadwal-item"') == 3


def test_kalender_bulan_places_sessions_on_their_jakarta_date(client, pos_a):
    # 00.30 WIB on the 10th is still the 9th in UTC: it must show on the 10th.
    tz = timezone.get_current_timezone()
    mulai = timezone.make_aware(datetime(2026, 12, 10, 0, 30), tz)
    JadwalFactory(pos=pos_a, judul="Kelas Tengah Malam", mulai=mulai, selesai=mulai + timedelta(hours=2))
    html = body(client.get("/pelatihan/kalender/?bulan=2026-12"))
    cell = re.search(r'<span class="tgl-pendek">10</span>.*?</td>', html, re.S).group(0)
    assert "Kelas Tengah Malam" in cell and "00.30" in cell
    assert 'href="?bulan=2026-11"' in html and 'href="?bulan=2027-01"' in html
    assert "Desember 2026" in html


def test_kalender_bulan_keeps_filters_in_month_links_and_bad_month_falls_back(client, pos_a):
    html = body(client.get("/pelatihan/kalender/?bulan=2026-12&kecamatan=gambir"))
    assert 'href="?bulan=2027-01&amp;kecamatan=gambir"' in html
    today = timezone.localdate()
    for bad in ["2026-13", "abc", "1900-01", "2026-1-1", ""]:
        response = client.get(f"/pelatihan/kalender/?bulan={bad}")
        assert response.status_code == 200
        assert f"{today:%Y}" in body(response)


def test_kalender_bulan_constant_queries(client, pos_a, assert_constant_queries):
    tz = timezone.get_current_timezone()
    day = iter(range(1, 28))

    def add(n):
        for _ in range(n):
            mulai = timezone.make_aware(datetime(2026, 12, next(day), 9), tz)
            JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))

    response = assert_constant_queries(client, "/pelatihan/kalender/?bulan=2026-12", add)
    assert "3 sesi bulan ini" in body(response)


def test_jadwal_detail_shows_seats_share_links_and_hides_online_link(client, pos_a):
    jadwal = JadwalFactory(
        pos=pos_a, judul="Kelas Hybrid", mode="hybrid", tautan_daring="https://meet.example.id/rahasia-123", kapasitas=5
    )
    response = client.get(f"/pelatihan/jadwal/{jadwal.pk}/")
    html = body(response)
    assert "5 dari 5 kursi tersisa" in html
    absolute = f"http://testserver/pelatihan/jadwal/{jadwal.pk}/"
    wa = re.search(r'href="(https://wa\.me/\?text=[^"]+)"', html).group(1)
    assert quote(absolute, safe="") in wa.replace("&amp;", "&")
    assert "calendar.google.com" in html and f"/pelatihan/jadwal/{jadwal.pk}/kalender.ics" in html
    assert "rahasia-123" not in html
    assert "Masuk untuk mendaftar" in html


def test_jadwal_detail_online_link_for_confirmed_and_operator_not_for_waiting(
    client, pos_a, peserta, operator_a, operator_b
):
    jadwal = JadwalFactory(
        pos=pos_a, mode="daring", tempat="", tautan_daring="https://meet.example.id/rahasia-456", kapasitas=1
    )
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal, oleh=b)
    url = f"/pelatihan/jadwal/{jadwal.pk}/"
    for user, visible in [(a, True), (b, False), (operator_a, True), (operator_b, False)]:
        client.force_login(user)
        assert ("rahasia-456" in body(client.get(url))) is visible, user
    client.force_login(b)
    assert "urutan ke-1" in body(client.get(url))


def test_jadwal_detail_draft_is_404(client, pos_a):
    draf = JadwalFactory(pos=pos_a, status=Jadwal.Status.DRAF)
    assert client.get(f"/pelatihan/jadwal/{draf.pk}/").status_code == 404
    assert client.get("/pelatihan/jadwal/999999/").status_code == 404


def test_owner_registers_in_one_step_then_cancels(
    client, jadwal_a, pemilik_ukm, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(pemilik_ukm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/pelatihan/jadwal/{jadwal_a.pk}/daftar/", follow=True)
    assert "Anda terdaftar" in body(response)
    assert "Batalkan pendaftaran" in body(response)
    assert [m.to for m in mailoutbox] == [[pemilik_ukm.email]]
    again = client.post(f"/pelatihan/jadwal/{jadwal_a.pk}/daftar/", follow=True)
    assert "sudah terdaftar" in body(again)
    assert jadwal_a.pendaftaran.count() == 1
    response = client.post(f"/pelatihan/jadwal/{jadwal_a.pk}/batal/", follow=True)
    assert "dibatalkan" in body(response)
    assert jadwal_a.pendaftaran.get().status == "dibatalkan"


def test_anonymous_register_goes_to_login_and_back(client, jadwal_a):
    response = client.post(f"/pelatihan/jadwal/{jadwal_a.pk}/daftar/")
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next=/pelatihan/jadwal/{jadwal_a.pk}/"
    assert jadwal_a.pendaftaran.count() == 0


def test_register_get_is_not_allowed(client_as, jadwal_a, pemilik_ukm):
    assert client_as(pemilik_ukm).get(f"/pelatihan/jadwal/{jadwal_a.pk}/daftar/").status_code == 405


def test_full_session_offers_waiting_list(client, pos_a, peserta):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=1)
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    client.force_login(b)
    html = body(client.get(f"/pelatihan/jadwal/{jadwal.pk}/"))
    assert "Masuk daftar tunggu" in html and "Penuh" in html
    response = client.post(f"/pelatihan/jadwal/{jadwal.pk}/daftar/", follow=True)
    assert "daftar tunggu" in body(response)
    assert jadwal.pendaftaran.get(user=b).status == "menunggu"


def test_audience_reason_shown_instead_of_button(client, pos_a):
    jadwal = JadwalFactory(pos=pos_a, sasaran=Jadwal.Sasaran.PEMILIK_UKM)
    client.force_login(UserFactory(is_pemilik_ukm=False))
    html = body(client.get(f"/pelatihan/jadwal/{jadwal.pk}/"))
    assert "khusus untuk pemilik UKM" in html and "Daftar sekarang" not in html


def _hadir(jadwal, user, operator):
    p = services.pendaftaran_buat(jadwal=jadwal, oleh=user, waktu=jadwal.mulai - timedelta(days=1))
    services.kehadiran_tetapkan(jadwal=jadwal, oleh=operator, hadir_ids={p.pk}, waktu=jadwal.mulai)
    return Pendaftaran.objects.get(pk=p.pk)


@pytest.fixture
def sesi_lalu(pos_a):
    mulai = timezone.now() - timedelta(days=2)
    return JadwalFactory(pos=pos_a, judul="Kelas Kemarin", mulai=mulai, selesai=mulai + timedelta(hours=3))


@pytest.mark.parametrize(
    "data,message",
    [
        ({"nilai": "0"}, "pilihan yang valid"),
        ({"nilai": "6"}, "pilihan yang valid"),
        ({"nilai": "lima"}, "pilihan yang valid"),
        ({}, "tidak boleh kosong"),
        ({"nilai": "5", "komentar": "x" * 1001}, "paling banyak 1000"),
    ],
)
def test_umpan_balik_hostile_input_refused(client, sesi_lalu, pemilik_ukm, operator_a, data, message):
    _hadir(sesi_lalu, pemilik_ukm, operator_a)
    client.force_login(pemilik_ukm)
    response = client.post(f"/pelatihan/jadwal/{sesi_lalu.pk}/umpan-balik/", data)
    assert response.status_code == 200
    assert message in body(response)
    assert UmpanBalik.objects.count() == 0


def test_umpan_balik_saved_and_shown_to_trainer_only(client, sesi_lalu, pemilik_ukm, operator_a, relawan_a, relawan_b):
    sesi_lalu.pelatih.add(relawan_a.user)
    _hadir(sesi_lalu, pemilik_ukm, operator_a)
    client.force_login(pemilik_ukm)
    response = client.post(
        f"/pelatihan/jadwal/{sesi_lalu.pk}/umpan-balik/", {"nilai": "4", "komentar": "<b>Praktis</b>"}
    )
    assert response.status_code == 302
    client.force_login(relawan_a.user)
    html = body(client.get("/pelatihan/mengajar/"))
    assert "Rata-rata 4,0/5 dari 1 penilaian" in html
    assert "&lt;b&gt;Praktis&lt;/b&gt;" in html and pemilik_ukm.nama not in html
    client.force_login(relawan_b.user)
    assert "Praktis" not in body(client.get("/pelatihan/mengajar/"))


def test_umpan_balik_for_someone_else_registration_is_404(client, sesi_lalu, pemilik_ukm, operator_a):
    _hadir(sesi_lalu, pemilik_ukm, operator_a)
    client.force_login(UserFactory())
    assert client.post(f"/pelatihan/jadwal/{sesi_lalu.pk}/umpan-balik/", {"nilai": "1"}).status_code == 404
    assert UmpanBalik.objects.count() == 0


def test_mengajar_constant_queries(client, pos_a, relawan_a, operator_a, peserta, assert_constant_queries):
    people = iter(peserta(6))

    def add(n):
        for _ in range(n):
            mulai = timezone.now() - timedelta(days=3)
            jadwal = JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))
            jadwal.pelatih.add(relawan_a.user)
            user = next(people)
            p = _hadir(jadwal, user, operator_a)
            services.umpan_balik_kirim(pendaftaran=p, oleh=user, nilai=5, komentar="ok", waktu=jadwal.selesai)

    client.force_login(relawan_a.user)
    response = assert_constant_queries(client, "/pelatihan/mengajar/", add)
    assert body(response).count("umpan-balik-sesi") == 3


def test_sertifikat_public_page_shows_only_name_session_date_post(client, sesi_lalu, operator_a):
    owner = UserFactory(nama="Siti Aminah", telepon="081277778888", is_pemilik_ukm=True)
    p = _hadir(sesi_lalu, owner, operator_a)
    kode = p.sertifikat.kode
    html = body(client.get(f"/sertifikat/{kode}/"))
    assert "Siti Aminah" in html and "Kelas Kemarin" in html and "Posyantek Kecamatan Gambir" in html
    assert sesi_lalu.mulai.strftime("%Y") in html
    assert owner.email not in html and "081277778888" not in html
    assert "<svg" in html  # QR code to this page
    dashed = "-".join(kode[i : i + 4] for i in range(0, 16, 4)).lower()
    response = client.get(f"/sertifikat/{dashed}/")
    assert response.status_code == 301 and response["Location"] == f"/sertifikat/{kode}/"
    assert client.get("/sertifikat/?kode=" + dashed).status_code == 302


def test_sertifikat_unknown_or_withdrawn_is_404(client, sesi_lalu, operator_a):
    p = _hadir(sesi_lalu, UserFactory(), operator_a)
    kode = p.sertifikat.kode
    services.kehadiran_tetapkan(jadwal=sesi_lalu, oleh=operator_a, hadir_ids=set(), waktu=sesi_lalu.selesai)
    for code in [kode, "AAAAAAAAAAAAAAAA", "<script>alert(1)</script>"]:
        response = client.get(f"/sertifikat/{quote(code, safe='')}/")
        assert response.status_code in (301, 404)
    response = client.get(f"/sertifikat/{kode}/")
    assert response.status_code == 404 and "Sertifikat tidak ditemukan" in body(response)


def test_pendaftaran_saya_lists_mine_with_certificate_and_feed(client, sesi_lalu, jadwal_a, pemilik_ukm, operator_a):
    _hadir(sesi_lalu, pemilik_ukm, operator_a)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=pemilik_ukm)
    client.force_login(pemilik_ukm)
    html = body(client.get("/pelatihan/saya/"))
    assert jadwal_a.nama in html and "Kelas Kemarin" in html
    assert "/sertifikat/" in html and "Beri umpan balik" in html
    token = pemilik_ukm.kalender_pelatihan.token
    assert f"/pelatihan/kalender/{token}.ics" in html
    client.post("/pelatihan/saya/kalender/ganti/")
    pemilik_ukm.kalender_pelatihan.refresh_from_db()
    assert pemilik_ukm.kalender_pelatihan.token != token


def test_pendaftaran_saya_constant_queries(client, pos_a, pemilik_ukm, assert_constant_queries):
    def add(n):
        for _ in range(n):
            services.pendaftaran_buat(jadwal=JadwalFactory(pos=pos_a, kapasitas=1), oleh=pemilik_ukm)

    client.force_login(pemilik_ukm)
    response = assert_constant_queries(client, "/pelatihan/saya/", add)
    assert body(response).count("Terkonfirmasi") == 3


def test_beranda_pos_and_akun_show_training_sections(client, jadwal_a, pemilik_ukm):
    assert jadwal_a.nama in body(client.get("/"))
    pos_html = body(client.get("/pos/gambir/"))
    assert jadwal_a.nama in pos_html and "/pos/gambir/kalender.ics" in pos_html
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=pemilik_ukm)
    client.force_login(pemilik_ukm)
    akun = body(client.get("/akun/saya/"))
    assert jadwal_a.nama in akun and "/pelatihan/kalender/" in akun and "Daftar menjadi Relawan TIK" in akun


def test_nav_links_to_training_and_relawan(client, wilayah):
    html = body(client.get("/"))
    assert 'href="/pelatihan/"' in html and 'href="/relawan/"' in html


def test_english_schedule_page(client, jadwal_a):
    client.cookies["django_language"] = "en"
    html = body(client.get("/pelatihan/"))
    assert "Training schedule" in html and "seats left" in html
