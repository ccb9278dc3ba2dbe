from django.conf import settings

from posyantek.permissions import can_use_kelola, is_admin_provinsi
from posyantek.versi import VersiRequest


def portal(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "nav_kelola": can_use_kelola(user) if user is not None else False,
        "nav_admin_provinsi": is_admin_provinsi(user) if user is not None else False,
        "debug": settings.DEBUG,
        "versi": VersiRequest(request),  # the data version, for {% cache %} keys; read on first use
    }
