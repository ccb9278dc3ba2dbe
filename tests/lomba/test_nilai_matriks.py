"""The score table of an entry's page is a selector (``nilai_peserta_matriks``, #13.6), no longer
built in the view: a column per juri, a row per criterion, a juri sees only their own column."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lomba import selectors
from tests.lomba.factories import kriteria_ids, nilai_semua

pytestmark = pytest.mark.django_db


def test_a_column_per_juri_and_a_row_per_criterion(penilaian, juri, juri2):
    lomba, peserta = penilaian
    nilai_semua(juri=juri, peserta=peserta[0], nilai=70)
    nilai_semua(juri=juri2, peserta=peserta[0], nilai=90)
    nilai_semua(juri=juri, peserta=peserta[1], nilai=10)  # another entry: not in this table
    matriks = selectors.nilai_peserta_matriks(peserta=peserta[0])
    assert {j.pk for j in matriks.juri_list} == {juri.pk, juri2.pk}
    assert [k.pk for _t, k, _v in matriks.baris] == kriteria_ids(lomba)
    per_juri = {j.pk: i for i, j in enumerate(matriks.juri_list)}
    for _tahap, _kriteria, values in matriks.baris:
        assert values[per_juri[juri.pk]] == Decimal("70") and values[per_juri[juri2.pk]] == Decimal("90")


def test_one_juri_sees_only_their_own_column_and_empty_cells_stay_empty(penilaian, juri, juri2):
    lomba, peserta = penilaian
    nilai_semua(juri=juri2, peserta=peserta[0], nilai=90)
    assert selectors.nilai_peserta_matriks(peserta=peserta[0], juri=juri).juri_list == []
    matriks = selectors.nilai_peserta_matriks(peserta=peserta[0], juri=juri2)
    assert [j.pk for j in matriks.juri_list] == [juri2.pk]
    assert len(matriks.baris) == len(kriteria_ids(lomba))


def test_the_query_count_does_not_grow_with_juri_and_criteria(penilaian, juri, juri2, django_assert_num_queries):
    _lomba, peserta = penilaian
    nilai_semua(juri=juri, peserta=peserta[0], nilai=70)
    with django_assert_num_queries(3):
        selectors.nilai_peserta_matriks(peserta=peserta[0])
    nilai_semua(juri=juri2, peserta=peserta[0], nilai=90)
    with django_assert_num_queries(3):
        selectors.nilai_peserta_matriks(peserta=peserta[0])


def test_the_entry_page_shows_the_table(client_as, penilaian, admin_provinsi, juri):
    lomba, peserta = penilaian
    nilai_semua(juri=juri, peserta=peserta[0], nilai=77)
    url = reverse("lomba:peserta-detail", kwargs={"pk": lomba.pk, "peserta_pk": peserta[0].pk})
    response = client_as(admin_provinsi).get(url)
    assert response.status_code == 200
    assert [j.pk for j in response.context["juri_list"]] == [juri.pk]
    assert "77" in response.content.decode()
