"""Search quality: what people really type finds the right technology, first."""

import pytest
from django.db import connection

from posyantek.teks import normalisasi_teks
from teknologi import pencarian
from teknologi.models import Teknologi
from teknologi.selectors import Filter, teknologi_facet, teknologi_katalog
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def hasil(q: str, **params) -> list[str]:
    """The catalogue's first page, through the view's own entry point."""
    hasil = teknologi_katalog(f=Filter.dari({"q": q, **params}), halaman=1, per_halaman=1000)
    return [t.nama for t in hasil.page.object_list]


def test_normalisasi_ignores_case_accents_and_punctuation():
    assert normalisasi_teks("  Alat PÉMERAS—santán!! ") == "alat pemeras santan"
    assert pencarian.kata_kunci("a " * 50) == ["a"] * pencarian.MAX_WORDS


def test_search_document_is_kept_by_the_service(katalog, kurator):
    from teknologi import services

    t = katalog["Pompa Hidram"]
    assert "pompa hidram" in t.cari_nama and "air bersih dan sanitasi" in t.cari_teks
    services.teknologi_simpan(data={"alias": "Pompa Ram Hidrolik"}, oleh=kurator, teknologi=t)
    t.refresh_from_db()
    assert "pompa ram hidrolik" in t.cari_nama


@pytest.mark.parametrize("query", ["pemeras santan", "PEMERAS SANTAN", "pémeras sántan", "santan"])
def test_exact_case_and_accents_find_pemeras_santan_first(katalog, query):
    assert hasil(query)[0] == "Alat Pemeras Santan"


def test_name_match_ranks_above_summary_match(katalog):
    found = hasil("parut kelapa")
    assert found[0] == "Mesin Parut Kelapa"
    assert "Alat Pemeras Santan" in found  # mentions kelapa in its summary


def test_empty_and_junk_queries_are_harmless(katalog):
    assert len(hasil("")) == len(katalog)
    assert hasil("'; DROP TABLE teknologi_teknologi; --") == []
    assert hasil("!!!") == hasil("")
    assert hasil("x" * 5000) == []


def test_search_never_returns_drafts(katalog, kurator):
    f.teknologi("Alat Pemeras Santan Versi Draf", status="draft", oleh=kurator)
    f.teknologi("Alat Pemeras Santan Diajukan", status="diajukan", oleh=kurator)
    assert all("Draf" not in n and "Diajukan" not in n for n in hasil("pemeras santan"))


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_only")
class TestPostgresSearch:
    @pytest.mark.parametrize(
        "query,first",
        [
            ("pemeras santen", "Alat Pemeras Santan"),
            ("pemeras santen kelapa", "Alat Pemeras Santan"),
            ("pengering ikan", "Pengering Ikan Tenaga Surya"),
            ("pengring ikan", "Pengering Ikan Tenaga Surya"),
            ("pencacah plastk", "Mesin Pencacah Plastik"),
            ("komposer", "Komposter Rumah Tangga"),
            ("hidram", "Pompa Hidram"),
            ("santen", "Alat Pemeras Santan"),
            ("takakura", "Komposter Rumah Tangga"),
            ("penepungan", "Mesin Penepung"),
        ],
    )
    def test_typos_and_variants_find_the_right_tool_first(self, katalog, query, first):
        assert hasil(query)[0] == first

    def test_unrelated_words_find_nothing(self, katalog):
        assert hasil("sepeda motor listrik") == []

    def test_search_uses_the_gin_indexes(self, katalog):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'teknologi_teknologi'")
            names = {row[0] for row in cursor.fetchall()}
        assert {"teknologi_cari_nama_trgm", "teknologi_cari_vector"} <= names
        qs = pencarian.cari(Teknologi.objects.all(), "pemeras santen")
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "teknologi_cari_nama_trgm" in plan and "teknologi_cari_vector" in plan, plan


def test_facets_count_with_the_other_filters(katalog):
    f.panduan(katalog["Alat Pemeras Santan"])
    t = katalog["Mesin Pencacah Plastik"]
    Teknologi.objects.filter(pk=t.pk).update(
        harga_min=12_000_000,
        harga_max=35_000_000,
        penghargaan="inovasi",
        penghargaan_tahun=2022,
        penghargaan_tingkat="nasional",
    )
    Teknologi.objects.filter(pk=katalog["Alat Pemeras Santan"].pk).update(harga_min=1_750_000, harga_max=4_500_000)
    facet = teknologi_facet(f=Filter.dari({}))
    assert {v: n for v, _label, n in facet["bidang"]} == {"pangan": 3, "perikanan": 2, "lingkungan": 2, "air": 1}
    assert {k: n for k, _label, n in facet["harga"]} == {"1-5": 1, "5-20": 1}  # by starting price: one bucket each
    assert facet["panduan"] == 1
    assert [(v, n) for v, _label, n in facet["penghargaan"]] == [("inovasi", 1)]

    # Choosing a bidang narrows the other facets, but the bidang facet still offers the others.
    facet = teknologi_facet(f=Filter.dari({"bidang": "pangan"}))
    assert {v: n for v, _label, n in facet["bidang"]}["lingkungan"] == 2
    assert {k: n for k, _label, n in facet["harga"]} == {"1-5": 1}
    assert facet["penghargaan"] == []
    assert hasil("", bidang="pangan", harga="1-5") == ["Alat Pemeras Santan"]
    assert hasil("", panduan="1") == ["Alat Pemeras Santan"]
    assert hasil("", penghargaan="inovasi") == ["Mesin Pencacah Plastik"]


def test_facet_kecamatan_counts_published_demonstrations(katalog, pos_a, pos_b, kurator):
    from teknologi import services

    services.peraga_simpan(pos=pos_a, teknologi=katalog["Pompa Hidram"], ada_unit_demo=True)
    services.peraga_simpan(pos=pos_a, teknologi=katalog["Mesin Penepung"], ada_unit_demo=False)
    services.peraga_simpan(pos=pos_b, teknologi=katalog["Mesin Penepung"], ada_unit_demo=False)
    facet = teknologi_facet(f=Filter.dari({}))
    assert [(slug, n) for slug, _nama, n in facet["kecamatan"]] == [("gambir", 2), ("tambora", 1)]
    assert sorted(hasil("", kecamatan="gambir")) == ["Mesin Penepung", "Pompa Hidram"]
    assert hasil("", kecamatan="tidak-ada") == []


def test_sorting_options(katalog):
    Teknologi.objects.filter(nama="Pompa Hidram").update(harga_min=1_500_000)
    Teknologi.objects.filter(nama="Mesin Penepung").update(harga_min=4_500_000, harga_max=9_000_000)
    assert hasil("", urut="harga")[:2] == ["Pompa Hidram", "Mesin Penepung"]
    assert hasil("", urut="-harga")[0] == "Mesin Penepung"
    assert hasil("", urut="nama") == sorted(katalog)
    assert hasil("", urut="bukan-urutan") == sorted(katalog)
