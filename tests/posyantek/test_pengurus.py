"""The board: terms of at most 3 years, core positions, past boards kept, public names only."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from posyantek import services
from posyantek.models import Jabatan, Kepengurusan, Pengurus, tambah_tahun
from tests.posyantek.factories import KepengurusanFactory, PengurusFactory, pengurus_lengkap

pytestmark = pytest.mark.django_db

HARI_INI = datetime.date.today()


def periode_data(mulai: datetime.date, selesai: datetime.date, **extra) -> dict:
    return {"mulai": mulai.isoformat(), "selesai": selesai.isoformat(), "nomor_sk": "", "catatan": "", **extra}


def test_tambah_tahun_handles_29_february():
    assert tambah_tahun(datetime.date(2024, 2, 29), 3) == datetime.date(2027, 2, 28)
    assert tambah_tahun(datetime.date(2025, 7, 1), 3) == datetime.date(2028, 7, 1)


def test_operator_creates_a_term_and_members(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    mulai = datetime.date(2025, 1, 1)
    response = client.post(
        "/kelola/gambir/pengurus/periode/tambah/",
        periode_data(mulai, datetime.date(2027, 12, 31), nomor_sk="SK 12/2025"),
    )
    assert response.status_code == 302 and response["Location"] == "/kelola/gambir/pengurus/"
    periode = Kepengurusan.objects.get(pos=pos_a)
    assert (periode.mulai, periode.nomor_sk) == (mulai, "SK 12/2025")
    response = client.post(
        f"/kelola/gambir/pengurus/periode/{periode.pk}/anggota/tambah/",
        {"jabatan": "ketua", "nama": "  Hj.  Siti   Aminah ", "telepon": "0812", "email": ""},
    )
    assert response.status_code == 302
    assert list(periode.anggota.values_list("jabatan", "nama")) == [("ketua", "Hj. Siti Aminah")]


@pytest.mark.parametrize(
    "mulai,selesai,message",
    [
        (datetime.date(2025, 1, 1), datetime.date(2028, 1, 2), "paling lama 3 tahun"),
        (datetime.date(2025, 1, 1), datetime.date(2024, 12, 31), "harus sesudah tanggal mulai"),
        (datetime.date(2025, 1, 1), datetime.date(2025, 1, 1), "harus sesudah tanggal mulai"),
    ],
)
def test_term_rules_are_enforced_and_nothing_is_written(client_as, operator_a, mulai, selesai, message):
    response = client_as(operator_a).post("/kelola/gambir/pengurus/periode/tambah/", periode_data(mulai, selesai))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Kepengurusan.objects.exists()


def test_term_of_exactly_three_years_is_accepted(operator_a, pos_a):
    periode = services.kepengurusan_buat(
        pos=pos_a, oleh=operator_a, data={"mulai": datetime.date(2024, 2, 29), "selesai": datetime.date(2027, 2, 28)}
    )
    assert periode.pk


def test_overlapping_terms_are_refused_by_the_service(operator_a, pos_a, pos_b):
    services.kepengurusan_buat(
        pos=pos_a, oleh=operator_a, data={"mulai": datetime.date(2023, 1, 1), "selesai": datetime.date(2025, 12, 31)}
    )
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        services.kepengurusan_buat(
            pos=pos_a, oleh=operator_a, data={"mulai": datetime.date(2025, 6, 1), "selesai": datetime.date(2027, 6, 1)}
        )
    assert Kepengurusan.objects.count() == 1
    # Another post's terms are its own business.
    services.kepengurusan_buat(
        pos=pos_b, oleh=operator_a, data={"mulai": datetime.date(2025, 6, 1), "selesai": datetime.date(2027, 6, 1)}
    )


def test_service_refuses_fields_outside_the_record(operator_a, pos_a, pos_b):
    with pytest.raises(ValueError):
        services.kepengurusan_buat(
            pos=pos_a,
            oleh=operator_a,
            data={"mulai": HARI_INI, "selesai": HARI_INI + datetime.timedelta(days=30), "pos": pos_b},
        )
    assert not Kepengurusan.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"jabatan": "ketua", "nama": "Dua"}, "sudah diisi orang lain"),
        ({"jabatan": "raja", "nama": "X"}, "Pilih salah satu dari daftar"),
        ({"jabatan": "seksi_lain", "nama": "X", "jabatan_lain": ""}, "Tulis nama seksinya"),
        ({"jabatan": "anggota", "nama": ""}, "di sini."),
        ({"jabatan": "anggota", "nama": "x" * 151}, "paling banyak 150"),
        ({"jabatan": "anggota", "nama": "X", "email": "bukan"}, "alamat email yang valid"),
    ],
)
def test_member_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, pos_a, data, message):
    periode = KepengurusanFactory(pos=pos_a)
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.KETUA, nama="Satu")
    response = client_as(operator_a).post(
        f"/kelola/gambir/pengurus/periode/{periode.pk}/anggota/tambah/",
        {"telepon": "", "email": "", "jabatan_lain": "", **data},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(periode.anggota.values_list("nama", flat=True)) == ["Satu"]


def test_incomplete_board_warns_on_list_and_dashboard(client_as, operator_a, pos_a):
    periode = KepengurusanFactory(pos=pos_a)
    for jabatan in [Jabatan.KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA]:
        PengurusFactory(kepengurusan=periode, jabatan=jabatan)
    client = client_as(operator_a)
    for url in ["/kelola/gambir/pengurus/", "/kelola/gambir/"]:
        body = client.get(url).content.decode()
        assert "Kepengurusan belum lengkap: Seksi pengembangan, Seksi pelayanan belum terisi." in body
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.SEKSI_PENGEMBANGAN)
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.SEKSI_PELAYANAN)
    for url in ["/kelola/gambir/pengurus/", "/kelola/gambir/"]:
        body = client.get(url).content.decode()
        assert "belum lengkap" not in body and "lengkap" in body


def test_no_current_board_warns(client_as, operator_a, pos_a):
    KepengurusanFactory(pos=pos_a, mulai=datetime.date(2015, 1, 1), selesai=datetime.date(2017, 12, 31))
    body = client_as(operator_a).get("/kelola/gambir/pengurus/").content.decode()
    assert "Belum ada kepengurusan yang berjalan saat ini" in body
    assert "Masa bakti 1 Jan 2015 – 31 Des 2017" in body


def test_past_boards_are_kept_when_a_new_term_starts(client_as, operator_a, pos_a):
    lama = pengurus_lengkap(
        KepengurusanFactory(
            pos=pos_a, mulai=HARI_INI - datetime.timedelta(days=1200), selesai=HARI_INI - datetime.timedelta(days=100)
        )
    )
    client = client_as(operator_a)
    client.post(
        "/kelola/gambir/pengurus/periode/tambah/",
        periode_data(HARI_INI - datetime.timedelta(days=99), HARI_INI + datetime.timedelta(days=900)),
    )
    assert Kepengurusan.objects.filter(pos=pos_a).count() == 2
    assert lama.anggota.count() == 5
    body = client.get("/kelola/gambir/pengurus/").content.decode()
    assert "Riwayat dan kepengurusan mendatang" in body
    assert all(p.nama in body for p in lama.anggota.all())


def test_term_with_members_cannot_be_deleted(client_as, operator_a, pos_a):
    periode = pengurus_lengkap(KepengurusanFactory(pos=pos_a))
    response = client_as(operator_a).post(f"/kelola/gambir/pengurus/periode/{periode.pk}/hapus/", follow=True)
    assert "tidak dapat dihapus" in response.content.decode()
    assert Kepengurusan.objects.filter(pk=periode.pk).exists()


def test_empty_term_and_members_can_be_deleted(client_as, operator_a, pos_a):
    periode = KepengurusanFactory(pos=pos_a)
    anggota = PengurusFactory(kepengurusan=periode)
    client = client_as(operator_a)
    assert client.get(f"/kelola/gambir/pengurus/anggota/{anggota.pk}/hapus/").status_code == 200
    client.post(f"/kelola/gambir/pengurus/anggota/{anggota.pk}/hapus/")
    client.post(f"/kelola/gambir/pengurus/periode/{periode.pk}/hapus/")
    assert not Kepengurusan.objects.exists() and not Pengurus.objects.exists()
    assert Pengurus.history.filter(history_type="-").count() == 1


def test_other_posts_board_is_404_and_untouched(client_as, operator_a, pos_b):
    periode_b = KepengurusanFactory(pos=pos_b)
    anggota_b = PengurusFactory(kepengurusan=periode_b, nama="Rahasia Tambora", telepon="0899")
    client = client_as(operator_a)
    assert client.get(f"/kelola/gambir/pengurus/anggota/{anggota_b.pk}/ubah/").status_code == 404
    assert (
        client.post(
            f"/kelola/gambir/pengurus/anggota/{anggota_b.pk}/ubah/", {"jabatan": "anggota", "nama": "Diretas"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/kelola/gambir/pengurus/periode/{periode_b.pk}/anggota/tambah/",
            {"jabatan": "anggota", "nama": "Penyusup"},
        ).status_code
        == 404
    )
    assert client.post(f"/kelola/gambir/pengurus/periode/{periode_b.pk}/hapus/").status_code == 404
    assert (
        client.post(
            "/kelola/tambora/pengurus/periode/tambah/", periode_data(HARI_INI, HARI_INI + datetime.timedelta(days=10))
        ).status_code
        == 404
    )
    anggota_b.refresh_from_db()
    assert anggota_b.nama == "Rahasia Tambora" and periode_b.anggota.count() == 1
    assert "Rahasia Tambora" not in client.get("/kelola/gambir/pengurus/").content.decode()


def test_public_page_shows_current_board_names_but_never_phones(client, pos_a):
    periode = KepengurusanFactory(pos=pos_a)
    PengurusFactory(
        kepengurusan=periode,
        jabatan=Jabatan.KETUA,
        nama="Bapak Ketua",
        telepon="0812-7777-8888",
        email="ketua@contoh.test",
    )
    PengurusFactory(kepengurusan=periode, jabatan=Jabatan.SEKSI_LAIN, jabatan_lain="Seksi Humas", nama="Ibu Humas")
    KepengurusanFactory(pos=pos_a, mulai=datetime.date(2010, 1, 1), selesai=datetime.date(2012, 1, 1))
    body = client.get("/pos/gambir/").content.decode()
    assert "Bapak Ketua" in body and "Seksi Humas" in body and "Ibu Humas" in body
    assert "0812-7777-8888" not in body and "ketua@contoh.test" not in body
    assert body.index("Bapak Ketua") < body.index("Ibu Humas")  # board order: ketua first


@pytest.mark.parametrize("n", [1, 3])
def test_board_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    for i in range(n):
        mulai = datetime.date(2000 + 3 * i, 1, 1)
        pengurus_lengkap(
            KepengurusanFactory(pos=pos_a, mulai=mulai, selesai=tambah_tahun(mulai, 3) - datetime.timedelta(days=1))
        )
    client = client_as(operator_a)
    client.get("/kelola/gambir/pengurus/")
    # session, user, is-operator, post, terms, members (the idle-timeout save is not repeated: posyantek/middleware.py)
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        client.get("/kelola/gambir/pengurus/")
