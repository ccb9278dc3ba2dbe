"""PilihanBanyakField: forged ids outside the 64-bit range are refused with a message, never a 500."""

import pytest
from django.core.exceptions import ValidationError

from posyantek.forms import PilihanBanyakField
from posyantek.models import Pos

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("forged", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_an_id_beyond_64_bits_is_refused_before_the_lookup(wilayah, forged):
    field = PilihanBanyakField(queryset=Pos.objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean([forged])
    assert error.value.code == "invalid_pk_value"


def test_real_ids_still_pass(pos_a, pos_b):
    field = PilihanBanyakField(queryset=Pos.objects.all())
    assert set(field.clean([str(pos_a.pk), str(pos_b.pk)])) == {pos_a, pos_b}
    with pytest.raises(ValidationError):
        field.clean(["bukan-angka"])
