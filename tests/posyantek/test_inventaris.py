"""The post's equipment inventory."""

import datetime

import pytest

from posyantek.models import Inventaris
from tests.posyantek.factories import InventarisFactory

pytestmark = pytest.mark.django_db

VALID = {
    "nama": "Laptop operator",
    "jenis": "komputer",
    "merek": "Lenovo",
    "nomor_inventaris": "INV-01",
    "jumlah": "2",
    "kondisi": "baik",
    "tanggal_perolehan": "2024-03-01",
    "sumber": "APBD",
    "catatan": "",
}


def test_operator_adds_edits_and_deletes_an_item(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    assert client.post("/kelola/gambir/inventaris/tambah/", VALID)["Location"] == "/kelola/gambir/inventaris/"
    item = Inventaris.objects.get(pos=pos_a)
    assert (item.nama, item.jumlah, item.tanggal_perolehan) == ("Laptop operator", 2, datetime.date(2024, 3, 1))
    client.post(f"/kelola/gambir/inventaris/{item.pk}/ubah/", {**VALID, "kondisi": "rusak_ringan"})
    item.refresh_from_db()
    assert item.kondisi == "rusak_ringan"
    assert item.history.count() == 2
    client.post(f"/kelola/gambir/inventaris/{item.pk}/hapus/")
    assert not Inventaris.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"jumlah": "-1"}, "Nilai harus antara 1 dan 9.999."),
        ({"jumlah": "0"}, "Nilai harus antara 1 dan 9.999."),
        ({"jumlah": "10000"}, "Nilai harus antara 1 dan 9.999."),
        ({"jumlah": "dua"}, "Masukkan angka, misalnya 12."),
        ({"jenis": "roket"}, "Pilih salah satu dari daftar"),
        ({"nama": ""}, "di sini."),
        ({"nama": "x" * 121}, "paling banyak 120"),
        ({"tanggal_perolehan": "2999-01-01"}, "tidak boleh di masa depan"),
        ({"tanggal_perolehan": "kemarin"}, "Pilih tanggal dari kalender"),
        ({"catatan": "x" * 2001}, "paling banyak 2000"),
    ],
)
def test_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, data, message):
    response = client_as(operator_a).post("/kelola/gambir/inventaris/tambah/", {**VALID, **data})
    assert response.status_code == 200
    assert message in response.getvalue().decode()
    assert not Inventaris.objects.exists()


def test_html_is_shown_as_text(client_as, operator_a, pos_a):
    InventarisFactory(pos=pos_a, nama="<script>alert(1)</script>")
    body = client_as(operator_a).get("/kelola/gambir/inventaris/").getvalue().decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_other_posts_items_never_leak(client_as, operator_a, pos_b):
    rahasia = InventarisFactory(pos=pos_b, nama="Laptop Tambora")
    client = client_as(operator_a)
    assert "Laptop Tambora" not in client.get("/kelola/gambir/inventaris/").getvalue().decode()
    assert "Laptop Tambora" not in client.get("/kelola/gambir/inventaris/ekspor.csv").getvalue().decode("utf-8-sig")
    assert client.get(f"/kelola/gambir/inventaris/{rahasia.pk}/ubah/").status_code == 404
    assert client.post(f"/kelola/gambir/inventaris/{rahasia.pk}/hapus/").status_code == 404
    assert client.post(f"/kelola/gambir/inventaris/{rahasia.pk}/ubah/", VALID).status_code == 404
    rahasia.refresh_from_db()
    assert rahasia.nama == "Laptop Tambora"


def test_filters_and_csv_export(client_as, operator_a, pos_a):
    InventarisFactory(pos=pos_a, nama="Printer rusak", jenis="printer", kondisi="rusak_berat")
    InventarisFactory(pos=pos_a, nama="=HYPERLINK(1)", jenis="komputer")
    client = client_as(operator_a)
    body = client.get("/kelola/gambir/inventaris/?kondisi=rusak_berat").getvalue().decode()
    assert "Printer rusak" in body and "HYPERLINK" not in body
    response = client.get("/kelola/gambir/inventaris/ekspor.csv")
    assert response["Content-Disposition"] == 'attachment; filename="inventaris-gambir.csv"'
    rows = response.getvalue().decode("utf-8-sig").splitlines()
    assert rows[0].startswith('"Nama barang";"Jenis"')
    assert any(row.startswith("\"'=HYPERLINK(1)") for row in rows)
    assert (
        len(
            client.get("/kelola/gambir/inventaris/ekspor.csv?jenis=printer").getvalue().decode("utf-8-sig").splitlines()
        )
        == 2
    )


def test_dashboard_counts_broken_items(client_as, operator_a, pos_a):
    InventarisFactory(pos=pos_a, kondisi="baik")
    InventarisFactory(pos=pos_a, kondisi="hilang")
    body = client_as(operator_a).get("/kelola/gambir/").getvalue().decode()
    assert "2 barang" in body and "1 rusak/hilang" in body


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    InventarisFactory.create_batch(n, pos=pos_a)
    client = client_as(operator_a)
    client.get("/kelola/gambir/inventaris/")
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        response = client.get("/kelola/gambir/inventaris/")
    assert len(response.context["inventaris_list"]) == n
