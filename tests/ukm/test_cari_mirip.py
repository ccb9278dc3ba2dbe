"""The operator's UKM search forgives typos on both backends (RapidFuzz over the post's capped
candidate set on SQLite, pg_trgm word similarity on PostgreSQL), offers "maksud Anda" from the
post's own businesses only, and the public directory finds a kecamatan by either spelling.

Run this file once on SQLite and once with DATABASE_URL=postgres://…: the tests are the same."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ukm.selectors import ukm_list_direktori, ukm_list_kelola

from .factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db


def kelola(pos, q: str) -> list[str]:
    return [u.nama for u in ukm_list_kelola(pos=pos, params={"q": q})]


@pytest.mark.parametrize("q", ["keripik singkog", "keripk singkong", "siingkong", "KERIPIK SINGKONG", "singkong siti"])
def test_kelola_search_forgives_typos(ukm_a, pos_a, q):
    assert kelola(pos_a, q) == ["Keripik Singkong Bu Siti"]


def test_kelola_search_typo_never_reaches_another_post(ukm_a, ukm_b, pos_a, operator_a, client):
    assert kelola(pos_a, "batik tambora rahasa") == []
    client.force_login(operator_a)
    body = client.get(
        reverse("ukm:kelola-list", kwargs={"pos_slug": pos_a.slug}), {"q": "batik tambora rahasa"}
    ).content.decode()
    assert "Batik Tambora Rahasia" not in body


def test_kelola_search_nib_one_digit_off_finds_nothing(ukm_a, pos_a):
    assert kelola(pos_a, "9120001234567") == ["Keripik Singkong Bu Siti"]
    assert kelola(pos_a, "9120001234568") == []


def test_kelola_search_unrelated_words_find_nothing(ukm_a, pos_a):
    assert kelola(pos_a, "bengkel las") == []


def test_kelola_no_match_offers_maksud_anda_from_the_post(ukm_a, ukm_b, pos_a, operator_a, client):
    client.force_login(operator_a)
    url = reverse("ukm:kelola-list", kwargs={"pos_slug": pos_a.slug})
    body = client.get(url, {"q": "singkong goreng"}).content.decode()
    assert f'Maksud Anda: <a href="{url}?q=Keripik%20Singkong%20Bu%20Siti"' in body
    body = client.get(url, {"q": "batik tambora goreng"}).content.decode()
    assert "Batik Tambora Rahasia" not in body


@pytest.mark.parametrize("q", ["palmerah", "pal merah", "PALMERAH", "Pal-Merah"])
def test_direktori_finds_the_businesses_of_a_kecamatan_by_either_spelling(ukm_a, q):
    UkmFactory(nama="Kopi Slipi", kelurahan=kelurahan("Slipi"), tampil_publik=True, verified_at=timezone.now())
    UkmFactory(
        nama="Roti Kemanggisan", kelurahan=kelurahan("Kemanggisan"), tampil_publik=True, verified_at=timezone.now()
    )
    UkmFactory(
        nama="Belum Tampil Palmerah", kelurahan=kelurahan("Slipi"), tampil_publik=False, verified_at=timezone.now()
    )
    assert [u.nama for u in ukm_list_direktori(q=q)] == ["Kopi Slipi", "Roti Kemanggisan"]


def test_direktori_page_palmerah(ukm_a, client):
    UkmFactory(nama="Kopi Slipi", kelurahan=kelurahan("Slipi"), tampil_publik=True, verified_at=timezone.now())
    body = client.get(reverse("ukm:direktori"), {"q": "palmerah"}).content.decode()
    assert "Kopi Slipi" in body and "Keripik Singkong Bu Siti" not in body
