"""Who may do what. Plain predicates; views pass their answers to templates as booleans."""

from posyantek.models import Pos


def is_admin_provinsi(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and (user.is_admin_provinsi or user.is_superuser)
    )


def can_manage_pos(user, pos: Pos) -> bool:
    """Admins provinsi manage every post; an operator manages exactly the posts assigned."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_admin_provinsi(user):
        return True
    return pos.operatorpos_set.filter(user=user).exists()


def can_use_kelola(user) -> bool:
    """The /kelola/ area is for operators and admins provinsi (and juri, for the Lomba)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_pengelola)
