"""Removing a demonstrated technology: only this post's rows; anything else is a 404 that deletes
nothing and reports no success."""

import pytest

from teknologi import services
from teknologi.models import TeknologiPos
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def test_peraga_hapus_of_another_post_is_404_and_deletes_nothing(client_as, operator_a, pos_a, pos_b):
    t = f.teknologi()
    tambora = services.peraga_simpan(pos=pos_b, teknologi=t, ada_unit_demo=False)
    client = client_as(operator_a)
    response = client.post(f"/kelola/gambir/teknologi/peraga/{tambora.pk}/hapus/")
    assert response.status_code == 404
    assert list(TeknologiPos.objects.values_list("pk", flat=True)) == [tambora.pk]
    page = client.get("/kelola/gambir/teknologi/peraga/").content.decode()
    assert "Teknologi dihapus dari daftar peraga pos." not in page


def test_peraga_hapus_of_own_post_deletes_and_says_so(client_as, operator_a, pos_a):
    gambir = services.peraga_simpan(pos=pos_a, teknologi=f.teknologi(), ada_unit_demo=True)
    client = client_as(operator_a)
    response = client.post(f"/kelola/gambir/teknologi/peraga/{gambir.pk}/hapus/", follow=True)
    assert "Teknologi dihapus dari daftar peraga pos." in response.content.decode()
    assert not TeknologiPos.objects.exists()
    # A second click on a row already gone deletes nothing and does not claim it did.
    assert client.post(f"/kelola/gambir/teknologi/peraga/{gambir.pk}/hapus/").status_code == 404
