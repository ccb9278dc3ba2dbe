"""A volunteer's hours typed the Indonesian way: "3,5" is three and a half hours (issues 10 and 16)."""

from decimal import Decimal

import pytest

from pelatihan.models import AktivitasRelawan

from .test_relawan import aktivitas_data, body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["3,5", "3.5", "3,50"])
def test_activity_hours_with_a_decimal_comma_are_stored(client_as, relawan_a, pos_a, typed):
    response = client_as(relawan_a.user).post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a, jam=typed))
    assert response.status_code == 302
    assert AktivitasRelawan.objects.get().jam == Decimal("3.5")


def test_activity_edit_form_shows_hours_with_a_comma(client_as, relawan_a, pos_a):
    client = client_as(relawan_a.user)
    client.post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a, jam="0,25"))
    a = AktivitasRelawan.objects.get()
    page = body(client.get(f"/relawan/saya/aktivitas/{a.pk}/ubah/"))
    assert 'name="jam" value="0,25" inputmode="decimal"' in page


@pytest.mark.parametrize(
    "typed,message",
    [
        ("3,555", "“3,555” tidak jelas: bisa berarti 3555 (koma sebagai pemisah ribuan) atau 3,555 (koma desimal)."),
        ("0,1", "Nilai harus antara 0,25 dan 24."),
        ("2,125", "tidak jelas"),
        ("1,333", "tidak jelas"),
        ("1,3333", "Paling banyak 2 angka di belakang koma."),
    ],
)
def test_activity_doubtful_hours_are_refused(client_as, relawan_a, pos_a, typed, message):
    response = client_as(relawan_a.user).post("/relawan/saya/aktivitas/baru/", aktivitas_data(pos_a, jam=typed))
    assert response.status_code == 200
    assert message in body(response)
    assert AktivitasRelawan.objects.count() == 0
