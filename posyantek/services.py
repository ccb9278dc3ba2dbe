"""Writes of the foundation. Every function is keyword-only, validates, then saves atomically."""

from django.db import transaction

from posyantek.models import Pos, User


@transaction.atomic
def pos_profile_update(*, pos: Pos, oleh: User, data: dict) -> Pos:
    """Update a post's public profile fields. The caller has checked can_manage_pos."""
    for field, value in data.items():
        setattr(pos, field, value)
    pos.full_clean()
    pos.save()
    return pos


@transaction.atomic
def pengguna_create(
    *,
    email: str,
    nama: str,
    password: str | None = None,
    is_admin_provinsi: bool = False,
    is_juri: bool = False,
    is_pemilik_ukm: bool = False,
    email_verified: bool = True,
) -> User:
    """Create (or update, matched by e-mail) an account whose e-mail is already known to be real.

    Used for invited and demo accounts; self-sign-up goes through allauth and its e-mail check.
    With ``password=None`` the account cannot log in until a password is set through a link.
    """
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.nama = nama
    user.is_admin_provinsi = is_admin_provinsi or user.is_admin_provinsi
    user.is_juri = is_juri or user.is_juri
    user.is_pemilik_ukm = is_pemilik_ukm or user.is_pemilik_ukm
    if password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": email_verified, "primary": True}
    )
    return user


@transaction.atomic
def operator_assign(*, pos: Pos, user: User, oleh: User | None = None) -> None:
    """Make ``user`` an operator of ``pos`` (idempotent)."""
    from posyantek.models import OperatorPos

    OperatorPos.objects.get_or_create(pos=pos, user=user, defaults={"created_by": oleh})
