"""The campaign page is a generic DetailView with the pledge form (#13.6); who is offered the form
is a selector (``kampanye_boleh_janji``), and a refused pledge re-renders the page through the same
view instead of a view built by hand."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from teknologi import selectors, services
from teknologi.models import JanjiUrunBeli
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def kampanye(pos_a):
    return f.kampanye(f.teknologi("Mesin Pengering"), pos_a, target=2, maksimum=2)


def boleh(kampanye, pengguna):
    kampanye = selectors.kampanye_detail_publik(pk=kampanye.pk)
    janji = selectors.janji_milik(kampanye=kampanye, pengguna=pengguna)
    return selectors.kampanye_boleh_janji(kampanye=kampanye, pengguna=pengguna, janji=janji)


def test_only_owners_are_offered_the_form(kampanye, operator_a):
    assert boleh(kampanye, f.pemilik(1)) is True
    assert boleh(kampanye, operator_a) is False
    assert boleh(kampanye, AnonymousUser()) is False


def test_a_full_campaign_keeps_the_form_for_its_pledgers_only(kampanye):
    sudah, belum = f.pemilik(1), f.pemilik(2)
    services.janji_simpan(kampanye=kampanye, oleh=sudah, jumlah=2)
    assert boleh(kampanye, sudah) is True  # may still lower or withdraw
    assert boleh(kampanye, belum) is False  # no quota left for a new pledger


def test_the_page_prefills_the_pledge_and_a_refused_pledge_comes_back_with_the_message(client_as, kampanye):
    pemilik = f.pemilik(1)
    services.janji_simpan(kampanye=kampanye, oleh=pemilik, jumlah=1, nama_usaha="Warung Sari")
    client = client_as(pemilik)
    page = client.get(reverse("teknologi:kampanye-detail", kwargs={"pk": kampanye.pk}))
    assert page.status_code == 200 and page.context["kampanye"] == kampanye
    assert page.context["form"].initial == {"jumlah": 1, "nama_usaha": "Warung Sari"}
    refused = client.post(reverse("teknologi:janji-simpan", kwargs={"pk": kampanye.pk}), {"jumlah": "3"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert JanjiUrunBeli.objects.get().jumlah == 1
    assert client.get(reverse("teknologi:janji-simpan", kwargs={"pk": kampanye.pk})).status_code == 405
