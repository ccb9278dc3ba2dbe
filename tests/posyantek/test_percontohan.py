"""Model posts (percontohan), marked by an admin provinsi only; the admin's list of all posts."""

import pytest
from django.core.exceptions import PermissionDenied

from posyantek import services
from posyantek.models import Pos

pytestmark = pytest.mark.django_db


def test_admin_marks_a_model_post_and_the_public_sees_the_badge(client, client_as, admin_provinsi, pos_a):
    response = client_as(admin_provinsi).post(
        "/kelola/gambir/percontohan/",
        {"is_percontohan": "on", "tahun": "2024", "alasan": "Sekretariat permanen dan pengurus aktif."},
    )
    assert response["Location"] == "/kelola/gambir/"
    pos_a.refresh_from_db()
    assert (pos_a.is_percontohan, pos_a.percontohan_tahun, pos_a.percontohan_alasan) == (
        True,
        2024,
        "Sekretariat permanen dan pengurus aktif.",
    )
    assert pos_a.history.first().percontohan_tahun == 2024
    client.logout()
    detail = client.get("/pos/gambir/").content.decode()
    assert "Pos percontohan 2024" in detail and "Sekretariat permanen dan pengurus aktif." in detail
    assert "Percontohan" in client.get("/pos/").content.decode()
    assert 'href="/pos/gambir/">Gambir</a>' in client.get("/").content.decode()


def test_unmarking_clears_year_and_reason(client_as, admin_provinsi, pos_a):
    services.pos_percontohan_ubah(pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2009, alasan="2009")
    client_as(admin_provinsi).post("/kelola/gambir/percontohan/", {"tahun": "2009", "alasan": "x"})
    pos_a.refresh_from_db()
    assert (pos_a.is_percontohan, pos_a.percontohan_tahun, pos_a.percontohan_alasan) == (False, None, "")


@pytest.mark.parametrize(
    "data,message",
    [
        ({"is_percontohan": "on", "tahun": ""}, "Isi tahun penetapan"),
        ({"is_percontohan": "on", "tahun": "1800"}, "Nilai harus antara 2000 dan 2100."),
        ({"is_percontohan": "on", "tahun": "dua ribu"}, "Masukkan angka, misalnya 12."),
        ({"is_percontohan": "on", "tahun": "2024", "alasan": "x" * 256}, "paling banyak 255"),
    ],
)
def test_hostile_input_is_refused_and_changes_nothing(client_as, admin_provinsi, pos_a, data, message):
    response = client_as(admin_provinsi).post("/kelola/gambir/percontohan/", data)
    assert response.status_code == 200 and message in response.content.decode()
    pos_a.refresh_from_db()
    assert not pos_a.is_percontohan


def test_operators_cannot_crown_their_own_post(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    assert client.get("/kelola/gambir/percontohan/").status_code == 403
    assert client.post("/kelola/gambir/percontohan/", {"is_percontohan": "on", "tahun": "2025"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.pos_percontohan_ubah(pos=pos_a, oleh=operator_a, is_percontohan=True, tahun=2025, alasan="")
    pos_a.refresh_from_db()
    assert not pos_a.is_percontohan
    assert "/percontohan/" not in client.get("/kelola/gambir/").content.decode()


def test_admin_lists_every_post_and_filters(client_as, admin_provinsi, operator_a, pos_a):
    services.pos_percontohan_ubah(pos=pos_a, oleh=admin_provinsi, is_percontohan=True, tahun=2009, alasan="2009")
    client = client_as(admin_provinsi)

    def names(query: str) -> list[str]:
        return [p.kecamatan.nama for p in client.get(f"/kelola/?{query}").context["pos_list"]]

    assert len(names("")) == 44
    assert names("percontohan=1") == ["Gambir"]
    assert len(names("percontohan=0")) == 43
    assert names("q=palmerah") == ["Pal Merah"]  # spelling variants are tolerated
    assert names("q=Kramat+Jati") == ["Kramatjati"]
    assert len(names("kota=jakarta-pusat")) == 8
    assert names("kota=jakarta-pusat&q=senen") == ["Senen"]
    assert len(names("kota=atlantis")) == 44  # an unknown kota is ignored, not an error
    body = client.get("/kelola/").content.decode()
    assert "Undang pengguna" in body and 'href="/kelola/gambir/operator/"' in body


def test_admin_post_list_query_count(client_as, admin_provinsi, django_assert_max_num_queries, wilayah):
    client = client_as(admin_provinsi)
    client.get("/kelola/")
    with django_assert_max_num_queries(9):
        client.get("/kelola/?q=gambir")
    with django_assert_max_num_queries(9):
        client.get("/kelola/")


def test_operator_with_several_posts_chooses_among_them(client_as, operator_a, pos_b, wilayah):
    services.operator_tetapkan(pos=pos_b, pengguna=operator_a)
    response = client_as(operator_a).get("/kelola/")
    assert response.status_code == 200
    assert [p.slug for p in response.context["pos_list"]] == ["gambir", "tambora"]
    assert Pos.objects.for_user(operator_a).count() == 2
