"""The outside-entrant form refuses DKI Jakarta itself, however it is written: DKI's entries are its posts."""

import pytest
from django.urls import reverse

from lomba.impor import is_provinsi_dki
from lomba.models import Peserta
from tests.lomba.factories import lomba_dengan_templat

pytestmark = pytest.mark.django_db

DKI = [
    "DKI Jakarta",
    "DKI",
    "Jakarta",
    "Daerah Khusus Jakarta",
    "Daerah Khusus Ibukota Jakarta",
    "Daerah Khusus Ibu Kota Jakarta",
    "Prov. DKI Jakarta",
    "Provinsi D.K.I. Jakarta",
    "dki jakarta raya",
    "DKJ",
    "Jakarta Barat",
    "  jakarta  ",
]
BUKAN = ["Jawa Barat", "DI Yogyakarta", "Daerah Istimewa Yogyakarta", "Banten", "Kalimantan Timur", "Aceh"]


@pytest.mark.parametrize("provinsi", DKI)
def test_peserta_luar_form_refuses_the_home_province(client_as, admin_provinsi, wilayah, provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional")
    response = client_as(admin_provinsi).post(
        reverse("lomba:peserta-luar-create", kwargs={"pk": lomba.pk}),
        {"nama": "Posyantek Kelurahan X", "provinsi": provinsi},
    )
    assert response.status_code == 200
    assert (
        "Peserta dari DKI Jakarta didaftarkan sebagai pos (Tambah pos), bukan sebagai peserta luar DKI."
        in response.content.decode()
    )
    assert not Peserta.objects.filter(lomba=lomba).exists()


@pytest.mark.parametrize("provinsi", BUKAN)
def test_other_provinces_are_not_taken_for_dki(provinsi):
    assert is_provinsi_dki(provinsi) is False


def test_peserta_luar_form_accepts_another_province(client_as, admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional")
    response = client_as(admin_provinsi).post(
        reverse("lomba:peserta-luar-create", kwargs={"pk": lomba.pk}),
        {"nama": "Posyantek Singosari", "provinsi": "Jawa Timur"},
    )
    assert response.status_code == 302
    assert list(Peserta.objects.filter(lomba=lomba).values_list("nama_luar", "provinsi_luar", "dari_dki")) == [
        ("Posyantek Singosari", "Jawa Timur", False)
    ]
