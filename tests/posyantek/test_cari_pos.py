"""Finding a post by what people type: a kecamatan as either spelling, a kelurahan it serves, a
postcode, a typo; /pos/?q= and the home page's search /cari/?q=."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from posyantek.selectors import pos_cari_publik
from teknologi.models import Teknologi
from tests.factories import UserFactory
from tests.teknologi import factories as ttg
from tests.ukm.factories import UkmFactory

pytestmark = pytest.mark.django_db

EJAAN_PAL_MERAH = [
    "palmerah",
    "pal merah",
    "PALMERAH",
    "Pal Merah",
    "pal-merah",
    "slipi",
    "kemanggisan",
    "11410",
    "SLIPI",
]


@pytest.fixture
def kurator(db):
    return UserFactory(email="kurator@posyantek.test", is_admin_provinsi=True, nama="Kurator")


def slugs(q: str) -> list[str]:
    return [item.pos.slug for item in pos_cari_publik(q=q).pos_list]


@pytest.mark.parametrize("q", EJAAN_PAL_MERAH)
def test_pos_cari_every_spelling_finds_pal_merah(wilayah, q):
    assert slugs(q) == ["pal-merah"]


def test_pos_cari_says_why_a_post_was_found(wilayah):
    assert pos_cari_publik(q="slipi").pos_list[0].alasan == ["Kelurahan Slipi · 11410"]
    assert pos_cari_publik(q="palmerah").pos_list[0].alasan == ["Kecamatan Pal Merah", "Kelurahan Palmerah · 11480"]


def test_pos_cari_kecamatan_alias_and_spacing_variants(wilayah):
    assert slugs("kramat jati") == ["kramatjati"] == slugs("Kramatjati")
    assert slugs("setia budi") == ["setiabudi"]
    assert slugs("harapan mulya") == slugs("Harapan Mulia") and len(slugs("harapan mulya")) == 1


def test_pos_cari_kota_lists_its_posts(wilayah):
    assert len(slugs("jakarta barat")) == 8


def test_pos_cari_postcode_prefix_needs_three_digits(wilayah):
    assert slugs("114") and set(slugs("114")) <= {
        "pal-merah",
        "grogol-petamburan",
        "tambora",
        "taman-sari",
        "kebon-jeruk",
        "kembangan",
        "cengkareng",
        "kalideres",
    }
    assert slugs("11") == []


@pytest.mark.parametrize("typo", ["palmrah", "pal meraj", "kemangisan", "slipii"])
def test_pos_cari_forgives_a_typo(wilayah, typo):
    hasil = pos_cari_publik(q=typo)
    assert [i.pos.slug for i in hasil.pos_list][:1] == ["pal-merah"] and hasil.mirip is True


def test_pos_cari_suggests_when_nothing_is_near(wilayah):
    hasil = pos_cari_publik(q="palmerahkebayoran")
    assert hasil.pos_list == []
    assert "Pal Merah" in hasil.saran or "Palmerah" in hasil.saran


@pytest.mark.parametrize("q", ["", "   ", "!!!", "x" * 5000, "'; DROP TABLE posyantek_pos; --", "\x00", "🙂"])
def test_pos_cari_hostile_input_is_harmless(wilayah, client, q):
    assert pos_cari_publik(q=q).pos_list == []
    response = client.get(reverse("pos-list"), {"q": q})
    assert response.status_code == 200


def test_pos_list_search_box_shows_the_results(wilayah, client):
    body = client.get(reverse("pos-list"), {"q": "pal merah"}).content.decode()
    assert 'name="q" value="pal merah"' in body
    assert 'href="/pos/pal-merah/"' in body and 'href="/pos/gambir/"' not in body


def test_pos_list_search_is_not_cached_under_the_unfiltered_key(wilayah, client):
    caches["fragments"].clear()
    semua = client.get(reverse("pos-list")).content.decode()
    cari = client.get(reverse("pos-list"), {"q": "slipi"}).content.decode()
    lagi = client.get(reverse("pos-list")).content.decode()
    # The grid's links (the map's links carry data-kode and are counted apart).
    grid = r'href="/pos/[a-z-]+/">'
    assert len(re.findall(grid, semua)) == len(re.findall(grid, lagi)) == 44
    assert len(re.findall(r'href="/pos/[a-z-]+/" data-kode=', lagi)) == 44
    assert 'href="/pos/pal-merah/"' in cari and 'href="/pos/gambir/"' not in cari
    other = client.get(reverse("pos-list"), {"q": "gambir"}).content.decode()
    assert 'href="/pos/gambir/"' in other and 'href="/pos/pal-merah/"' not in other


def test_pos_list_search_runs_a_constant_number_of_queries(wilayah, client, tanpa_fragmen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for q in ["palmerah", "11410", "palmrah", "zzzzzz"]:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("pos-list"), {"q": q})
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts


def test_pos_list_no_match_shows_maksud_anda_links(wilayah, client):
    body = client.get(reverse("pos-list"), {"q": "pasar mingu raya"}).content.decode()
    assert "Tidak ada pos untuk “pasar mingu raya”." in body
    assert 'Maksud Anda: <a href="/pos/?q=Pasar%20Minggu"' in body


# The home page's search --------------------------------------------------------------------------


def test_beranda_search_box_goes_to_the_results_page(wilayah, client):
    body = client.get(reverse("beranda")).content.decode()
    assert f'action="{reverse("cari")}"' in body and 'id="cari-q-beranda"' in body


@pytest.mark.parametrize("q", EJAAN_PAL_MERAH)
def test_cari_finds_the_post_by_every_spelling(wilayah, client, q):
    body = client.get(reverse("cari"), {"q": q}).content.decode()
    assert 'href="/pos/pal-merah/"' in body and 'href="/pos/gambir/"' not in body


def test_cari_shows_posts_technologies_and_businesses_on_one_page(wilayah, client, kurator):
    ttg.teknologi("Pengering Ikan Tenaga Surya", bidang="perikanan", oleh=kurator)
    UkmFactory(nama="Ikan Asin Bu Sari", kelurahan=_kelurahan("Slipi"), tampil_publik=True, verified_at=timezone.now())
    body = client.get(reverse("cari"), {"q": "pengering ikan"}).content.decode()
    assert "Pengering Ikan Tenaga Surya" in body
    assert "Tidak ada pos untuk “pengering ikan”." in body
    body = client.get(reverse("cari"), {"q": "slipi"}).content.decode()
    assert 'href="/pos/pal-merah/"' in body and "1 usaha di direktori UKM" in body


def test_cari_typo_in_a_technology_finds_it_and_nothing_offers_suggestions(wilayah, client, kurator):
    ttg.teknologi("Pengering Ikan Tenaga Surya", bidang="perikanan", oleh=kurator)
    assert "Pengering Ikan Tenaga Surya" in client.get(reverse("cari"), {"q": "pengering ikn"}).content.decode()
    body = client.get(reverse("cari"), {"q": "pengering jagung tenaga angin"}).content.decode()
    assert Teknologi.objects.count() == 1
    assert 'Maksud Anda: <a href="/cari/?q=Pengering%20Ikan%20Tenaga%20Surya"' in body


def test_cari_without_query_shows_only_the_box(wilayah, client):
    body = client.get(reverse("cari")).content.decode()
    assert 'id="cari-q"' in body and "Pos kecamatan" not in body


def test_cari_runs_a_constant_number_of_queries(wilayah, client, kurator, tanpa_fragmen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cari"), {"q": "pengering ikan"})
        return len(ctx.captured_queries)

    ttg.teknologi("Pengering Ikan Tenaga Surya", bidang="perikanan", oleh=kurator)
    small = hitung()
    for i in range(10):
        ttg.teknologi(f"Pengering Ikan Model {i}", bidang="perikanan", oleh=kurator)
    assert hitung() == small


def _kelurahan(nama):
    from posyantek.models import Kelurahan

    return Kelurahan.objects.get(nama=nama)
