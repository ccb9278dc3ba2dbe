"""The service log: four duties, filters by kind and month, CSV export, kelurahan of this kecamatan."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from posyantek import services
from posyantek.models import Kelurahan, LogLayanan
from tests.posyantek.factories import LogLayananFactory

pytestmark = pytest.mark.django_db

HARI_INI = datetime.date.today()


def valid(pos, **extra) -> dict:
    kelurahan = pos.kecamatan.kelurahan_set.order_by("kode").first()
    return {
        "tanggal": HARI_INI.isoformat(),
        "jenis": "orientasi",
        "topik": "Kelas berjualan daring",
        "penerima": "Kelompok UKM Cideng",
        "jumlah_penerima": "12",
        "kelurahan": str(kelurahan.pk),
        "petugas": "Operator Gambir",
        "catatan": "",
        **extra,
    }


def test_operator_logs_a_service(client_as, operator_a, pos_a):
    response = client_as(operator_a).post("/kelola/gambir/layanan/tambah/", valid(pos_a))
    assert response["Location"] == "/kelola/gambir/layanan/"
    log = LogLayanan.objects.get()
    assert (log.pos, log.jenis, log.jumlah_penerima, log.dicatat_oleh) == (pos_a, "orientasi", 12, operator_a)
    assert log.kelurahan.kecamatan == pos_a.kecamatan


def test_new_log_form_suggests_today_and_the_operator(client_as, operator_a):
    body = client_as(operator_a).get("/kelola/gambir/layanan/tambah/").getvalue().decode()
    assert f'value="{HARI_INI.isoformat()}"' in body and 'value="Operator Gambir"' in body
    assert "---------" not in body.split('name="jenis"')[0][-2000:]


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"jenis": "hiburan"}, "Pilih salah satu dari daftar"),
        ({"tanggal": (HARI_INI + datetime.timedelta(days=1)).isoformat()}, "tidak boleh di masa depan"),
        ({"jumlah_penerima": "-3"}, "Nilai harus antara 1 dan 10.000."),
        ({"penerima": ""}, "di sini."),
        ({"topik": "x" * 201}, "paling banyak 200"),
        ({"kelurahan": "abc"}, "Pilih salah satu dari daftar"),
    ],
)
def test_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, pos_a, extra, message):
    response = client_as(operator_a).post("/kelola/gambir/layanan/tambah/", valid(pos_a, **extra))
    assert response.status_code == 200
    assert message in response.getvalue().decode()
    assert not LogLayanan.objects.exists()


def test_kelurahan_of_another_kecamatan_is_refused(client_as, operator_a, pos_a, pos_b):
    lain = Kelurahan.objects.filter(kecamatan=pos_b.kecamatan).first()
    response = client_as(operator_a).post("/kelola/gambir/layanan/tambah/", valid(pos_a, kelurahan=str(lain.pk)))
    assert "Pilih salah satu dari daftar" in response.getvalue().decode()
    with pytest.raises(ValidationError, match="kecamatan pos ini"):
        services.layanan_buat(
            pos=pos_a,
            oleh=operator_a,
            data={**valid(pos_a), "tanggal": HARI_INI, "kelurahan": lain, "jumlah_penerima": 1},
        )
    assert not LogLayanan.objects.exists()


def test_filters_by_kind_and_month_and_summarises(client_as, operator_a, pos_a):
    bulan_lalu = (HARI_INI.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    LogLayananFactory(pos=pos_a, jenis="teknis", topik="Servis oven", jumlah_penerima=2)
    LogLayananFactory(pos=pos_a, jenis="promosi", topik="Pameran produk", tanggal=bulan_lalu)
    client = client_as(operator_a)
    body = client.get("/kelola/gambir/layanan/?jenis=teknis").getvalue().decode()
    assert "Servis oven" in body and "Pameran produk" not in body
    body = client.get(f"/kelola/gambir/layanan/?bulan={bulan_lalu:%Y-%m}").getvalue().decode()
    assert "Pameran produk" in body and "Servis oven" not in body
    for wrong in ["2026-13", "bulan-lalu", "9" * 40]:
        response = client.get(f"/kelola/gambir/layanan/?bulan={wrong}")
        assert response.status_code == 200 and "TTTT-BB" in response.getvalue().decode()  # explained, not a 500
    rekap = client.get("/kelola/gambir/layanan/").context["rekap"]
    assert rekap == [("Layanan teknis", 1, 2), ("Informasi", 0, 0), ("Promosi", 1, 1), ("Orientasi TTG", 0, 0)]


def test_csv_export_follows_the_filters(client_as, operator_a, pos_a):
    LogLayananFactory(pos=pos_a, jenis="teknis", topik="Servis oven")
    LogLayananFactory(pos=pos_a, jenis="informasi", topik="=cmd|' /C calc'!A0")
    client = client_as(operator_a)
    response = client.get("/kelola/gambir/layanan/ekspor.csv?jenis=informasi")
    assert response["Content-Disposition"] == 'attachment; filename="log-layanan-gambir.csv"'
    rows = response.getvalue().decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and "'=cmd" in rows[1] and "Servis oven" not in response.getvalue().decode("utf-8-sig")


def test_other_posts_log_never_leaks(client_as, operator_a, pos_b):
    rahasia = LogLayananFactory(pos=pos_b, penerima="UKM Rahasia Tambora")
    client = client_as(operator_a)
    assert "UKM Rahasia Tambora" not in client.get("/kelola/gambir/layanan/").getvalue().decode()
    assert "UKM Rahasia Tambora" not in client.get("/kelola/gambir/layanan/ekspor.csv").getvalue().decode("utf-8-sig")
    assert client.get(f"/kelola/gambir/layanan/{rahasia.pk}/ubah/").status_code == 404
    assert client.post(f"/kelola/gambir/layanan/{rahasia.pk}/hapus/").status_code == 404
    assert LogLayanan.objects.filter(pk=rahasia.pk).exists()


def test_edit_and_delete(client_as, operator_a, pos_a):
    log = LogLayananFactory(pos=pos_a)
    client = client_as(operator_a)
    client.post(f"/kelola/gambir/layanan/{log.pk}/ubah/", valid(pos_a, topik="Topik baru"))
    log.refresh_from_db()
    assert log.topik == "Topik baru"
    client.post(f"/kelola/gambir/layanan/{log.pk}/hapus/")
    assert not LogLayanan.objects.exists()


def test_dashboard_counts_this_month(client_as, operator_a, pos_a):
    LogLayananFactory.create_batch(2, pos=pos_a)
    LogLayananFactory(pos=pos_a, tanggal=HARI_INI - datetime.timedelta(days=70))
    assert "2 layanan tercatat bulan ini." in client_as(operator_a).get("/kelola/gambir/").getvalue().decode()


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    LogLayananFactory.create_batch(n, pos=pos_a, kelurahan=pos_a.kecamatan.kelurahan_set.first())
    client = client_as(operator_a)
    client.get("/kelola/gambir/layanan/")
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        response = client.get("/kelola/gambir/layanan/")
    assert len(response.context["log_list"]) == n
