"""Leak tests: an operator of one post and the owner of one business walk every page they can
reach — searching for the other's data on purpose — and find nothing private of another post or
another owner, in HTML, CSV or XLSX."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ukm import services

from .factories import KlaimFactory, PendampinganFactory, ProdukFactory, UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

# Everything private of post B's business and its owner (its name, field and kelurahan are public).
RAHASIA_B = [
    "3173034404850009",
    "317303******0009",
    "089876543210",
    "budi.rahasia@contoh.test",
    "Gang Rahasia B No. 9",
    "Budi Santoso",
    "Pendampingan rahasia Tambora",
    "987654321",
    "pengklaim.b@contoh.test",
    "impor-tambora.csv",
    "Usaha Tersembunyi Tambora",
]


@pytest.fixture
def dunia_b(ukm_b, operator_b, pos_b):
    from django.utils import timezone

    from ukm.models import Ukm

    Ukm.objects.filter(pk=ukm_b.pk).update(hasil_penjualan_tahunan=987654321)
    PendampinganFactory(ukm=ukm_b, catatan="Pendampingan rahasia Tambora")
    ProdukFactory(ukm=ukm_b, nama="Kain batik tulis")
    from tests.factories import UserFactory

    tersembunyi = UkmFactory(
        nama="Usaha Tersembunyi Tambora",
        kelurahan=kelurahan("Angke"),
        nib="9120007770001",
        verified_at=timezone.now(),
        tampil_publik=False,
    )
    KlaimFactory(ukm=tersembunyi, user=UserFactory(email="pengklaim.b@contoh.test"))
    services.impor_pratinjau(
        upload=SimpleUploadedFile("impor-tambora.csv", b"Nama Usaha;Nama Pemilik;Kelurahan\nX;Budi Santoso;Angke\n"),
        oleh=operator_b,
        pos=pos_b,
    )
    return ukm_b


def teks(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        wb = load_workbook(io.BytesIO(response.getvalue()), read_only=True)
        return "\n".join(str(c) for row in wb.active.iter_rows(values_only=True) for c in row)
    return response.getvalue().decode("utf-8-sig")


def periksa(client, urls):
    from urllib.parse import parse_qs, quote_plus, urlsplit

    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        body = teks(response)
        # What the person typed is echoed back in the search box and links; that is not a leak.
        for typed in parse_qs(urlsplit(url).query).get("q", []):
            body = body.replace(typed, "").replace(quote_plus(typed), "")
        for rahasia in RAHASIA_B:
            assert rahasia not in body, (url, rahasia)


def test_operator_of_post_a_sees_nothing_private_of_post_b(client_as, operator_a, ukm_a, dunia_b):
    from ukm.models import ImporBatch, KlaimUkm

    b = dunia_b
    batch_b = ImporBatch.objects.get()
    klaim_b = KlaimUkm.objects.get()
    searches = ["Budi", "Santoso", b.nib, "9120007770001", "Tersembunyi", "Angke", "Kali Anyar", "Kalianyar", "Tambora"]
    urls = [f"/kelola/gambir/ukm/?q={q}" for q in searches]
    urls += [
        f"/kelola/gambir/ukm/?kelurahan={b.kelurahan_id}",
        "/kelola/gambir/ukm/?verifikasi=belum",
        "/kelola/gambir/",
        "/kelola/gambir/ringkasan/",
        "/kelola/gambir/ukm/klaim/",
        "/kelola/gambir/ukm/impor/",
        f"/kelola/gambir/ukm/impor/{batch_b.pk}/",
        f"/kelola/tambora/ukm/impor/{batch_b.pk}/",
        "/kelola/gambir/ukm/ekspor.csv",
        "/kelola/gambir/ukm/ekspor.xlsx",
        f"/kelola/gambir/ukm/ekspor.csv?q={b.nib}",
        f"/kelola/gambir/ukm/{b.pk}/",
        f"/kelola/gambir/ukm/{b.pk}/riwayat/",
        f"/kelola/tambora/ukm/{b.pk}/",
        "/kelola/tambora/ukm/",
        "/kelola/tambora/ukm/klaim/",
        f"/kelola/gambir/ukm/{ukm_a.pk}/",
        "/ukm/",
        f"/ukm/{b.pk}/",
        "/ukm/?q=Budi",
        "/pos/tambora/",
        "/akun/saya/",
        "/ukm/saya/",
    ]
    periksa(client_as(operator_a), urls)
    # Typing B's private numbers finds nothing either (the typed text itself is echoed, nothing else).
    client = client_as(operator_a)
    for secret in ("089876543210", "3173034404850009"):
        assert "0 UKM ditemukan." in client.get("/kelola/gambir/ukm/", {"q": secret}).getvalue().decode()
    # Nor can the operator act on them.
    assert client.post(f"/kelola/gambir/ukm/klaim/{klaim_b.pk}/putuskan/", {"keputusan": "setujui"}).status_code == 404
    assert client.post(f"/kelola/gambir/ukm/impor/{batch_b.pk}/simpan/").status_code == 404


def test_owner_of_one_business_sees_nothing_private_of_another(client_as, pemilik_ukm, ukm_a, dunia_b):
    b = dunia_b
    produk_b = b.produk_set.get()
    urls = [
        "/ukm/saya/",
        "/akun/saya/",
        f"/ukm/saya/{ukm_a.pk}/",
        f"/ukm/saya/{ukm_a.pk}/ubah/",
        f"/ukm/saya/{b.pk}/",
        f"/ukm/saya/{b.pk}/ubah/",
        f"/ukm/saya/{b.pk}/produk/{produk_b.pk}/ubah/",
        f"/ukm/saya/{ukm_a.pk}/produk/{produk_b.pk}/ubah/",
        "/ukm/",
        f"/ukm/{b.pk}/",
        "/ukm/?q=Budi+Santoso",
        "/ukm/?q=9120009876543",
        "/pos/tambora/",
    ]
    periksa(client_as(pemilik_ukm), urls)
    # A claim of B's owned business tells nothing about it either.
    response = client_as(pemilik_ukm).post("/ukm/saya/klaim/", {"nib": b.nib})
    for rahasia in RAHASIA_B:
        assert rahasia not in response.getvalue().decode()


def test_directory_search_ignores_owner_and_nib(client, dunia_b):
    """A visitor must not learn who owns a business by searching an owner's name or a NIB."""
    body = client.get("/ukm/", {"q": "Budi Santoso"}).getvalue().decode()
    assert "Batik Tambora Rahasia" not in body and "0 usaha" in body
    assert "Batik Tambora Rahasia" not in client.get("/ukm/", {"q": dunia_b.nib}).getvalue().decode()
    assert "Batik Tambora Rahasia" in client.get("/ukm/", {"q": "batik kalianyar"}).getvalue().decode()


def test_anonymous_visitor_sees_only_public_fields(client, dunia_b):
    periksa(client, ["/", "/ukm/", f"/ukm/{dunia_b.pk}/", "/ukm/?kecamatan=tambora", "/ukm/?q=budi", "/pos/tambora/"])
    assert "Kain batik tulis" in client.get(f"/ukm/{dunia_b.pk}/").getvalue().decode()  # products are public
