"""A guide's notice-board poster: one A4 (or A3) page with the name, a photo, the first three
steps, the safety notes and a QR code that opens the guide."""

import io
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from teknologi.models import StatusTeknologi
from tests import pdf_check
from tests.teknologi.factories import panduan, teknologi

pytestmark = pytest.mark.django_db

SHOTS = os.environ.get("PDF_SHOTS")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 420), (40, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def _jumlah_gambar(pdf: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout.decode()
    return len(out.splitlines()[2:])


@pytest.fixture
def alat(wilayah, kurator, settings):
    settings.PORTAL_BASE_URL = "https://posyantek.example.go.id"
    t = teknologi("Mesin Pengering Kerupuk")
    panduan(t, langkah=5)
    t.foto.save("pengering.png", ContentFile(_png()), save=True)
    return t


@pytest.mark.parametrize(
    "query,kertas", [("", pdf_check.A4), ("?ukuran=a3", pdf_check.A3), ("?ukuran=A3", pdf_check.A3)]
)
def test_poster_is_one_page_with_name_photo_three_steps_safety_and_qr(client, alat, query, kertas):
    response = client.get(f"/teknologi/{alat.slug}/poster.pdf{query}")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    [halaman] = pdf_check.ukuran_halaman(pdf)
    assert pdf_check.sama_ukuran(halaman, kertas) and halaman[1] > halaman[0]  # portrait
    teks = pdf_check.teks(pdf)
    assert "Mesin Pengering Kerupuk" in teks and "Ringkasan Mesin Pengering Kerupuk." in teks
    assert all(f"Langkah nomor {i}." in teks for i in (1, 2, 3))
    assert "Langkah nomor 4." not in teks  # three key steps, the rest is behind the QR code
    assert "Cabut steker sebelum membersihkan." in teks and "Pakai sarung tangan." in teks
    assert pdf_check.qr_isi(pdf) == [f"https://posyantek.example.go.id/teknologi/{alat.slug}/panduan/"]
    assert _jumlah_gambar(pdf) >= 1  # the photo, read from public storage by the local fetcher
    assert all(embedded for _name, embedded in pdf_check.font_tertanam(pdf))
    if SHOTS:
        pdf_check.png_halaman_pertama(pdf, Path(SHOTS) / f"poster{query.replace('?ukuran=', '-')}")


def test_unknown_size_falls_back_to_a4(client, alat):
    pdf = client.get(f"/teknologi/{alat.slug}/poster.pdf?ukuran=<b>letter</b>").content
    assert pdf_check.sama_ukuran(pdf_check.ukuran_halaman(pdf)[0], pdf_check.A4)


def test_poster_in_english_uses_english_labels(client, alat):
    client.cookies.load({"django_language": "en"})
    teks = pdf_check.teks(client.get(f"/teknologi/{alat.slug}/poster.pdf").content)
    assert "Key steps" in teks and "Safety" in teks


def test_no_poster_for_drafts_or_technologies_without_a_guide(client, wilayah, kurator):
    draf = teknologi("Alat Draf", status=StatusTeknologi.DRAFT)
    panduan(draf)
    tanpa_panduan = teknologi("Alat Tanpa Panduan")
    for t in (draf, tanpa_panduan):
        assert client.get(f"/teknologi/{t.slug}/poster.pdf").status_code == 404
    assert client.get("/teknologi/tidak-ada/poster.pdf").status_code == 404
