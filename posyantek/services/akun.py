"""Accounts and roles: invitations, operator assignments, deactivation.

Only public roles sign themselves up (through allauth, with e-mail verification). Operators, juri
and admins provinsi are invited by an admin provinsi: the portal e-mails a one-time link with which
the person sets their own password. Every function here that grants or removes access checks that
``oleh`` is an admin provinsi itself, whatever the view already checked.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from posyantek.models import OperatorPos, Peran, Pos, Undangan, User
from posyantek.permissions import is_admin_provinsi
from posyantek.tokens import undangan_token

from .surel import surel_template_antre
from .unik import simpan_unik


def _wajib_admin(oleh: User | None) -> None:
    if oleh is not None and not is_admin_provinsi(oleh):
        raise PermissionDenied(_("Hanya admin provinsi yang boleh mengatur akses pengguna."))


@transaction.atomic
def pengguna_buat(
    *,
    email: str,
    nama: str,
    password: str | None = None,
    password_hash: str | None = None,
    is_admin_provinsi: bool = False,
    is_juri: bool = False,
    is_pemilik_ukm: bool = False,
    email_verified: bool = True,
) -> User:
    """Create (or update, matched by e-mail) an account whose e-mail is already known to be real.

    Used for demo accounts and by tests; self-sign-up goes through allauth and its e-mail check,
    invitations through ``undangan_kirim``. With no password the account cannot log in until a
    password is set through a link. ``password_hash`` is a ready hash (``make_password``), which
    lets the demo seed hash one password once for its many accounts.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.nama = nama
    user.is_admin_provinsi = is_admin_provinsi or user.is_admin_provinsi
    user.is_juri = is_juri or user.is_juri
    user.is_pemilik_ukm = is_pemilik_ukm or user.is_pemilik_ukm
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    simpan_unik(user)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": email_verified, "primary": True}
    )
    return user


@transaction.atomic
def operator_tetapkan(*, pos: Pos, pengguna: User, oleh: User | None = None) -> None:
    """Make ``pengguna`` an operator of ``pos`` (idempotent)."""
    _wajib_admin(oleh)
    OperatorPos.objects.get_or_create(pos=pos, user=pengguna, defaults={"created_by": oleh})


@transaction.atomic
def operator_hapus(*, pos: Pos, pengguna: User, oleh: User) -> None:
    """Take ``pos`` away from an operator. Their account stays; other posts stay theirs."""
    _wajib_admin(oleh)
    deleted, _rows = OperatorPos.objects.filter(pos=pos, user=pengguna).delete()
    if not deleted:
        raise ValidationError(_("%(nama)s bukan operator %(pos)s.") % {"nama": pengguna, "pos": pos})


def undangan_tautan_buat(*, pengguna: User, request=None) -> str:
    """The absolute one-time link that lets ``pengguna`` set their first password."""
    path = reverse(
        "undangan-terima",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(pengguna.pk)),
            "token": undangan_token.make_token(pengguna),
        },
    )
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _kirim_email_undangan(undangan: Undangan, *, request=None) -> None:
    user = undangan.user
    perlu_sandi = not user.has_usable_password()
    pos_list = list(undangan.pos.all().order_by("kecamatan__kode"))
    base = (request.build_absolute_uri("/") if request is not None else settings.PORTAL_BASE_URL).rstrip("/")
    surel_template_antre(
        ke=[user.email],
        subjek=lambda: _("Undangan Portal Posyantek: %(peran)s") % {"peran": undangan.get_peran_display()},
        template="posyantek/email/undangan.txt",
        konteks={
            "user": user,
            "undangan": undangan,
            "peran": undangan.get_peran_display,  # called in the mail's language
            "pos_list": pos_list,
            "link": undangan_tautan_buat(pengguna=user, request=request) if perlu_sandi else "",
            "login_url": base + reverse("account_login"),
            "berlaku_hari": settings.INVITATION_TIMEOUT // 86400,
            "pengirim": undangan.dikirim_oleh,
        },
    )


@transaction.atomic
def undangan_kirim(
    *, email: str, nama: str, peran: str, pos_list: list[Pos] | None = None, oleh: User | None, request=None
) -> Undangan:
    """Invite someone as operator (of the given posts), juri or admin provinsi, and e-mail them.

    ``oleh`` is the inviting admin provinsi; ``None`` only from the command line
    (``manage.py undang_admin``, the first admin of a deployment).

    A new person gets an account without a password and a one-time link to set one; someone who
    already has an account gets the role and a notice to log in as usual. Refuses a deactivated
    account, an operator invitation without a post, and anyone but an admin provinsi as sender.
    The e-mail goes to the outbox with the invitation: sent after commit, retried if the mail
    server is away.
    """
    _wajib_admin(oleh)
    email = (email or "").strip().lower()
    nama = " ".join((nama or "").split())
    validate_email(email)
    if peran not in Peran.values:
        raise ValidationError(_("Peran tidak dikenal."))
    pos_list = list(pos_list or [])
    if peran == Peran.OPERATOR and not pos_list:
        raise ValidationError(_("Pilih minimal satu pos untuk operator."))
    if peran != Peran.OPERATOR:
        pos_list = []

    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise ValidationError(_("Akun %(email)s dinonaktifkan. Aktifkan dulu dari daftar pengguna.") % {"email": email})
    if user is None:
        if not nama:
            raise ValidationError(_("Nama wajib diisi untuk pengguna baru."))
        user = User(email=email, nama=nama)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        simpan_unik(user)
    elif nama and not user.nama:
        user.nama = nama
        user.save(update_fields=["nama"])
    if not EmailAddress.objects.filter(user=user, email__iexact=email).exists():
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)

    if peran == Peran.JURI and not user.is_juri:
        user.is_juri = True
        user.save(update_fields=["is_juri"])
    elif peran == Peran.ADMIN_PROVINSI and not user.is_admin_provinsi:
        user.is_admin_provinsi = True
        user.save(update_fields=["is_admin_provinsi"])
    for pos in pos_list:
        operator_tetapkan(pos=pos, pengguna=user, oleh=oleh)

    undangan = Undangan.objects.create(user=user, peran=peran, dikirim_oleh=oleh)
    undangan.pos.set(pos_list)
    _kirim_email_undangan(undangan, request=request)
    return undangan


@transaction.atomic
def undangan_kirim_ulang(*, pengguna: User, oleh: User, request=None) -> Undangan:
    """Send a fresh link to someone who has not set their password yet (the old link stays valid
    until it expires; both stop working once either is used)."""
    _wajib_admin(oleh)
    if not pengguna.is_active:
        raise ValidationError(_("Akun ini dinonaktifkan."))
    if pengguna.has_usable_password():
        raise ValidationError(
            _("%(nama)s sudah mengatur kata sandinya; undangan tidak perlu dikirim ulang.") % {"nama": pengguna}
        )
    terakhir = pengguna.undangan_set.first()
    if terakhir is None:
        raise ValidationError(_("Pengguna ini belum pernah diundang."))
    undangan = Undangan.objects.create(user=pengguna, peran=terakhir.peran, dikirim_oleh=oleh)
    undangan.pos.set(terakhir.pos.all())
    _kirim_email_undangan(undangan, request=request)
    return undangan


@transaction.atomic
def undangan_terima(*, oleh: User, password: str) -> User:
    """The invited person sets their password through the link: that also proves the e-mail
    address is theirs, so it is marked verified. The caller has checked the token and validated
    the password (AUTH_PASSWORD_VALIDATORS)."""
    if not oleh.is_active:
        raise ValidationError(_("Akun ini dinonaktifkan."))
    oleh.set_password(password)
    oleh.save(update_fields=["password"])
    address, _created = EmailAddress.objects.get_or_create(
        user=oleh, email__iexact=oleh.email, defaults={"email": oleh.email, "primary": True, "verified": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    oleh.undangan_set.filter(diterima_pada__isnull=True).update(diterima_pada=timezone.now())
    return oleh


@transaction.atomic
def pengguna_nonaktifkan(*, pengguna: User, oleh: User) -> User:
    """Deactivate an account: it can no longer log in, and its open sessions stop working at their
    next request. Roles and assignments stay, so reactivating restores them.

    An open invitation is revoked for good: its token is signed over the password hash, and an
    account without a password gets a fresh unusable one, so reactivating does not bring the old
    link back to life (a new invitation, ``undangan_kirim_ulang``, is the way back). A password the
    person already set is left alone: reactivating lets them log in with it again."""
    _wajib_admin(oleh)
    if pengguna.pk == oleh.pk:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if pengguna.is_superuser and not oleh.is_superuser:
        raise ValidationError(_("Akun superuser hanya dapat dinonaktifkan oleh superuser."))
    if not pengguna.is_active:
        raise ValidationError(_("Akun ini sudah nonaktif."))
    pengguna.is_active = False
    fields = ["is_active"]
    if not pengguna.has_usable_password():
        pengguna.set_unusable_password()
        fields.append("password")
    pengguna.save(update_fields=fields)
    return pengguna


@transaction.atomic
def pengguna_aktifkan(*, pengguna: User, oleh: User) -> User:
    _wajib_admin(oleh)
    if pengguna.is_active:
        raise ValidationError(_("Akun ini sudah aktif."))
    pengguna.is_active = True
    pengguna.save(update_fields=["is_active"])
    return pengguna
