"""Kelurahan units under the post, and its partners."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from posyantek.models import Kelurahan, Mitra, UnitKelurahan
from posyantek.uploads import PrivateStorage
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


def test_the_partner_list_filters_by_kind_with_a_shareable_link_and_never_shows_another_post(
    client_as, operator_a, pos_a, pos_b
):
    MitraFactory(pos=pos_a, nama="Bank Jakarta Cabang Gambir", jenis="perbankan")
    MitraFactory(pos=pos_a, nama="Universitas Gambir", jenis="perguruan_tinggi")
    MitraFactory(pos=pos_b, nama="Bank Rahasia Tambora", jenis="perbankan")
    client = client_as(operator_a)
    body = client.get("/kelola/gambir/kemitraan/?jenis=perbankan").content.decode()
    assert "Bank Jakarta Cabang Gambir" in body and "Universitas Gambir" not in body
    assert "Bank Rahasia Tambora" not in body
    assert '<strong aria-current="true">Perbankan</strong>' in body
    assert 'href="/kelola/gambir/kemitraan/ekspor.csv?jenis=perbankan"' in body or "jenis=perbankan" in body
    semua = client.get("/kelola/gambir/kemitraan/?jenis=<script>").content.decode()  # junk: every kind
    assert "Bank Jakarta Cabang Gambir" in semua and "Universitas Gambir" in semua and "<script>" not in semua
    kosong = client.get("/kelola/gambir/kemitraan/?jenis=lsm").content.decode()
    assert "Belum ada mitra jenis ini." in kosong


def test_the_partner_export_holds_the_contact_and_follows_the_filter(client_as, operator_a, pos_a, pos_b):
    MitraFactory(
        pos=pos_a,
        nama="Bank Gambir",
        jenis="perbankan",
        kontak_nama="Bu Rina",
        kontak_telepon="0811-2222-333",
        kontak_email="rina@bank.test",
    )
    MitraFactory(pos=pos_a, nama="Komunitas Gambir", jenis="komunitas")
    MitraFactory(pos=pos_b, nama="Bank Tambora", jenis="perbankan", kontak_telepon="0899-0000-111")
    response = client_as(operator_a).get("/kelola/gambir/kemitraan/ekspor.csv?jenis=perbankan")
    isi = b"".join(response.streaming_content).decode("utf-8-sig")
    baris = isi.splitlines()
    assert '"Telepon kontak"' in baris[0] and '"Nama kontak"' in baris[0]
    assert len(baris) == 2 and '"Bank Gambir"' in baris[1]
    assert '"Bu Rina"' in baris[1] and '"0811-2222-333"' in baris[1] and '"rina@bank.test"' in baris[1]
    assert "Tambora" not in isi and "0899" not in isi


# -- the MoU: a private file, an expiry date, a reminder a month before ----------------------------


def test_an_operator_uploads_the_mou_and_only_operators_of_the_post_download_it(
    client, client_as, operator_a, operator_b, pos_a
):
    from tests.hostile_files import VALID_PDF

    data = {
        **MITRA,
        "mou_berakhir": "2027-03-31",
        "mou_baru": SimpleUploadedFile("mou.pdf", VALID_PDF, "application/pdf"),
    }
    assert client_as(operator_a).post("/kelola/gambir/kemitraan/tambah/", data).status_code == 302
    mitra = Mitra.objects.get()
    assert isinstance(mitra.mou.storage, PrivateStorage) and mitra.mou_berakhir == datetime.date(2027, 3, 31)
    url = f"/kelola/gambir/kemitraan/{mitra.pk}/mou/"
    response = client_as(operator_a).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == VALID_PDF
    assert "attachment" in response["Content-Disposition"]
    assert client_as(operator_b).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert f"/kelola/gambir/kemitraan/{mitra.pk}/mou/" not in client.get("/pos/gambir/").content.decode()


def test_a_hostile_mou_file_is_refused_and_nothing_is_written(client_as, operator_a):
    data = {**MITRA, "mou_baru": SimpleUploadedFile("mou.pdf", b"<script>alert(1)</script>", "application/pdf")}
    response = client_as(operator_a).post("/kelola/gambir/kemitraan/tambah/", data)
    assert response.status_code == 200 and response.context["form"].errors["mou_baru"]
    assert not Mitra.objects.exists()


def test_replacing_the_mou_removes_the_old_file_after_commit(
    client_as, operator_a, pos_a, django_capture_on_commit_callbacks
):
    from tests.hostile_files import VALID_PDF

    mitra = MitraFactory(pos=pos_a, mou=ContentFile(VALID_PDF, name="lama.pdf"))
    lama = mitra.mou.name
    storage = mitra.mou.storage
    assert isinstance(storage, PrivateStorage) and storage.exists(lama)
    data = {**MITRA, "mou_baru": SimpleUploadedFile("baru.pdf", VALID_PDF, "application/pdf")}
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as(operator_a).post(f"/kelola/gambir/kemitraan/{mitra.pk}/ubah/", data).status_code == 302
    mitra.refresh_from_db()
    assert mitra.mou.name != lama and storage.exists(mitra.mou.name) and not storage.exists(lama)


def test_operators_are_reminded_once_a_month_before_the_mou_ends(pos_a, operator_a, pos_b, operator_b):
    from posyantek.models import Surel
    from posyantek.services import mitra_mou_ingatkan

    hari_ini = datetime.date(2027, 1, 10)
    segera = MitraFactory(pos=pos_a, nama="Bank Gambir", mou_berakhir=datetime.date(2027, 2, 5))
    MitraFactory(pos=pos_a, nama="Masih Lama", mou_berakhir=datetime.date(2027, 6, 1))
    MitraFactory(pos=pos_a, nama="Sudah Lewat", mou_berakhir=datetime.date(2027, 1, 1))
    MitraFactory(pos=pos_b, nama="Mitra Tambora", mou_berakhir=datetime.date(2027, 1, 20))
    assert mitra_mou_ingatkan(hari_ini=hari_ini) == 2
    surel = {s.subjek: s.penerima for s in Surel.objects.all()}
    assert any("Bank Gambir" in subjek and penerima == [operator_a.email] for subjek, penerima in surel.items())
    assert any("Mitra Tambora" in subjek and penerima == [operator_b.email] for subjek, penerima in surel.items())
    assert not any("Masih Lama" in s or "Sudah Lewat" in s for s in surel)
    assert mitra_mou_ingatkan(hari_ini=hari_ini) == 0  # once per expiry date
    assert Surel.objects.count() == 2
    segera.refresh_from_db()
    from posyantek.services import mitra_ubah

    mitra_ubah(mitra=segera, oleh=operator_a, data={"mou_berakhir": datetime.date(2027, 2, 6)})  # extended
    assert mitra_mou_ingatkan(hari_ini=hari_ini) == 1
