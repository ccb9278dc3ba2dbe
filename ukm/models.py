"""The UKM registry: businesses, their products and photos, assistance records, ownership claims and
import batches.

Private data of a business (owner's NIK, phone, e-mail and the street address) is read only by the
operators of its post, admins provinsi and its linked owner. The public directory shows verified,
consenting, active businesses with public fields only (see ``UkmQuerySet.published``).
"""

from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.models import Kelurahan, Pos, PosScopedQuerySet
from posyantek.versi import VersiQuerySet

from . import ringkasan
from .klasifikasi import DasarKelas, Kelas

nik_validator = RegexValidator(r"^\d{16}\Z", _("NIK harus tepat 16 digit angka."))
nib_validator = RegexValidator(r"^\d{13}\Z", _("NIB harus tepat 13 digit angka."))
kbli_validator = RegexValidator(r"^\d{5}\Z", _("Kode KBLI 2020 harus 5 digit angka."))
telepon_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{6,22}\Z", _("Nomor telepon hanya berisi angka, spasi, tanda +, -, atau kurung.")
)


# A generous box around the province, Kepulauan Seribu included.
DKI_LINTANG = (Decimal("-6.45"), Decimal("-5.0"))
DKI_BUJUR = (Decimal("106.2"), Decimal("107.1"))


def periksa_tautan(url: str, hosts: tuple[str, ...]) -> str:
    """ "" when the link is acceptable; otherwise why not. Only http(s); for a known platform, only
    its own host names (a link labelled Instagram must lead to Instagram)."""
    if not url:
        return ""
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        return _("Tautan harus diawali https:// atau http://.")
    host = (parsed.hostname or "").lower()
    if hosts and not any(host == h or host.endswith("." + h) for h in hosts):
        return _("Tautan ini harus menuju %(situs)s.") % {"situs": hosts[0]}
    return ""


def samarkan_nik(nik: str) -> str:
    """A NIK as lists and exports show it: region code and sequence kept, the birth date hidden.

    "3171015508900001" → "317101******0001". The first six digits only name the kecamatan of
    registration; the middle six encode the date of birth (and sex), the part worth protecting.
    """
    if not nik:
        return ""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:6]}******{nik[-4:]}"


class Bidang(models.TextChoices):
    KULINER = "kuliner", _("Kuliner (makanan dan minuman)")
    FESYEN = "fesyen", _("Fesyen dan tekstil")
    KRIYA = "kriya", _("Kriya dan kerajinan")
    PERTANIAN = "pertanian", _("Pertanian, perikanan, dan peternakan")
    PERDAGANGAN = "perdagangan", _("Perdagangan (toko dan warung)")
    JASA = "jasa", _("Jasa (servis, binatu, dan lainnya)")
    KECANTIKAN = "kecantikan", _("Kecantikan dan kesehatan")
    OTOMOTIF = "otomotif", _("Otomotif dan bengkel")
    DIGITAL = "digital", _("Teknologi dan ekonomi digital")
    DAUR_ULANG = "daur_ulang", _("Daur ulang dan lingkungan")
    LAINNYA = "lainnya", _("Lainnya")


# Short names for charts, where the full labels do not fit.
BIDANG_SINGKAT = {
    Bidang.KULINER: _("Kuliner"),
    Bidang.FESYEN: _("Fesyen"),
    Bidang.KRIYA: _("Kriya"),
    Bidang.PERTANIAN: _("Pertanian"),
    Bidang.PERDAGANGAN: _("Perdagangan"),
    Bidang.JASA: _("Jasa"),
    Bidang.KECANTIKAN: _("Kecantikan"),
    Bidang.OTOMOTIF: _("Otomotif"),
    Bidang.DIGITAL: _("Digital"),
    Bidang.DAUR_ULANG: _("Daur ulang"),
    Bidang.LAINNYA: _("Lainnya"),
}


class BentukUsaha(models.TextChoices):
    PERORANGAN = "perorangan", _("Usaha perorangan (belum berbadan usaha)")
    UD = "ud", _("Usaha Dagang (UD)")
    CV = "cv", _("CV")
    FIRMA = "firma", _("Firma")
    PT_PERORANGAN = "pt_perorangan", _("PT Perorangan")
    PT = "pt", _("PT")
    KOPERASI = "koperasi", _("Koperasi")
    LAINNYA = "lainnya", _("Lainnya")


class TahapJakpreneur(models.TextChoices):
    """The seven stages through which DKI's Jakpreneur programme follows a business."""

    P1 = "P1", _("P1 · Pendaftaran")
    P2 = "P2", _("P2 · Pelatihan")
    P3 = "P3", _("P3 · Pendampingan")
    P4 = "P4", _("P4 · Perizinan")
    P5 = "P5", _("P5 · Pemasaran")
    P6 = "P6", _("P6 · Pelaporan keuangan")
    P7 = "P7", _("P7 · Permodalan")


class StatusUkm(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    NONAKTIF = "nonaktif", _("Nonaktif")


class UkmQuerySet(PosScopedQuerySet):
    """``for_pos``: the businesses served by one post (through the kelurahan's kecamatan, stored as
    ``pos``)."""

    def for_pemilik(self, user) -> "UkmQuerySet":
        """The businesses linked to this owner's account; none for anonymous users."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(pemilik=user)

    def for_user(self, user) -> "UkmQuerySet":
        """Every business whose private data ``user`` may read: all for an admin provinsi, those of
        the posts an operator runs, and the owner's own."""
        from posyantek.permissions import is_admin_provinsi

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if is_admin_provinsi(user):
            return self.all()
        return self.filter(Q(pos__operatorpos__user=user) | Q(pemilik=user)).distinct()

    def published(self) -> "UkmQuerySet":
        """The public directory: active, verified by an operator, and the owner consented."""
        return self.filter(status=StatusUkm.AKTIF, tampil_publik=True, verified_at__isnull=False)

    # The bulk writes recount the posts they touched (``ukm/ringkasan.py``); save and delete do it
    # through signals (``ukm.signals``).

    def update(self, **kwargs):
        if not ringkasan.FIELDS.intersection(kwargs) or ringkasan.dalam_massal():
            return super().update(**kwargs)
        pos_ids = set(self.order_by().values_list("pos_id", flat=True).distinct())
        jumlah = super().update(**kwargs)
        baru = kwargs.get("pos_id", kwargs.get("pos"))
        if baru is not None:
            pos_ids.add(getattr(baru, "pk", baru))
        if jumlah:
            ringkasan.tandai(pos_ids)
        return jumlah

    def bulk_create(self, objs, *args, **kwargs):
        dibuat = super().bulk_create(objs, *args, **kwargs)
        for obj in dibuat:
            obj._ringkasan_pos_awal = obj.pos_id
        if dibuat:
            ringkasan.tandai(obj.pos_id for obj in dibuat)
        return dibuat

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        with ringkasan.massal():  # its update() per batch: counted here, once
            jumlah = super().bulk_update(objs, fields, *args, **kwargs)
        if jumlah and ringkasan.FIELDS.intersection(fields):
            awal = {getattr(obj, "_ringkasan_pos_awal", None) for obj in objs}
            ringkasan.tandai(awal | {obj.pos_id for obj in objs})
            for obj in objs:
                obj._ringkasan_pos_awal = obj.pos_id
        return jumlah


class Ukm(models.Model):
    """A small business served by the post of its kecamatan.

    ``pos`` is derived from ``kelurahan`` by the service (kelurahan → kecamatan → post) and stored so
    that scoping, filters and indexes stay simple. ``kelas`` is computed by the service from the
    figures (PP 7/2021 Pasal 35) and never typed by a person. ``search_text`` is the normalised
    search key (``ukm.pencarian``), also maintained by the service.
    """

    nama = models.CharField(_("nama usaha"), max_length=150)
    deskripsi = models.TextField(
        _("deskripsi usaha"),
        max_length=2000,
        blank=True,
        help_text=_("Tampil di direktori publik bila usaha setuju ditampilkan."),
    )
    pemilik_nama = models.CharField(_("nama pemilik"), max_length=150)
    pemilik_nik = models.CharField(
        _("NIK pemilik"),
        max_length=16,
        blank=True,
        validators=[nik_validator],
        help_text=_("Opsional. 16 digit sesuai KTP; hanya ditampilkan tersamar di luar formulir ubah."),
    )
    pemilik_telepon = models.CharField(_("telepon pemilik"), max_length=24, blank=True, validators=[telepon_validator])
    pemilik_email = models.EmailField(_("e-mail pemilik"), blank=True)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ukm_dimiliki",
        verbose_name=_("akun pemilik"),
    )
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="ukm_set", verbose_name=_("kelurahan")
    )
    pos = models.ForeignKey(Pos, on_delete=models.PROTECT, editable=False, verbose_name=_("pos"))
    alamat = models.CharField(_("alamat jalan"), max_length=255, blank=True)
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
    bidang = models.CharField(_("bidang usaha"), max_length=20, choices=Bidang.choices)
    kbli = models.CharField(_("kode KBLI 2020"), max_length=5, blank=True, validators=[kbli_validator])
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 digit. Satu NIB hanya untuk satu usaha."),
    )
    bentuk_usaha = models.CharField(
        _("bentuk usaha"), max_length=20, choices=BentukUsaha.choices, default=BentukUsaha.PERORANGAN
    )
    tahun_berdiri = models.PositiveSmallIntegerField(
        _("tahun berdiri"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    jumlah_pekerja = models.PositiveIntegerField(
        _("jumlah pekerja"),
        default=1,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Termasuk pemilik."),
    )
    dasar_kelas = models.CharField(
        _("dasar klasifikasi"),
        max_length=10,
        choices=DasarKelas.choices,
        default=DasarKelas.PENJUALAN,
        help_text=_(
            "PP 7/2021 Pasal 35: modal usaha untuk pendirian atau pendaftaran, hasil penjualan tahunan untuk usaha "
            "yang sudah berjalan."
        ),
    )
    modal_usaha = models.PositiveBigIntegerField(
        _("modal usaha (Rp)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10**15)],
        help_text=_("Tidak termasuk tanah dan bangunan tempat usaha."),
    )
    hasil_penjualan_tahunan = models.PositiveBigIntegerField(
        _("hasil penjualan tahunan (Rp)"), null=True, blank=True, validators=[MaxValueValidator(10**15)]
    )
    kelas = models.CharField(_("kelas usaha"), max_length=10, choices=Kelas.choices, blank=True, editable=False)
    tahap_jakpreneur = models.CharField(
        _("tahap Jakpreneur"), max_length=2, choices=TahapJakpreneur.choices, blank=True
    )
    situs = models.URLField(_("situs web"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    tiktok = models.URLField(_("TikTok"), blank=True)
    tokopedia = models.URLField(_("Tokopedia"), blank=True)
    shopee = models.URLField(_("Shopee"), blank=True)
    marketplace_lain = models.URLField(_("toko daring lain"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StatusUkm.choices, default=StatusUkm.AKTIF)
    tampil_publik = models.BooleanField(
        _("setuju tampil di direktori publik"),
        default=False,
        help_text=_(
            "Hanya nama, bidang, kelurahan, deskripsi, produk, foto, dan tautan yang ditampilkan. NIK, telepon, dan "
            "alamat tidak pernah ditampilkan."
        ),
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    search_text = models.TextField(default="", blank=True, editable=False)
    # The public directory searches only what it shows (name and kelurahan): no owner, no NIB.
    search_publik = models.TextField(default="", blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text", "search_publik", "updated_at"])
    objects = UkmQuerySet.as_manager()

    # Links and the host names each may point to (any host for the site and "other shop").
    TAUTAN = {
        "situs": (),
        "instagram": ("instagram.com",),
        "facebook": ("facebook.com", "fb.com", "fb.me"),
        "tiktok": ("tiktok.com",),
        "tokopedia": ("tokopedia.com", "tokopedia.link"),
        "shopee": ("shopee.co.id", "shopee.com", "shp.ee"),
        "marketplace_lain": (),
    }

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("UKM")
        verbose_name_plural = _("UKM")
        constraints = [
            models.UniqueConstraint(
                fields=["nib"],
                condition=~Q(nib=""),
                name="ukm_nib_unique",
                violation_error_message=_("NIB ini sudah terdaftar untuk usaha lain."),
                violation_error_code="unique",
            ),
        ]
        indexes = [
            models.Index(fields=["pos", "nama"], name="ukm_pos_nama"),
            models.Index(fields=["pos", "-updated_at"], name="ukm_pos_diubah"),
            models.Index(fields=["pos", "kelas"], name="ukm_pos_kelas"),
            models.Index(fields=["pos", "bidang"], name="ukm_pos_bidang"),
            models.Index(fields=["pos", "tahap_jakpreneur"], name="ukm_pos_tahap"),
            models.Index(
                fields=["nama"],
                name="ukm_direktori",
                condition=Q(status="aktif", tampil_publik=True, verified_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("ukm:direktori-detail", kwargs={"pk": self.pk})

    def clean(self):
        """Rules over the row's own fields, shared by every form, the import and the services."""
        errors: dict[str, str] = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.latitude is not None else "latitude"] = _(
                "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."
            )
        elif self.latitude is not None and not (
            DKI_LINTANG[0] <= self.latitude <= DKI_LINTANG[1] and DKI_BUJUR[0] <= self.longitude <= DKI_BUJUR[1]
        ):
            errors["latitude"] = _("Koordinat berada di luar wilayah DKI Jakarta.")
        if self.tahun_berdiri and self.tahun_berdiri > timezone.localdate().year:
            errors["tahun_berdiri"] = _("Tahun berdiri tidak boleh setelah tahun ini.")
        for name, hosts in self.TAUTAN.items():
            pesan = periksa_tautan(getattr(self, name), hosts)
            if pesan:
                errors[name] = pesan
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        # The post it was loaded with: a business moved to another kecamatan recounts both posts.
        instance = super().from_db(db, field_names, values)
        instance._ringkasan_pos_awal = instance.__dict__.get("pos_id")
        return instance

    def get_kelola_url(self) -> str:
        return reverse("ukm:kelola-detail", kwargs={"pos_slug": self.pos.slug, "pk": self.pk})

    @property
    def nik_samaran(self) -> str:
        return samarkan_nik(self.pemilik_nik)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_aktif(self) -> bool:
        return self.status == StatusUkm.AKTIF

    @property
    def is_published(self) -> bool:
        return self.is_aktif and self.tampil_publik and self.is_verified

    @property
    def tautan_list(self) -> list[tuple[str, str]]:
        """(label, url) of every link the business gave, for its public page."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in self.TAUTAN
            if getattr(self, name)
        ]


class Produk(models.Model):
    """A product of a business. Public when its business is in the directory."""

    ukm = models.ForeignKey(Ukm, on_delete=models.CASCADE, related_name="produk_set", verbose_name=_("UKM"))
    nama = models.CharField(_("nama produk"), max_length=120)
    deskripsi = models.TextField(_("deskripsi"), max_length=1000, blank=True)
    harga = models.PositiveBigIntegerField(
        _("harga (Rp)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10**12)],
        help_text=_("Kosongkan bila harga bervariasi."),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    MAKS_PER_UKM = 30

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")

    def __str__(self) -> str:
        return self.nama


def _foto_path(instance: "FotoProduk", filename: str) -> str:
    return f"ukm/produk/{instance.produk.ukm_id}/{filename}"


class FotoProduk(models.Model):
    """A photo of a product, always re-encoded by ``posyantek.uploads.clean_image`` (no EXIF, no GPS)."""

    produk = models.ForeignKey(Produk, on_delete=models.CASCADE, related_name="foto_set", verbose_name=_("produk"))
    gambar = models.ImageField(_("foto"), upload_to=_foto_path, width_field="lebar", height_field="tinggi")
    lebar = models.PositiveIntegerField(default=0, editable=False)
    tinggi = models.PositiveIntegerField(default=0, editable=False)
    keterangan = models.CharField(
        _("keterangan foto"), max_length=150, blank=True, help_text=_("Apa yang tampak di foto (untuk pembaca layar).")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    MAKS_PER_PRODUK = 4

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")

    def __str__(self) -> str:
        return self.keterangan or self.produk.nama


class JenisPendampingan(models.TextChoices):
    KONSULTASI = "konsultasi", _("Konsultasi")
    PELATIHAN = "pelatihan", _("Pelatihan")
    FASILITASI_TTG = "fasilitasi_ttg", _("Fasilitasi TTG")
    PERIZINAN = "perizinan", _("Perizinan")
    PEMASARAN = "pemasaran", _("Pemasaran")


class Pendampingan(models.Model):
    """One assistance given to a business by its post. Read by the post's operators and the owner."""

    ukm = models.ForeignKey(Ukm, on_delete=models.CASCADE, related_name="pendampingan_set", verbose_name=_("UKM"))
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis pendampingan"), max_length=20, choices=JenisPendampingan.choices)
    pendamping = models.CharField(_("pendamping"), max_length=150, help_text=_("Siapa yang membantu."))
    catatan = models.TextField(_("catatan"), max_length=4000, blank=True)
    tindak_lanjut = models.DateField(_("tanggal tindak lanjut"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords()

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("pendampingan")
        verbose_name_plural = _("pendampingan")
        constraints = [
            models.CheckConstraint(
                condition=Q(tindak_lanjut__isnull=True) | Q(tindak_lanjut__gte=models.F("tanggal")),
                name="pendampingan_tindak_lanjut_setelah_tanggal",
                violation_error_message=_("Tanggal tindak lanjut tidak boleh sebelum tanggal pendampingan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} · {self.tanggal:%d-%m-%Y}"

    def clean(self):
        # The same rule as the check constraint, answered without a query.
        if self.tanggal and self.tindak_lanjut and self.tindak_lanjut < self.tanggal:
            raise ValidationError(
                {"tindak_lanjut": _("Tanggal tindak lanjut tidak boleh sebelum tanggal pendampingan.")}
            )


class StatusKlaim(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu verifikasi")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


class KlaimUkm(models.Model):
    """An owner's claim of a registered business by its NIB, decided by an operator of its post."""

    ukm = models.ForeignKey(Ukm, on_delete=models.CASCADE, related_name="klaim_set", verbose_name=_("UKM"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="klaim_ukm", verbose_name=_("pengklaim")
    )
    pesan = models.TextField(
        _("pesan untuk operator"),
        max_length=1000,
        blank=True,
        help_text=_("Mis. nama pemilik di registri dan cara operator dapat menghubungi Anda."),
    )
    status = models.CharField(_("status"), max_length=10, choices=StatusKlaim.choices, default=StatusKlaim.MENUNGGU)
    catatan_operator = models.CharField(_("catatan operator"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    MAKS_MENUNGGU_PER_USER = 3

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("klaim UKM")
        verbose_name_plural = _("klaim UKM")
        constraints = [
            models.UniqueConstraint(
                fields=["ukm", "user"],
                condition=Q(status="menunggu"),
                name="klaim_satu_menunggu",
                violation_error_message=_("Anda sudah mengajukan klaim untuk usaha ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.ukm}"


class StatusImpor(models.TextChoices):
    PRATINJAU = "pratinjau", _("Pratinjau")
    # A large file's commit waits for / runs in a background task (IMPOR_LATAR_MIN_BARIS).
    DIPROSES = "diproses", _("Sedang diproses")
    SELESAI = "selesai", _("Tersimpan")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")
    GAGAL = "gagal", _("Gagal disimpan")


class ImporBatch(models.Model):
    """An uploaded file, parsed and checked, waiting for the operator to commit it.

    The parsed rows live here between the preview and the commit so the upload survives the request
    cycle. Scoped to the post (``pos``; None for an admin provinsi's province-wide import) and to the
    person who uploaded it. The rows (with personal data) are emptied once committed or cancelled,
    and previews are purged after ``BERLAKU_JAM`` hours.
    """

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nama_berkas = models.CharField(max_length=255)
    format = models.CharField(max_length=10)
    status = models.CharField(max_length=12, choices=StatusImpor.choices, default=StatusImpor.PRATINJAU)
    rows = models.JSONField(default=list, blank=True)
    tandai_terverifikasi = models.BooleanField(default=False)
    kolom = models.JSONField(default=list, blank=True)
    jumlah_baru = models.PositiveIntegerField(default=0)
    jumlah_perbarui = models.PositiveIntegerField(default=0)
    jumlah_galat = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    # Why a background commit wrote nothing (status ``gagal``); shown on the batch page.
    galat = models.TextField(blank=True)

    BERLAKU_JAM = 24

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.nama_berkas

    @property
    def jumlah_baris(self) -> int:
        return self.jumlah_baru + self.jumlah_perbarui + self.jumlah_galat

    @property
    def diproses(self) -> bool:
        """The background commit is still to come: the batch page reloads itself while this is true."""
        return self.status == StatusImpor.DIPROSES


class RingkasanUkm(models.Model):
    """One count of one post's businesses: kept by ``ukm/ringkasan.py``, read by the overviews, the
    home page and the map so they never scan the registry."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="+")
    dimensi = models.CharField(max_length=12)
    kunci = models.CharField(max_length=40, blank=True)
    jumlah = models.PositiveIntegerField()

    objects = PosScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pos", "dimensi", "kunci"], name="ringkasan_ukm_unik")]
        indexes = [models.Index(fields=["dimensi", "kunci"], name="ringkasan_ukm_dimensi")]

    def __str__(self) -> str:
        return f"{self.pos_id} {self.dimensi}={self.kunci}: {self.jumlah}"
