from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from posyantek.versi import VersiQuerySet


class UserManager(BaseUserManager.from_queryset(VersiQuerySet)):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("E-mail wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_admin_provinsi=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Logs in with e-mail; there is no username.

    Roles: ``is_admin_provinsi`` and ``is_juri`` are granted by invitation only; an operator is
    anyone with at least one ``OperatorPos`` row; ``is_pemilik_ukm`` is chosen at self-sign-up;
    a Relawan TIK is a user with an accepted application (``pelatihan``).
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True)
    nama = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    is_admin_provinsi = models.BooleanField(_("admin provinsi"), default=False)
    is_juri = models.BooleanField(_("juri"), default=False)
    is_pemilik_ukm = models.BooleanField(_("pemilik UKM"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.nama or self.email

    def get_full_name(self) -> str:
        return self.nama or self.email

    def get_short_name(self) -> str:
        return (self.nama or self.email).split(" ")[0]

    @property
    def is_operator(self) -> bool:
        """True when the user runs at least one post (cached per instance)."""
        if not hasattr(self, "_is_operator"):
            self._is_operator = self.pk is not None and self.operatorpos_set.exists()
        return self._is_operator

    @property
    def is_pengelola(self) -> bool:
        """Staff-like users whose sessions end after idle time: operators, juri, admin provinsi."""
        return self.is_admin_provinsi or self.is_juri or self.is_superuser or self.is_operator
