"""The one percontohan rule (``posyantek.services.percontohan_tetapkan``), shared by the admin's post
form and the Lomba's "mark the winners" step: one test per check, each refusing with nothing written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from posyantek.models import PenetapanPercontohan, Pos
from posyantek.services import percontohan_tetapkan

pytestmark = pytest.mark.django_db


def tidak_berubah(pos: Pos) -> None:
    pos.refresh_from_db()
    assert not pos.is_percontohan and pos.percontohan_tahun is None
    assert not PenetapanPercontohan.objects.filter(pos=pos).exists()


def test_an_admin_designates_with_year_and_reason(admin_provinsi, pos_a):
    percontohan_tetapkan(pos=pos_a, oleh=admin_provinsi, tahun=2024, alasan="  Juara   Umum ")
    pos_a.refresh_from_db()
    assert (pos_a.is_percontohan, pos_a.percontohan_tahun, pos_a.percontohan_alasan) == (True, 2024, "Juara Umum")
    penetapan = PenetapanPercontohan.objects.get(pos=pos_a)
    assert (penetapan.tahun, penetapan.ditetapkan_oleh) == (2024, admin_provinsi)


def test_an_operator_is_refused(operator_a, pos_a):
    with pytest.raises(PermissionDenied):
        percontohan_tetapkan(pos=pos_a, oleh=operator_a, tahun=2024, alasan="Pos saya sendiri")
    tidak_berubah(pos_a)


@pytest.mark.parametrize("alasan", ["", "   ", None])
def test_a_missing_reason_is_refused(admin_provinsi, pos_a, alasan):
    with pytest.raises(ValidationError, match="Alasan penetapan percontohan wajib diisi"):
        percontohan_tetapkan(pos=pos_a, oleh=admin_provinsi, tahun=2024, alasan=alasan)
    tidak_berubah(pos_a)


def test_a_reason_over_255_characters_is_refused_not_cut(admin_provinsi, pos_a):
    with pytest.raises(ValidationError, match="paling banyak 255"):
        percontohan_tetapkan(pos=pos_a, oleh=admin_provinsi, tahun=2024, alasan="x" * 256)
    tidak_berubah(pos_a)


@pytest.mark.parametrize("tahun", [None, 1999, 2101])
def test_a_missing_or_out_of_range_year_is_refused(admin_provinsi, pos_a, tahun):
    with pytest.raises(ValidationError):
        percontohan_tetapkan(pos=pos_a, oleh=admin_provinsi, tahun=tahun, alasan="Sekretariat permanen")
    tidak_berubah(pos_a)


def test_the_admin_form_refuses_an_empty_reason(client_as, admin_provinsi, pos_a):
    response = client_as(admin_provinsi).post(
        "/kelola/gambir/percontohan/", {"is_percontohan": "on", "tahun": "2024", "alasan": " "}
    )
    assert response.status_code == 200
    assert "Alasan penetapan percontohan wajib diisi." in response.content.decode()
    tidak_berubah(pos_a)
