"""The Django admin shows the Lomba read-only, so nothing there goes around the freeze."""

from decimal import Decimal

import pytest

from lomba.models import Nilai
from tests.factories import UserFactory
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db


def test_admin_shows_scores_and_their_history_but_cannot_change_them(client, penilaian, juri):
    lomba, (gambir, *_rest) = penilaian
    nilai_semua(juri=juri, peserta=gambir, nilai=80)
    superuser = UserFactory(email="root@posyantek.test", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    nilai = Nilai.objects.first()
    assert client.get("/admin/lomba/nilai/").status_code == 200
    assert client.get(f"/admin/lomba/nilai/{nilai.pk}/history/").status_code == 200
    assert client.get("/admin/lomba/nilai/add/").status_code == 403
    page = client.get(f"/admin/lomba/nilai/{nilai.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    client.post(f"/admin/lomba/nilai/{nilai.pk}/change/", {"nilai": "1"})
    client.post(f"/admin/lomba/nilai/{nilai.pk}/delete/", {"post": "yes"})
    assert Nilai.objects.get(pk=nilai.pk).nilai == Decimal("80")
    for model in ("lomba", "peserta", "juripos"):
        assert client.get(f"/admin/lomba/{model}/").status_code == 200
