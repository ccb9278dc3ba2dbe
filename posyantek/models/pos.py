from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.versi import VersiQuerySet

from .wilayah import Kecamatan


class PosScopedQuerySet(VersiQuerySet):
    """Rows that belong to one post. Views under /kelola/<pos_slug>/ fetch them only through
    ``for_pos(self.pos)``, so an operator never reaches another post's rows by guessing ids.

    One meaning per name, for every model of every app:

    - ``for_pos(pos)``: the rows ``pos`` OWNS and its operators may change (the ``pos`` foreign key,
      or ``pos_lookup`` when ownership runs through a parent, e.g. a registration through its
      session). Every model scoped to a post uses this class (or a subclass) for it.
    - ``terbaca_pos(pos)``: the rows ``pos``'s operators may READ or use without owning them, e.g.
      the provincial programmes beside its own, the volunteers assigned to it, the technologies it
      proposed (curated by the province once published). Defined only on the querysets that have
      such rows; whoever changes a row read this way checks the right to change it again (the
      service refuses, e.g. a published technology or a provincial programme).
    """

    #: the lookup from the model to its owning post
    pos_lookup = "pos"

    def for_pos(self, pos) -> "PosScopedQuerySet":
        return self.filter(**{self.pos_lookup: pos})


class PosQuerySet(VersiQuerySet):
    def for_user(self, user) -> "PosQuerySet":
        """The posts a user may manage: every post for an admin provinsi, the assigned posts for an
        operator, none for anyone else. Every /kelola/<pos_slug>/ view resolves its post through this."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_admin_provinsi or user.is_superuser:
            return self.all()
        return self.filter(operatorpos__user=user)

    def with_wilayah(self) -> "PosQuerySet":
        return self.select_related("kecamatan", "kecamatan__kota")


class Pos(models.Model):
    """One Posyantek, the technology service post of a kecamatan."""

    kecamatan = models.OneToOneField(Kecamatan, on_delete=models.PROTECT, verbose_name=_("kecamatan"))
    nama = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(unique=True)
    deskripsi = models.TextField(_("tentang pos"), blank=True)
    layanan = models.TextField(_("layanan"), blank=True, help_text=_("Layanan yang diberikan, satu per baris."))
    jam_layanan = models.CharField(_("jam layanan"), max_length=120, blank=True)
    alamat = models.CharField(_("alamat sekretariat"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    situs = models.URLField(_("situs web atau blog"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    nomor_sk = models.CharField(_("nomor SK pembentukan"), max_length=120, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    nomor_terdaftar = models.CharField(_("nomor Surat Keterangan Terdaftar"), max_length=120, blank=True)
    tanggal_terdaftar = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    is_percontohan = models.BooleanField(_("pos percontohan"), default=False)
    percontohan_tahun = models.PositiveSmallIntegerField(
        _("tahun percontohan"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    percontohan_alasan = models.CharField(_("alasan percontohan"), max_length=255, blank=True)
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OperatorPos",
        through_fields=("pos", "user"),
        related_name="pos_dikelola",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PosQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kecamatan__kode"]
        verbose_name = _("pos")
        verbose_name_plural = _("pos")

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("pos-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.is_percontohan and not self.percontohan_tahun:
            raise ValidationError({"percontohan_tahun": _("Isi tahun penetapan pos percontohan.")})
        if not self.is_percontohan:
            self.percontohan_tahun = None
            self.percontohan_alasan = ""

    def get_kelola_url(self) -> str:
        return reverse("kelola:pos-dasbor", kwargs={"pos_slug": self.slug})

    @property
    def layanan_list(self) -> list[str]:
        return [line.strip() for line in self.layanan.splitlines() if line.strip()]

    @property
    def peta_url(self) -> str:
        """A map link (OpenStreetMap) for the secretariat, or empty when it has no coordinates."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class PenetapanPercontohan(models.Model):
    """One designation of a post as a model post (percontohan), by the province's decision or from
    a Lomba's winners. A later designation is added beside the earlier ones, never written over
    them: one of DKI's five model posts of 2009 that wins again in 2026 keeps its 2009 year and
    reason. The post's own ``percontohan_tahun``/``percontohan_alasan`` show the latest."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="penetapan_percontohan", verbose_name=_("pos"))
    tahun = models.PositiveSmallIntegerField(
        _("tahun percontohan"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    alasan = models.CharField(_("alasan percontohan"), max_length=255, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-tahun", "-created_at", "-pk"]
        verbose_name = _("penetapan percontohan")
        verbose_name_plural = _("riwayat percontohan")

    def __str__(self) -> str:
        return f"{self.pos} · {self.tahun}"


class OperatorPos(models.Model):
    """An operator's assignment to one post. Operators run exactly the posts assigned to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("operator"))
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, verbose_name=_("pos"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who was given or lost access to which post, and by whom, stays on record.
    history = HistoricalRecords()

    objects = VersiQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator pos")
        verbose_name_plural = _("operator pos")
        constraints = [models.UniqueConstraint(fields=["user", "pos"], name="operatorpos_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.pos}"
