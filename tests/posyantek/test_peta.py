"""The kecamatan map: 44 shapes from the ODbL boundaries, drawn as inline SVG on /pos/ (a link per
post) and on the province overview (one metric per kecamatan, switchable, with a data table)."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from posyantek import peta
from posyantek.models import Kecamatan
from tests.ukm.factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db


def test_the_geometry_has_every_kecamatan_of_the_registry(wilayah):
    bentuk = peta.geometri().bentuk
    assert set(bentuk) == set(Kecamatan.objects.values_list("kode", flat=True))
    assert len(bentuk) == 44
    for b in bentuk.values():
        assert re.fullmatch(r"(M[\d.,L-]+Z)+", b.d), b.kode


def test_pos_page_draws_44_clickable_kecamatan_with_attribution_and_no_outside_load(client, wilayah):
    html = client.get("/pos/").content.decode()
    svg = html[html.index('<svg class="peta-svg"') : html.index("</svg>", html.index('<svg class="peta-svg"'))]
    assert svg.count("<path ") == 44
    links = re.findall(r'<a href="([^"]+)" data-kode="([\d.]+)">', svg)
    assert len(links) == 44
    assert ("/pos/gambir/", "31.71.01") in links
    assert "https://www.openstreetmap.org/copyright" in html and "OpenStreetMap contributors" in html
    assert not re.search(r'(src|href)="https?://(?!www\.openstreetmap\.org/copyright)', svg)


def test_province_overview_colours_kecamatan_by_the_chosen_metric(client_as, admin_provinsi, pos_a, pos_b):
    UkmFactory.create_batch(3, kelurahan=kelurahan("Cideng"))  # Gambir
    UkmFactory(kelurahan=kelurahan("Pekojan"))  # Tambora
    client = client_as(admin_provinsi)

    html = client.get("/kelola/ringkasan/?peta=ukm").content.decode()

    warna = dict(re.findall(r'data-kode="([\d.]+)"><path d="[^"]+" fill="(#[0-9a-f]{6})"', html))
    assert warna[pos_a.kecamatan.kode] == peta.WARNA[-1]  # Gambir: the most
    assert warna[pos_b.kecamatan.kode] not in (peta.WARNA_KOSONG, peta.WARNA[-1])  # Tambora: fewer
    assert warna[Kecamatan.objects.get(nama="Sawah Besar").kode] == peta.WARNA_KOSONG  # none
    tabel = html[html.index('<details class="peta-tabel">') :]
    assert re.search(r">Gambir</a></th><td class=\"num\">3<", tabel)
    assert re.search(r">Tambora</a></th><td class=\"num\">1<", tabel)
    assert 'href="/kelola/gambir/ringkasan/"' in html
    assert 'href="?peta=adopsi#peta"' in html and 'aria-current="true">UKM aktif' in html


def test_unknown_metric_falls_back_to_the_first(client_as, admin_provinsi, wilayah):
    html = client_as(admin_provinsi).get("/kelola/ringkasan/?peta=<script>").content.decode()
    assert 'aria-current="true">UKM aktif' in html and "<script>" not in html.split("peta-pilih")[1][:2000]


@pytest.mark.parametrize("kunci", ["adopsi", "pelatihan", "jam-relawan"])
def test_every_metric_draws(client_as, admin_provinsi, wilayah, kunci):
    html = client_as(admin_provinsi).get(f"/kelola/ringkasan/?peta={kunci}").content.decode()
    assert html.count('<path d="') >= 44 and f'href="?peta={kunci}#peta" aria-current="true"' in html


def test_operators_do_not_get_the_province_map(client_as, operator_a):
    assert client_as(operator_a).get("/kelola/ringkasan/").status_code == 403


def test_a_metric_key_registered_twice_is_refused(monkeypatch):
    import types

    dua = types.SimpleNamespace(
        METRIK=[peta.Metrik(kunci="ukm", label="x", satuan="x", hitung=dict)],
    )
    peta.metrik_semua.cache_clear()
    monkeypatch.setattr("posyantek.extensions.import_module", lambda name: dua)
    try:
        with pytest.raises(ImproperlyConfigured, match="dua kali"):
            peta.metrik_semua()
    finally:
        monkeypatch.undo()
        peta.metrik_semua.cache_clear()


def test_classes_cover_the_range():
    kelas = peta._kelas(23)
    assert kelas[0][0] == 0 and kelas[-1][1] == 23 and len(kelas) == 5
    assert all(a < b for a, b in kelas)
