"""The berita acara of a final competition as an A4 PDF with the juri's signature block."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from lomba import services
from tests import pdf_check
from tests.lomba.factories import lomba_dengan_templat
from tests.lomba.test_views_admin import selesai

pytestmark = pytest.mark.django_db

SHOTS = os.environ.get("PDF_SHOTS")


def test_berita_acara_pdf_has_ranking_formula_and_a_signature_line_per_juri(
    client_as, penilaian, admin_provinsi, juri, juri2
):
    lomba, peserta = penilaian
    services.lomba_ubah(lomba=lomba, oleh=admin_provinsi, data={"tempat": "Balai Kota"})
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)

    response = client_as(admin_provinsi).get(reverse("lomba:berita-acara-pdf", kwargs={"pk": lomba.pk}))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert all(pdf_check.sama_ukuran(h, pdf_check.A4) for h in pdf_check.ukuran_halaman(pdf))
    teks = pdf_check.teks(pdf)
    assert "BERITA ACARA PENETAPAN HASIL" in teks.upper() and "bertempat di Balai Kota" in teks
    for p in peserta:
        assert p.nama in teks
    assert "Nilai akhir: jumlah (bobot tahap ÷ 100 × nilai tahap), dibulatkan 2 desimal." in teks
    assert "Juri 1" in teks and "Juri 2" in teks and "Juri Satu" in teks and "Juri Dua" in teks
    assert "Panitia (admin provinsi)" in teks
    assert "Cetak berita acara" not in teks  # the page's buttons stay off paper
    assert all(embedded for _name, embedded in pdf_check.font_tertanam(pdf))
    if SHOTS:
        pdf_check.png_halaman_pertama(pdf, Path(SHOTS) / "berita-acara")


def test_no_berita_acara_pdf_before_final(client_as, admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tahun=2020)
    url = reverse("lomba:berita-acara-pdf", kwargs={"pk": lomba.pk})
    assert client_as(admin_provinsi).get(url).status_code == 403
