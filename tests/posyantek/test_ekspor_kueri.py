"""Exports stream with a constant number of queries (#11): the same count at N and at 10·N rows, and the
CSV's first bytes leave before the rows' query has run."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pelatihan.factories import AktivitasFactory, JadwalFactory, PendaftaranFactory, RelawanFactory
from tests.posyantek.factories import InventarisFactory, LogLayananFactory, MitraFactory
from tests.ukm.factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

N = 2


def kueri(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.getvalue()
    assert body  # consumed inside the context: a streamed body's queries are counted too
    return len(ctx.captured_queries)


def tambah_ukm(n, **kw):
    for _ in range(n):
        UkmFactory(**kw)


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_ekspor_ukm_pos_dan_provinsi_kueri_tetap(client, operator_a, admin_provinsi, pos_a, ext):
    cideng = kelurahan("Cideng")
    assert cideng.kecamatan_id == pos_a.kecamatan_id
    pos_url = reverse("ukm:kelola-ekspor", kwargs={"pos_slug": pos_a.slug, "fmt": ext})
    provinsi_url = reverse("ukm:provinsi-ekspor", kwargs={"fmt": ext})
    hitung = {}
    for jumlah in (N, 10 * N):
        tambah_ukm(jumlah - (N if jumlah > N else 0), kelurahan=cideng)
        client.force_login(operator_a)
        pos_q = kueri(client, pos_url)
        client.force_login(admin_provinsi)
        hitung[jumlah] = (pos_q, kueri(client, provinsi_url))
    assert hitung[N] == hitung[10 * N]


def test_ekspor_modul_pos_kueri_tetap(client, operator_a, pos_a):
    urls = [
        reverse("kelola:inventaris-ekspor", kwargs={"pos_slug": pos_a.slug}),
        reverse("kelola:layanan-ekspor", kwargs={"pos_slug": pos_a.slug}),
        reverse("kelola:mitra-ekspor", kwargs={"pos_slug": pos_a.slug}) + "?format=xlsx",
    ]
    client.force_login(operator_a)
    for url in urls:  # warm-up: the first request of a session reads what later ones find cached
        client.get(url).getvalue()
    hitung = {}
    for jumlah in (N, 9 * N):
        for _ in range(jumlah):
            InventarisFactory(pos=pos_a)
            LogLayananFactory(pos=pos_a)
            MitraFactory(pos=pos_a)
        hitung[jumlah] = [kueri(client, url) for url in urls]
    assert hitung[N] == hitung[9 * N]


def test_ekspor_pelatihan_dan_relawan_kueri_tetap(client, operator_a, admin_provinsi, pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=100)
    relawan = RelawanFactory(pos=[pos_a])
    peserta_url = reverse("pelatihan:kelola-peserta-csv", kwargs={"pos_slug": pos_a.slug, "pk": jadwal.pk})
    laporan_url = reverse("pelatihan:admin-laporan-csv") + "?per=aktivitas"
    hitung = {}
    for jumlah in (N, 9 * N):
        for _ in range(jumlah):
            PendaftaranFactory(jadwal=jadwal)
            AktivitasFactory(relawan=relawan, pos=pos_a)
        client.force_login(operator_a)
        peserta = kueri(client, peserta_url)
        client.force_login(admin_provinsi)
        hitung[jumlah] = (peserta, kueri(client, laporan_url))
    assert hitung[N] == hitung[9 * N]


def test_csv_byte_pertama_sebelum_kueri_baris(client, operator_a, pos_a):
    tambah_ukm(3, kelurahan=kelurahan("Cideng"))
    client.force_login(operator_a)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("ukm:kelola-ekspor", kwargs={"pos_slug": pos_a.slug, "fmt": "csv"}))
        chunks = iter(response.streaming_content)
        pertama = next(chunks)
        sebelum = len(ctx.captured_queries)
        sisa = b"".join(chunks)
    assert pertama.startswith(b"\xef\xbb\xbf") and b"Nama Usaha" in pertama and b"Usaha Uji" not in pertama
    baru = [q["sql"] for q in ctx.captured_queries[sebelum:]]
    assert any('"ukm_ukm"' in sql for sql in baru)  # the rows' query ran only after the first bytes
    assert sisa.count(b"Usaha Uji") == 3
