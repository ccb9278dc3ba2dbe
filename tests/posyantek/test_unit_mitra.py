"""Kelurahan units under the post, and its partners."""

import pytest

from posyantek.models import Kelurahan, Mitra, UnitKelurahan
from tests.posyantek.factories import MitraFactory, UnitKelurahanFactory

pytestmark = pytest.mark.django_db


def unit_data(kelurahan, **extra) -> dict:
    return {
        "kelurahan": str(kelurahan.pk),
        "alamat": "Kantor Kelurahan",
        "koordinator": "Pak RW",
        "telepon": "0812",
        "nomor_sk": "",
        "tanggal_dibentuk": "",
        "is_aktif": "on",
        "catatan": "",
        **extra,
    }


MITRA = {
    "nama": "Politeknik Negeri Jakarta",
    "jenis": "perguruan_tinggi",
    "kerja_sama": "Desain kemasan",
    "mulai": "2025-01-01",
    "selesai": "",
    "is_aktif": "on",
    "kontak_nama": "Dr. Rahasia",
    "kontak_telepon": "0811-2222",
    "kontak_email": "kontak@contoh.test",
}


# Units ---------------------------------------------------------------------------------------------


def test_operator_adds_a_unit_and_the_public_page_marks_it(client, client_as, operator_a, pos_a):
    cideng = Kelurahan.objects.get(kecamatan=pos_a.kecamatan, nama="Cideng")
    assert client_as(operator_a).post("/kelola/gambir/unit-kelurahan/tambah/", unit_data(cideng)).status_code == 302
    unit = UnitKelurahan.objects.get()
    assert (unit.pos, unit.kelurahan) == (pos_a, cideng)
    client.logout()
    body = client.get("/pos/gambir/").getvalue().decode()
    assert 'Cideng <span class="muted">(10150)</span> <span class="badge">ada unit</span>' in body
    assert "Pak RW" not in body and "0812" not in body


def test_unit_list_offers_the_kelurahan_without_unit(client_as, operator_a, pos_a):
    UnitKelurahanFactory(pos=pos_a)
    body = client_as(operator_a).get("/kelola/gambir/unit-kelurahan/").getvalue().decode()
    assert body.count("/kelola/gambir/unit-kelurahan/tambah/?kelurahan=") == pos_a.kecamatan.kelurahan_set.count() - 1


def test_second_unit_in_the_same_kelurahan_is_refused(client_as, operator_a, pos_a):
    unit = UnitKelurahanFactory(pos=pos_a)
    response = client_as(operator_a).post("/kelola/gambir/unit-kelurahan/tambah/", unit_data(unit.kelurahan))
    assert response.status_code == 200 and "Kelurahan ini sudah punya unit." in response.getvalue().decode()
    assert UnitKelurahan.objects.count() == 1


def test_unit_in_another_kecamatan_is_refused(client_as, operator_a, pos_a, pos_b):
    lain = Kelurahan.objects.filter(kecamatan=pos_b.kecamatan).first()
    response = client_as(operator_a).post("/kelola/gambir/unit-kelurahan/tambah/", unit_data(lain))
    assert "Pilih salah satu dari daftar" in response.getvalue().decode()
    assert not UnitKelurahan.objects.exists()


def test_other_posts_units_never_leak(client_as, operator_a, pos_b):
    rahasia = UnitKelurahanFactory(pos=pos_b, koordinator="Koordinator Tambora")
    client = client_as(operator_a)
    assert "Koordinator Tambora" not in client.get("/kelola/gambir/unit-kelurahan/").getvalue().decode()
    assert client.get(f"/kelola/gambir/unit-kelurahan/{rahasia.pk}/ubah/").status_code == 404
    assert client.post(f"/kelola/gambir/unit-kelurahan/{rahasia.pk}/hapus/").status_code == 404
    assert UnitKelurahan.objects.filter(pk=rahasia.pk).exists()


@pytest.mark.parametrize("n", [1, 3])
def test_unit_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    for kel in pos_a.kecamatan.kelurahan_set.all()[:n]:
        UnitKelurahanFactory(pos=pos_a, kelurahan=kel)
    client = client_as(operator_a)
    client.get("/kelola/gambir/unit-kelurahan/")
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        client.get("/kelola/gambir/unit-kelurahan/")


# Partners ------------------------------------------------------------------------------------------


def test_operator_adds_a_partner_public_sees_name_not_contact(client, client_as, operator_a, pos_a):
    assert (
        client_as(operator_a).post("/kelola/gambir/kemitraan/tambah/", MITRA)["Location"] == "/kelola/gambir/kemitraan/"
    )
    assert Mitra.objects.get().pos == pos_a
    client.logout()
    body = client.get("/pos/gambir/").getvalue().decode()
    assert "Politeknik Negeri Jakarta" in body and "Desain kemasan" in body and "Perguruan tinggi" in body
    assert "Dr. Rahasia" not in body and "0811-2222" not in body and "kontak@contoh.test" not in body


def test_finished_partnership_is_not_public(client, pos_a):
    MitraFactory(pos=pos_a, nama="Mitra Lama", is_aktif=False)
    assert "Mitra Lama" not in client.get("/pos/gambir/").getvalue().decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"jenis": "mafia"}, "Pilih salah satu dari daftar"),
        ({"selesai": "2024-01-01"}, "tidak boleh sebelum tanggal mulai"),
        ({"kerja_sama": ""}, "di sini."),
        ({"kontak_email": "bukan"}, "alamat email yang valid"),
        ({"nama": "x" * 151}, "paling banyak 150"),
    ],
)
def test_partner_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, data, message):
    response = client_as(operator_a).post("/kelola/gambir/kemitraan/tambah/", {**MITRA, **data})
    assert response.status_code == 200 and message in response.getvalue().decode()
    assert not Mitra.objects.exists()


def test_partner_csv_has_no_phone(client_as, operator_a, pos_a):
    MitraFactory(pos=pos_a, kontak_telepon="0814-2222-3333")
    body = client_as(operator_a).get("/kelola/gambir/kemitraan/ekspor.csv").getvalue().decode("utf-8-sig")
    assert "Universitas Mitra" in body and "0814-2222-3333" not in body


def test_other_posts_partners_never_leak(client_as, operator_a, pos_b):
    rahasia = MitraFactory(pos=pos_b, nama="Mitra Tambora")
    client = client_as(operator_a)
    assert "Mitra Tambora" not in client.get("/kelola/gambir/kemitraan/").getvalue().decode()
    assert "Mitra Tambora" not in client.get("/kelola/gambir/kemitraan/ekspor.csv").getvalue().decode("utf-8-sig")
    assert client.post(f"/kelola/gambir/kemitraan/{rahasia.pk}/ubah/", MITRA).status_code == 404
    rahasia.refresh_from_db()
    assert rahasia.nama == "Mitra Tambora"


@pytest.mark.parametrize("n", [1, 3])
def test_partner_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    MitraFactory.create_batch(n, pos=pos_a)
    client = client_as(operator_a)
    client.get("/kelola/gambir/kemitraan/")
    with django_assert_num_queries(6):  # + the data version (the post's menu is a cached fragment)
        client.get("/kelola/gambir/kemitraan/")
