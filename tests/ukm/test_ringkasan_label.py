"""The overview's headline counts every registered business while its charts count the active
ones: each number says which it is, so "290 registered" beside a chart adding up to 274 is not a
puzzle (issue 16)."""

import re

import pytest

from .factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db


def text(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def ukm_campur(pos_a, pos_b):
    UkmFactory(kelurahan=kelurahan("Cideng"))
    UkmFactory(kelurahan=kelurahan("Gambir"))
    UkmFactory(kelurahan=kelurahan("Gambir"), status="nonaktif")
    UkmFactory(kelurahan=kelurahan("Angke"), status="nonaktif")  # post B


def chart_total(body: str, caption: str) -> int:
    table = body.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    return sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table))


def test_province_overview_labels_registered_and_active_counts(client_as, admin_provinsi, ukm_campur):
    body = client_as(admin_provinsi).get("/kelola/ringkasan/").content.decode()
    words = text(body)
    assert "4 UKM terdaftar (semua status)" in words
    assert "Grafik menghitung UKM aktif saja (2 dari 4 UKM terdaftar)." in words
    assert chart_total(body, "UKM aktif per kota/kabupaten") == 2


def test_post_overview_and_dashboard_label_registered_and_active_counts(client_as, operator_a, ukm_campur):
    client = client_as(operator_a)
    for url in ("/kelola/gambir/ringkasan/", "/kelola/gambir/"):
        body = client.get(url).content.decode()
        words = text(body)
        assert "3 UKM terdaftar (semua status)" in words, url
        assert "Grafik menghitung UKM aktif saja (2 dari 3 UKM terdaftar)." in words, url
        assert chart_total(body, "UKM aktif per kelurahan") == 2, url
