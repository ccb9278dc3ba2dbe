"""Typo tolerance on every backend: SQLite forgives one or two typos in memory (RapidFuzz over a
capped candidate set), PostgreSQL with pg_trgm; when nothing matches, "maksud Anda: …".

Run this file once on SQLite and once with DATABASE_URL=postgres://…: the tests are the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teknologi import pencarian
from teknologi.models import Teknologi
from teknologi.selectors import Filter, teknologi_katalog
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def hasil(q: str) -> list[str]:
    hasil = teknologi_katalog(f=Filter.dari({"q": q}), halaman=1, per_halaman=1000)
    return [t.nama for t in hasil.page.object_list]


@pytest.mark.parametrize(
    "query,first",
    [
        ("pengering ikn", "Pengering Ikan Tenaga Surya"),
        ("pengring ikan", "Pengering Ikan Tenaga Surya"),
        ("pemeras santen", "Alat Pemeras Santan"),
        ("pencacah plastk", "Mesin Pencacah Plastik"),
        ("komposter rumah tanga", "Komposter Rumah Tangga"),
    ],
)
def test_search_forgives_one_or_two_typos(katalog, query, first):
    assert hasil(query)[0] == first


def test_search_typo_tolerance_does_not_match_unrelated_words(katalog):
    assert hasil("sepeda motor listrik") == []


def test_search_exact_match_still_ranks_first_with_typo_matches_present(katalog):
    f.teknologi("Pengering Ikon", bidang="perikanan")  # one edit away from "ikan" as well
    assert hasil("pengering ikan")[0] == "Pengering Ikan Tenaga Surya"


def test_katalog_page_pengering_ikn_finds_the_dryer(katalog, client):
    body = client.get(reverse("teknologi:teknologi-list"), {"q": "pengering ikn"}).content.decode()
    assert "Pengering Ikan Tenaga Surya" in body and "Maksud Anda:" not in body


def test_katalog_nothing_found_offers_maksud_anda_links(katalog, client):
    katalog_ = teknologi_katalog(f=Filter.dari({"q": "pengering jagung tenaga angin"}), halaman=1, per_halaman=12)
    assert katalog_.page.paginator.count == 0
    assert katalog_.saran[0] == "Pengering Ikan Tenaga Surya"
    body = client.get(reverse("teknologi:teknologi-list"), {"q": "pengering jagung tenaga angin"}).content.decode()
    assert 'Maksud Anda: <a href="/teknologi/?q=Pengering%20Ikan%20Tenaga%20Surya"' in body


def test_katalog_suggestions_never_name_a_draft(katalog, kurator):
    f.teknologi("Pengering Ikan Rahasia", status="draft", oleh=kurator)
    assert "Pengering Ikan Rahasia" not in pencarian.saran(Teknologi.objects.published(), "pengering ikan rahasia")


def test_katalog_junk_gets_no_suggestion(katalog):
    assert teknologi_katalog(f=Filter.dari({"q": "qqqq zzzz"}), halaman=1, per_halaman=12).saran == []


def test_typo_search_runs_a_constant_number_of_queries(katalog, kurator):
    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            teknologi_katalog(f=Filter.dari({"q": "pengering ikn"}), halaman=1, per_halaman=12)
        return len(ctx.captured_queries)

    small = hitung()
    for i in range(20):
        f.teknologi(f"Pengering Ikan Model {i}", bidang="perikanan", oleh=kurator)
    assert hitung() == small


def test_suggestions_read_a_capped_candidate_set(katalog, kurator, monkeypatch):
    """Only the newest KANDIDAT_MAKS names are read for suggestions: an older one is not offered."""
    assert pencarian.saran(Teknologi.objects.published(), "pengering jagung tenaga angin") == [
        "Pengering Ikan Tenaga Surya"
    ]
    monkeypatch.setattr(pencarian, "KANDIDAT_MAKS", 2)
    for i in range(2):
        f.teknologi(f"Alat Baru {i}", oleh=kurator)
    assert pencarian.saran(Teknologi.objects.published(), "pengering jagung tenaga angin") == []


def test_typo_candidates_are_capped_in_memory_but_not_by_pg_trgm(katalog, kurator, monkeypatch):
    """SQLite forgives typos among the newest KANDIDAT_MAKS technologies only (an older one is then
    found by its exact words); PostgreSQL's pg_trgm looks at every row."""
    monkeypatch.setattr(pencarian, "KANDIDAT_MAKS", 2)
    for i in range(2):
        f.teknologi(f"Alat Baru {i}", oleh=kurator)
    expected = ["Pengering Ikan Tenaga Surya"] if connection.vendor == "postgresql" else []
    assert hasil("pengering ikn")[:1] == expected
    assert hasil("pengering ikan")[0] == "Pengering Ikan Tenaga Surya"
