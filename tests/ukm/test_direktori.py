"""The public directory: verified, consenting, active businesses, public fields only."""

import re

import pytest
from django.utils import timezone

from .factories import FotoProdukFactory, ProdukFactory, UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

PRIVATE_A = [
    "3171015508900001",
    "317101******0001",
    "081234567001",
    "siti@contoh.test",
    "Jl. Cideng Barat No. 12",
    "Siti Aminah",
    "9120001234567",
]


def names(response) -> list[str]:
    return re.findall(r'<h2><a href="/ukm/\d+/">([^<]+)</a></h2>', response.content.decode())


def test_directory_lists_only_verified_consenting_active(client, ukm_a, ukm_b, wilayah):
    UkmFactory(nama="Belum Diverifikasi", tampil_publik=True)
    UkmFactory(nama="Tidak Setuju Tampil", verified_at=timezone.now(), tampil_publik=False)
    UkmFactory(nama="Sudah Tutup", verified_at=timezone.now(), tampil_publik=True, status="nonaktif")
    assert names(client.get("/ukm/")) == ["Batik Tambora Rahasia", "Keripik Singkong Bu Siti"]


def test_directory_never_shows_private_fields(client, ukm_a):
    FotoProdukFactory(produk=ProdukFactory(ukm=ukm_a, nama="Keripik Pedas"))
    for url in ("/ukm/", f"/ukm/{ukm_a.pk}/", "/ukm/?q=keripik", "/pos/gambir/"):
        body = client.get(url).content.decode()
        for secret in PRIVATE_A:
            assert secret not in body, (url, secret)
    detail = client.get(f"/ukm/{ukm_a.pk}/").content.decode()
    assert (
        "Keripik Pedas" in detail
        and "Rp25.000" in detail
        and "Cideng" in detail
        and "Keripik singkong pedas manis." in detail
    )


def test_directory_detail_404_when_not_public(client, ukm_a):
    from ukm.models import Ukm

    for change in ({"verified_at": None}, {"tampil_publik": False}, {"status": "nonaktif"}):
        Ukm.objects.filter(pk=ukm_a.pk).update(**change)
        assert client.get(f"/ukm/{ukm_a.pk}/").status_code == 404
        Ukm.objects.filter(pk=ukm_a.pk).update(verified_at=timezone.now(), tampil_publik=True, status="aktif")
    assert client.get("/ukm/999999/").status_code == 404


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kecamatan": "gambir"}, ["Keripik Singkong Bu Siti"]),
        ({"kecamatan": "tambora"}, ["Batik Tambora Rahasia"]),
        ({"bidang": "fesyen"}, ["Batik Tambora Rahasia"]),
        ({"q": "keripik"}, ["Keripik Singkong Bu Siti"]),
        ({"q": "Kalianyar"}, ["Batik Tambora Rahasia"]),  # a known spelling of Kali Anyar
        ({"q": "batik", "kecamatan": "gambir"}, []),
        (
            {"kecamatan": "tidak-ada", "bidang": "x"},
            ["Batik Tambora Rahasia", "Keripik Singkong Bu Siti"],
        ),  # junk ignored
    ],
)
def test_directory_search_and_filters(client, ukm_a, ukm_b, params, expected):
    assert names(client.get("/ukm/", params)) == expected


# count, rows with their cover photo, kecamatan choices (+ the chosen kecamatan when filtering),
# the data version of the cached list (posyantek.versi); a search also reads the 44 kecamatan's
# name keys ("palmerah" means Kecamatan Pal Merah)
@pytest.mark.parametrize(
    "params,queries", [({}, 4), ({"kecamatan": "gambir", "bidang": "kuliner"}, 5), ({"q": "cideng"}, 5)]
)
def test_directory_runs_same_number_of_queries_for_1_and_3(
    client, ukm_a, django_assert_num_queries, wilayah, tanpa_fragmen, params, queries
):
    FotoProdukFactory(produk=ProdukFactory(ukm=ukm_a))
    client.get("/ukm/")
    with django_assert_num_queries(queries):
        assert len(names(client.get("/ukm/", params))) == 1
    for name in ("Dodol Betawi", "Kerak Telor"):
        ukm = UkmFactory(nama=name, verified_at=timezone.now(), tampil_publik=True, kelurahan=kelurahan("Cideng"))
        FotoProdukFactory(produk=ProdukFactory(ukm=ukm))
    with django_assert_num_queries(queries):
        response = client.get("/ukm/", params)
    assert len(names(response)) == 3
    assert response.content.decode().count('class="sampul"') == 3


def test_directory_detail_constant_queries(client, ukm_a, django_assert_num_queries):
    for _ in range(3):
        FotoProdukFactory(produk=ProdukFactory(ukm=ukm_a))
    with django_assert_num_queries(3):  # business with wilayah, products, photos
        response = client.get(f"/ukm/{ukm_a.pk}/")
    assert response.content.decode().count('class="card produk"') == 3


def test_directory_paginates(client, wilayah):
    for i in range(26):
        UkmFactory(nama=f"Usaha {i:02d}", verified_at=timezone.now(), tampil_publik=True)
    assert len(names(client.get("/ukm/"))) == 24
    assert names(client.get("/ukm/", {"page": 2})) == ["Usaha 24", "Usaha 25"]


def test_directory_links_are_safe(client, ukm_a):
    from ukm.models import Ukm

    Ukm.objects.filter(pk=ukm_a.pk).update(instagram="https://www.instagram.com/keripikbusiti/")
    body = client.get(f"/ukm/{ukm_a.pk}/").content.decode()
    assert '<a href="https://www.instagram.com/keripikbusiti/" rel="noopener nofollow ugc">Instagram</a>' in body


def test_pos_detail_and_home_link_to_directory(client, ukm_a, ukm_b):
    body = client.get("/pos/gambir/").content.decode()
    assert "1 UKM di kecamatan ini tampil di direktori." in body and "/ukm/?kecamatan=gambir" in body
    home = client.get("/").content.decode()
    assert "2 usaha binaan Posyantek menampilkan produknya." in home
    assert 'href="/ukm/"' in home  # the public menu
