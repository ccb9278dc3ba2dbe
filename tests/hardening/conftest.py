import pytest

from tests.access import World


@pytest.fixture
def world(pos_a, pos_b, operator_a, operator_b, pemilik_ukm, admin_provinsi, juri):
    """The access-matrix world (tests/access.py); the admin is also a superuser, for the Django admin."""
    admin_provinsi.is_staff = admin_provinsi.is_superuser = True
    admin_provinsi.save(update_fields=["is_staff", "is_superuser"])
    return World(
        pos_a=pos_a,
        pos_b=pos_b,
        users={"op_a": operator_a, "op_b": operator_b, "owner": pemilik_ukm, "admin": admin_provinsi, "juri": juri},
    )
