"""Numbers people look at: UKM by class, bidang, kelurahan/kota and stage, as SVG charts with the
same numbers in a table, on the post's dashboard and overview and on the province overview."""

import re

import pytest
from django.utils import timezone

from ukm.selectors import ukm_statistik

from .factories import KlaimFactory, UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

M = 1_000_000_000


@pytest.fixture
def data(pos_a, pos_b):
    UkmFactory(
        kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=2 * M, tahap_jakpreneur="P1", verified_at=timezone.now()
    )
    UkmFactory(kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=2 * M + 1, bidang="fesyen", tahap_jakpreneur="P3")
    UkmFactory(kelurahan=kelurahan("Gambir"), hasil_penjualan_tahunan=None, bidang="jasa")
    UkmFactory(kelurahan=kelurahan("Gambir"), status="nonaktif")  # not counted in the charts
    UkmFactory(kelurahan=kelurahan("Angke"), hasil_penjualan_tahunan=20 * M, bidang="kriya")  # post B


def table_rows(body: str, caption: str) -> list[tuple[str, str]]:
    table = body.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    return re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', table)


def test_statistik_for_a_post(data, pos_a):
    stat = ukm_statistik(pos=pos_a)
    assert (stat.total, stat.aktif, stat.terverifikasi) == (4, 3, 1)
    assert stat.kelas == [("Mikro", 1), ("Kecil", 1), ("Menengah", 0), ("Belum dapat ditentukan", 1)]
    assert dict(stat.wilayah)["Cideng"] == 2 and dict(stat.wilayah)["Gambir"] == 1 and len(stat.wilayah) == 6
    assert dict(stat.tahap)["P1 · Pendaftaran"] == 1 and dict(stat.tahap)["Belum ada tahap"] == 1
    assert dict(stat.bidang) == {"Kuliner": 1, "Fesyen": 1, "Jasa": 1}


def test_statistik_for_the_province_by_kota(data):
    stat = ukm_statistik(pos=None)
    assert stat.total == 5 and dict(stat.wilayah) == {
        "Kepulauan Seribu": 0,
        "Jakarta Pusat": 3,
        "Jakarta Utara": 0,
        "Jakarta Barat": 1,
        "Jakarta Selatan": 0,
        "Jakarta Timur": 0,
    }
    assert dict(stat.kelas)["Menengah"] == 1


def test_post_overview_page_has_charts_and_tables(client_as, operator_a, data):
    body = client_as(operator_a).get("/kelola/gambir/ringkasan/").content.decode()
    # The registry's 4 charts; other apps add their own charts to the same overview page.
    assert body.count('class="bar-chart"') >= 4 and "cdn" not in body.lower()
    assert table_rows(body, "UKM aktif per kelas (PP 7/2021)") == [
        ("Mikro", "1"),
        ("Kecil", "1"),
        ("Menengah", "0"),
        ("Belum dapat ditentukan", "1"),
    ]
    assert ("Cideng", "2") in table_rows(body, "UKM aktif per kelurahan")
    assert "Angke" not in body  # post B's kelurahan


def test_province_overview_for_admin(client_as, admin_provinsi, data):
    body = client_as(admin_provinsi).get("/kelola/ringkasan/").content.decode()
    assert ("Jakarta Barat", "1") in table_rows(body, "UKM aktif per kota/kabupaten")
    assert "/kelola/provinsi/ukm/" in body


def test_dashboard_shows_charts_links_and_pending_claims(client_as, operator_a, data):
    KlaimFactory(ukm__kelurahan=kelurahan("Duri Pulo"))
    body = client_as(operator_a).get("/kelola/gambir/").content.decode()
    assert "UKM binaan" in body and "/kelola/gambir/ukm/" in body and "/kelola/gambir/ukm/impor/" in body
    assert "klaim menunggu keputusan" in body
    assert body.count('class="bar-chart"') == 4
    assert 'href="/kelola/gambir/ukm/"' in body.split('class="kelola-nav"')[1].split("</nav>")[0]  # the post menu


def test_dashboard_queries_do_not_grow_with_ukm(client_as, operator_a, pos_a, tanpa_fragmen):
    """The post dashboard (with every app's section) runs as many queries with 1 UKM as with 6."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(operator_a)
    UkmFactory()
    client.get("/kelola/gambir/")
    with CaptureQueriesContext(connection) as one:
        client.get("/kelola/gambir/")
    UkmFactory.create_batch(5, bidang="kriya", tahap_jakpreneur="P2")
    with CaptureQueriesContext(connection) as six:
        client.get("/kelola/gambir/")
    assert len(six.captured_queries) == len(one.captured_queries)


def test_kelola_index_links_province_registry_for_admin(client_as, admin_provinsi):
    body = client_as(admin_provinsi).get("/kelola/").content.decode()
    assert "/kelola/provinsi/ukm/" in body and "/kelola/provinsi/ukm/impor/" in body
