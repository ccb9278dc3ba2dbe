"""The training certificate as a PDF: A4 landscape, the holder's name, the session, the signatory,
fonts embedded, and a QR code that a phone reads as the public verification page."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from pelatihan import services
from posyantek.models import Jabatan, Kepengurusan, Pengurus
from tests import pdf_check
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory
from tests.pelatihan.test_public_views import _hadir

pytestmark = pytest.mark.django_db

SHOTS = os.environ.get("PDF_SHOTS")  # a folder: write the first page as PNG there, to look at


@pytest.fixture
def sesi_lalu(pos_a):
    mulai = timezone.now() - timedelta(days=2)
    return JadwalFactory(pos=pos_a, judul="Kelas Foto Produk", mulai=mulai, selesai=mulai + timedelta(hours=3))


def _ketua(pos, nama):
    hari_ini = date.today()
    periode = Kepengurusan.objects.create(
        pos=pos, mulai=hari_ini - timedelta(days=400), selesai=hari_ini + timedelta(days=300)
    )
    Pengurus.objects.create(kepengurusan=periode, jabatan=Jabatan.KETUA, nama=nama)


def test_certificate_pdf_is_a4_with_name_session_signatory_fonts_and_qr(client, settings, sesi_lalu, operator_a):
    settings.PORTAL_BASE_URL = "https://posyantek.example.go.id"
    _ketua(sesi_lalu.pos, "Hj. Ratna Dewi")
    p = _hadir(sesi_lalu, UserFactory(nama="Siti Aminah", is_pemilik_ukm=True), operator_a)
    kode = p.sertifikat.kode

    response = client.get(f"/sertifikat/{kode}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    [halaman] = pdf_check.ukuran_halaman(pdf)
    assert pdf_check.sama_ukuran(halaman, pdf_check.A4) and halaman[0] > halaman[1]  # landscape
    teks = pdf_check.teks(pdf)
    for bagian in ["Sertifikat Kehadiran", "Siti Aminah", "Kelas Foto Produk", sesi_lalu.pos.nama, "Hj. Ratna Dewi"]:
        assert bagian in teks
    assert f"Ketua Pengurus {sesi_lalu.pos.nama}" in teks
    assert p.sertifikat.kode_tampil in teks
    assert "https://posyantek.example.go.id" in teks  # the footer's address
    fonts = pdf_check.font_tertanam(pdf)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert pdf_check.qr_isi(pdf) == [f"https://posyantek.example.go.id/sertifikat/{kode}/"]
    if SHOTS:
        pdf_check.png_halaman_pertama(pdf, Path(SHOTS) / "sertifikat")


def test_programme_signatory_wins_over_the_board_chair(client, sesi_lalu, operator_a):
    _ketua(sesi_lalu.pos, "Hj. Ratna Dewi")
    program = sesi_lalu.program
    program.penandatangan_nama = "Drs. Bambang Sutrisno"
    program.penandatangan_jabatan = "Kepala Seksi Ekonomi dan Pembangunan"
    program.save()
    p = _hadir(sesi_lalu, UserFactory(nama="Budi"), operator_a)

    teks = pdf_check.teks(client.get(f"/sertifikat/{p.sertifikat.kode}.pdf").content)

    assert "Drs. Bambang Sutrisno" in teks and "Kepala Seksi Ekonomi dan Pembangunan" in teks
    assert "Hj. Ratna Dewi" not in teks


def test_without_a_board_the_chair_line_is_left_to_sign_by_hand(client, sesi_lalu, operator_a):
    p = _hadir(sesi_lalu, UserFactory(nama="Budi"), operator_a)
    teks = pdf_check.teks(client.get(f"/sertifikat/{p.sertifikat.kode}.pdf").content)
    assert f"Ketua Pengurus {sesi_lalu.pos.nama}" in teks


def test_certificate_pdf_in_english(client, sesi_lalu, operator_a):
    p = _hadir(sesi_lalu, UserFactory(nama="Siti"), operator_a)
    client.cookies.load({"django_language": "en"})
    teks = pdf_check.teks(client.get(f"/sertifikat/{p.sertifikat.kode}.pdf").content)
    assert "Certificate of Attendance" in teks and "Siti" in teks


@pytest.mark.parametrize("kode", ["AAAAAAAAAAAAAAAA", "x" * 300, "%3Cscript%3E", "..%2F..%2Fetc"])
def test_unknown_or_hostile_codes_are_404(client, kode):
    assert client.get(f"/sertifikat/{kode}.pdf").status_code == 404


def test_withdrawn_attendance_has_no_pdf(client, sesi_lalu, operator_a):
    p = _hadir(sesi_lalu, UserFactory(), operator_a)
    kode = p.sertifikat.kode
    services.kehadiran_tetapkan(jadwal=sesi_lalu, oleh=operator_a, hadir_ids=set(), waktu=sesi_lalu.selesai)
    assert client.get(f"/sertifikat/{kode}.pdf").status_code == 404


def test_the_pdf_fetches_nothing_outside_the_portal():
    from posyantek.pdf import SumberDitolak, ambil_lokal

    for url in [
        "https://cdn.example.com/font.woff2",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/media/../../etc/passwd",
    ]:
        with pytest.raises(SumberDitolak):
            ambil_lokal(url)
