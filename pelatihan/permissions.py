"""Who may do what in training and volunteering. Plain predicates; views pass answers to templates.

These build on ``posyantek.permissions`` (kept there: ``can_manage_pos``, ``is_admin_provinsi``) and
live here because only this app asks them.
"""

from django.utils.translation import gettext as _

from pelatihan.models import Jadwal, Relawan
from posyantek.permissions import can_manage_pos, is_admin_provinsi

__all__ = ["can_manage_pos", "is_admin_provinsi", "is_relawan_aktif", "alasan_tidak_boleh_daftar", "boleh_daftar"]


def relawan_of(user) -> Relawan | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.relawan
    except Relawan.DoesNotExist:
        return None


def is_relawan_aktif(user) -> bool:
    """An accepted Relawan TIK (the role exists only through an accepted application). Asks the
    database, not a cached ``user.relawan``, so a decision made a moment ago counts."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Relawan.objects.filter(user=user, status=Relawan.Status.DITERIMA).exists()


def alasan_tidak_boleh_daftar(user, jadwal: Jadwal) -> str:
    """Why ``user`` may not register for ``jadwal`` by audience (empty string: they may).

    Umum: anyone with an account. Pemilik UKM: accounts marked as UKM owners. Pelatih (e.g. a
    Training of Trainers): accepted Relawan TIK and operators of any post.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _("Masuk dulu untuk mendaftar.")
    if jadwal.sasaran == Jadwal.Sasaran.PEMILIK_UKM and not user.is_pemilik_ukm:
        return _("Sesi ini khusus untuk pemilik UKM.")
    if jadwal.sasaran == Jadwal.Sasaran.PELATIH and not (is_relawan_aktif(user) or user.is_operator):
        return _("Sesi ini khusus untuk Relawan TIK dan operator pos.")
    return ""


def boleh_daftar(user, jadwal: Jadwal) -> bool:
    return not alasan_tidak_boleh_daftar(user, jadwal)
