"""The weights page of a competition past draft: read-only, no save button, and a POST is refused
with a message (never a silent no-op)."""

import pytest
from django.urls import reverse

from lomba.models import Kriteria, Tahap

pytestmark = pytest.mark.django_db


def test_bobot_page_after_draft_has_no_save_button_and_refuses_a_post(client_as, penilaian, admin_provinsi):
    lomba, _peserta = penilaian
    url = reverse("lomba:bobot", kwargs={"pk": lomba.pk})
    client = client_as(admin_provinsi)
    page = client.get(url).content.decode()
    assert "Simpan bobot" not in page
    assert "bobot hanya ditampilkan dan tidak dapat diubah lagi" in page
    assert page.count(" disabled") >= Tahap.objects.filter(lomba=lomba).count()
    before = sorted(Tahap.objects.filter(lomba=lomba).values_list("pk", "bobot")) + sorted(
        Kriteria.objects.filter(tahap__lomba=lomba).values_list("pk", "bobot")
    )
    data = {f"tahap_{pk}": "50" for pk, _b in before[:2]}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert (
        "Struktur penilaian (tahap, kriteria, bobot, penentu seri) hanya dapat diubah selama lomba berstatus draf."
        in response.content.decode()
    )
    after = sorted(Tahap.objects.filter(lomba=lomba).values_list("pk", "bobot")) + sorted(
        Kriteria.objects.filter(tahap__lomba=lomba).values_list("pk", "bobot")
    )
    assert after == before


def test_bobot_page_in_draft_keeps_its_save_button(client_as, admin_provinsi, wilayah):
    from tests.lomba.factories import lomba_dengan_templat

    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    page = client_as(admin_provinsi).get(reverse("lomba:bobot", kwargs={"pk": lomba.pk})).content.decode()
    assert "Simpan bobot" in page and "tidak dapat diubah lagi" not in page
