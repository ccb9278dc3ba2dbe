"""What the catalogue adds to the foundation's pages, through extensions."""

import pytest

from teknologi import services
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def test_home_has_search_box_featured_technologies_and_open_campaigns(client, pos_a):
    t = f.teknologi(
        "Alat Pemeras Santan", penghargaan="unggulan", penghargaan_tahun=2023, penghargaan_tingkat="provinsi"
    )
    f.teknologi("Draf Rahasia", status="draft")
    k = f.kampanye(t, pos_a)
    body = client.get("/").content.decode()
    assert 'action="/cari/"' in body and "Alat Pemeras Santan" in body and k.judul in body  # one search: posts and TTG
    assert "Draf Rahasia" not in body
    assert 'href="/teknologi/"' in body and 'href="/urun-beli/"' in body  # public navigation


def test_post_page_lists_what_it_demonstrates_and_its_campaigns(client, pos_a, pos_b):
    t = f.teknologi("Pompa Hidram")
    services.peraga_simpan(pos=pos_a, teknologi=t, ada_unit_demo=True)
    services.peraga_simpan(pos=pos_b, teknologi=f.teknologi("Alat Tambora"), ada_unit_demo=False)
    k = f.kampanye(t, pos_a)
    body = client.get("/pos/gambir/").content.decode()
    assert "Pompa Hidram" in body and "unit demo" in body and k.judul in body
    assert "Alat Tambora" not in body


def test_dashboard_menu_and_overview_for_operator(client_as, operator_a, pos_a, pemilik_ukm):
    t = f.teknologi()
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="Warung", oleh=pemilik_ukm, pemilik=pemilik_ukm)
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="Toko", oleh=operator_a)
    client = client_as(operator_a)
    body = client.get("/kelola/gambir/").content.decode()
    assert "1 laporan menunggu persetujuan." in body and "/kelola/gambir/teknologi/" in body
    body = client.get("/kelola/gambir/ringkasan/").content.decode()
    assert "Pemakaian TTG per teknologi" in body and "UKM tercatat memakai TTG" in body


def test_province_overview_counts_adoption_per_kota_and_campaigns_by_status(
    client_as, admin_provinsi, pos_a, pos_b, operator_a
):
    t = f.teknologi()
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="A", oleh=operator_a)
    services.adopsi_catat(teknologi=t, pos=pos_b, nama_usaha="B", oleh=operator_a)
    f.kampanye(t, pos_a)
    client = client_as(admin_provinsi)
    body = client.get("/kelola/ringkasan/").content.decode()
    assert "Pemakaian TTG per kota" in body and "Jakarta Pusat" in body and "Jakarta Barat" in body
    assert "Kampanye urun beli per status" in body
    assert "Kurasi katalog TTG" in client.get("/kelola/").content.decode()


def test_overview_query_count_does_not_grow(client_as, admin_provinsi, pos_a, pos_b, operator_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = f.teknologi()
    services.adopsi_catat(teknologi=t, pos=pos_a, nama_usaha="A", oleh=operator_a)
    client = client_as(admin_provinsi)
    client.get("/kelola/ringkasan/")  # warm: the idle-timeout save of the session happens once
    with CaptureQueriesContext(connection) as one:
        client.get("/kelola/ringkasan/")
    for i in range(3):
        services.adopsi_catat(teknologi=f.teknologi(f"Alat {i}"), pos=pos_b, nama_usaha=f"B{i}", oleh=operator_a)
    with CaptureQueriesContext(connection) as more:
        client.get("/kelola/ringkasan/")
    assert len(one.captured_queries) == len(more.captured_queries)
