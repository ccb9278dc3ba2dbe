"""The competition's status machine (``lomba.services.lomba_status_ubah``): each allowed move, each
refused one (nothing written), the confirmation of the irreversible ones, and the view that is now
form → service → redirect."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lomba import services
from lomba.models import Lomba, Status
from lomba.services.status import TRANSISI, lomba_status_periksa
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db

BOLEH = {
    (Status.DRAFT, Status.PENILAIAN),
    (Status.PENILAIAN, Status.DRAFT),
    (Status.PENILAIAN, Status.FINAL),
    (Status.FINAL, Status.DIUMUMKAN),
}
SEMUA = [(dari, ke) for dari in Status.values for ke in Status.values]


def dengan_status(lomba: Lomba, status: str) -> Lomba:
    Lomba.objects.filter(pk=lomba.pk).update(status=status)
    lomba.refresh_from_db()
    return lomba


def test_the_table_is_the_four_moves():
    assert {(dari, ke) for ke, t in TRANSISI.items() for dari in t.dari} == BOLEH
    assert lomba_status_periksa(dari=Status.PENILAIAN) == [Status.DRAFT, Status.FINAL]
    assert lomba_status_periksa(dari=Status.DIUMUMKAN) == []


@pytest.mark.parametrize("dari,ke", sorted(BOLEH))
def test_each_allowed_move(penilaian, admin_provinsi, juri, juri2, dari, ke):
    lomba, peserta = penilaian
    if ke == Status.FINAL:
        for j in (juri, juri2):
            for p in peserta:
                nilai_semua(juri=j, peserta=p, nilai=80)
    lomba = dengan_status(lomba, dari)
    hasil = services.lomba_status_ubah(lomba=lomba, ke=ke, oleh=admin_provinsi, konfirmasi=True)
    assert hasil.status == ke
    assert Lomba.objects.get(pk=lomba.pk).status == ke


@pytest.mark.parametrize("dari,ke", sorted(set(SEMUA) - BOLEH))
def test_each_refused_move_writes_nothing(penilaian, admin_provinsi, dari, ke):
    lomba = dengan_status(penilaian[0], dari)
    with pytest.raises(ValidationError) as refused:
        services.lomba_status_ubah(lomba=lomba, ke=ke, oleh=admin_provinsi, konfirmasi=True)
    assert refused.value.messages == [str(TRANSISI[ke].ditolak)]
    assert Lomba.objects.get(pk=lomba.pk).status == dari


@pytest.mark.parametrize("dari,ke", [(Status.PENILAIAN, Status.FINAL), (Status.FINAL, Status.DIUMUMKAN)])
def test_irreversible_moves_need_the_confirmation(penilaian, admin_provinsi, dari, ke):
    lomba = dengan_status(penilaian[0], dari)
    with pytest.raises(ValidationError, match="Centang kotak konfirmasi"):
        services.lomba_status_ubah(lomba=lomba, ke=ke, oleh=admin_provinsi)
    assert Lomba.objects.get(pk=lomba.pk).status == dari


@pytest.mark.parametrize("ke", ["", "selesai", "DRAFT"])
def test_an_unknown_target_is_refused(penilaian, admin_provinsi, ke):
    lomba = penilaian[0]
    with pytest.raises(ValidationError, match="Perubahan status tidak dikenal"):
        services.lomba_status_ubah(lomba=lomba, ke=ke, oleh=admin_provinsi, konfirmasi=True)
    assert Lomba.objects.get(pk=lomba.pk).status == Status.PENILAIAN


def test_the_view_posts_to_the_service_and_shows_the_refusal(client_as, penilaian, admin_provinsi):
    lomba = penilaian[0]
    url = reverse("lomba:status", kwargs={"pk": lomba.pk})
    client = client_as(admin_provinsi)
    response = client.post(url, {"ke": "diumumkan", "konfirmasi": "1"}, follow=True)
    assert "Hanya lomba yang sudah final yang dapat diumumkan." in response.content.decode()
    response = client.post(url, {"ke": "<script>"}, follow=True)
    assert "Perubahan status tidak dikenal." in response.content.decode()
    response = client.post(url, {"ke": "draft"}, follow=True)
    assert "Lomba dikembalikan ke draf." in response.content.decode()
    assert Lomba.objects.get(pk=lomba.pk).status == Status.DRAFT
