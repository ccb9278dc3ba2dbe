"""Refusals that are about a limit say what the limit is (issue 16)."""

import html

import pytest

from teknologi.models import KampanyeUrunBeli, Teknologi
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db

DATA = {
    "nama": "Alat Pengering Kerupuk",
    "bidang": "pangan",
    "ringkasan": "Mengeringkan kerupuk di musim hujan.",
    "deskripsi": "Pengering tipe rak dengan udara panas.",
    "harga_min": "9000000",
    "harga_max": "99999999999999",
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_technology_price_refusal_names_the_maximum(client_as, operator_a):
    response = client_as(operator_a).post("/kelola/gambir/teknologi/tambah/", DATA)
    assert "Harga terlalu besar untuk sebuah alat TTG (paling banyak Rp10.000.000.000); periksa jumlah nol." in text(
        response
    )
    assert not Teknologi.objects.exists()


def test_campaign_price_refusal_names_the_maximum(client_as, operator_a):
    from datetime import timedelta

    from django.utils import timezone

    t = f.teknologi()
    batas = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "teknologi": t.pk,
        "judul": "Beli bersama",
        "harga_satuan": "99999999999999",
        "target_jumlah": "10",
        "batas_waktu": batas,
    }
    response = client_as(operator_a).post("/kelola/gambir/urun-beli/tambah/", data)
    assert "Harga terlalu besar (paling banyak Rp10.000.000.000); periksa jumlah nol." in text(response)
    assert not KampanyeUrunBeli.objects.exists()


def test_return_note_refusal_names_the_maximum_length(client_as, admin_provinsi, operator_a, pos_a):
    t = f.teknologi("Alat Usulan", status="diajukan", pos=pos_a, oleh=operator_a)
    response = client_as(admin_provinsi).post(
        f"/kelola/teknologi/{t.slug}/kembalikan/", {"catatan": "x" * 2001}, follow=True
    )
    assert "paling banyak 2000 karakter" in text(response)
    t.refresh_from_db()
    assert (t.status, t.catatan_kurasi) == ("diajukan", "")
