"""Sessions (jadwal) of a programme at a post, registrations, certificates, feedback, private feeds."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.models import Pos, PosScopedQuerySet
from posyantek.versi import VersiQuerySet

from .program import Program

KAPASITAS_MAKS = 1000


def _jumlah_pendaftaran(status: str) -> Subquery:
    """The number of registrations of the outer session in one status (always a number, never NULL)."""
    return Subquery(
        Pendaftaran.objects.filter(jadwal=OuterRef("pk"), status=status)
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n"),
        output_field=models.IntegerField(),
    )


class JadwalQuerySet(PosScopedQuerySet):
    def published(self) -> "JadwalQuerySet":
        """Sessions the public may see: published ones (drafts stay with the post)."""
        return self.filter(status=Jadwal.Status.TERBIT)

    def upcoming(self, now=None) -> "JadwalQuerySet":
        """Sessions that have not ended yet (a session in progress is still on the schedule)."""
        return self.filter(selesai__gt=now or timezone.now())

    def with_kursi(self) -> "JadwalQuerySet":
        """Annotates ``terisi`` (confirmed seats) and ``menunggu`` (waiting list) in the same query.

        Each is a correlated COUNT over the (jadwal, status) index rather than a GROUP BY join: a
        list with LIMIT counts the registrations of the sessions it shows only, not of every session.
        """
        return self.annotate(terisi=_jumlah_pendaftaran("terkonfirmasi"), menunggu=_jumlah_pendaftaran("menunggu"))

    def with_relations(self) -> "JadwalQuerySet":
        return self.select_related("pos__kecamatan__kota", "program").prefetch_related("program__topik_set")


class Jadwal(models.Model):
    """One session of a programme, held by a post. Times are stored in UTC, shown in Asia/Jakarta."""

    class Mode(models.TextChoices):
        TATAP_MUKA = "tatap_muka", _("Tatap muka")
        DARING = "daring", _("Daring")
        HYBRID = "hybrid", _("Hybrid (tatap muka dan daring)")

    class Sasaran(models.TextChoices):
        UMUM = "umum", _("Umum (semua yang punya akun)")
        PEMILIK_UKM = "pemilik_ukm", _("Pemilik UKM")
        PELATIH = "pelatih", _("Relawan TIK dan operator pos")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        TERBIT = "terbit", _("Terbit")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pos = models.ForeignKey(Pos, on_delete=models.PROTECT, related_name="jadwal_pelatihan", verbose_name=_("pos"))
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="jadwal_set", verbose_name=_("program"))
    judul = models.CharField(
        _("judul sesi"), max_length=150, blank=True, help_text=_("Kosongkan untuk memakai nama program.")
    )
    judul_en = models.CharField(_("judul sesi (Inggris)"), max_length=150, blank=True)
    deskripsi = models.TextField(_("keterangan"), blank=True)
    deskripsi_en = models.TextField(_("keterangan (Inggris)"), blank=True)
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.TATAP_MUKA)
    tempat = models.CharField(
        _("tempat"), max_length=200, blank=True, help_text=_("Ruang dan alamat untuk tatap muka.")
    )
    tautan_daring = models.URLField(
        _("tautan daring"),
        max_length=500,
        blank=True,
        help_text=_("Hanya ditampilkan kepada peserta yang terdaftar."),
    )
    kapasitas = models.PositiveIntegerField(
        _("kapasitas"), validators=[MinValueValidator(1), MaxValueValidator(KAPASITAS_MAKS)]
    )
    pendaftaran_buka = models.DateTimeField(
        _("pendaftaran dibuka"), null=True, blank=True, help_text=_("Kosong: segera.")
    )
    pendaftaran_tutup = models.DateTimeField(
        _("pendaftaran ditutup"), null=True, blank=True, help_text=_("Kosong: saat sesi dimulai.")
    )
    sasaran = models.CharField(_("sasaran peserta"), max_length=12, choices=Sasaran.choices, default=Sasaran.UMUM)
    sasaran_keterangan = models.CharField(
        _("keterangan sasaran"), max_length=150, blank=True, help_text=_("Mis. siswa SMK, ibu-ibu PKK, pelaku kuliner.")
    )
    pelatih = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="jadwal_mengajar", verbose_name=_("pelatih")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.TERBIT)
    alasan_batal = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    revisi = models.PositiveIntegerField(default=0, editable=False, help_text="iCalendar SEQUENCE")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["revisi"])
    objects = JadwalQuerySet.as_manager()

    class Meta:
        ordering = ["mulai", "pk"]
        verbose_name = _("jadwal pelatihan")
        verbose_name_plural = _("jadwal pelatihan")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=F("mulai")),
                name="jadwal_selesai_setelah_mulai",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=Q(kapasitas__gte=1),
                name="jadwal_kapasitas_positif",
                violation_error_message=_("Kapasitas paling sedikit 1."),
            ),
        ]
        indexes = [models.Index(fields=["status", "mulai"]), models.Index(fields=["pos", "mulai"])]

    def __str__(self) -> str:
        return f"{self.nama} — {timezone.localtime(self.mulai):%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("pelatihan:jadwal-detail", kwargs={"pk": self.pk})

    def get_kelola_url(self) -> str:
        return reverse("pelatihan:kelola-jadwal-detail", kwargs={"pos_slug": self.pos.slug, "pk": self.pk})

    @property
    def nama(self) -> str:
        """The session's title in the visitor's language: its own, else its programme's (English when
        chosen and written, ``posyantek.dwibahasa``)."""
        from posyantek.dwibahasa import teks

        if self.judul:
            return teks(self, "judul")[0]
        return teks(self.program, "nama")[0]

    @property
    def nama_id_saja(self) -> bool:
        """True when an English visitor reads the Indonesian title (no English written): lang="id"."""
        from posyantek.dwibahasa import teks

        return teks(self, "judul")[1] if self.judul else teks(self.program, "nama")[1]

    @property
    def ada_daring(self) -> bool:
        return self.mode in (self.Mode.DARING, self.Mode.HYBRID)

    @property
    def ada_tatap_muka(self) -> bool:
        return self.mode in (self.Mode.TATAP_MUKA, self.Mode.HYBRID)

    @property
    def batas_tutup(self):
        """When registration closes: the set closing time, and never later than the start."""
        if self.pendaftaran_tutup and self.pendaftaran_tutup < self.mulai:
            return self.pendaftaran_tutup
        return self.mulai

    def sudah_mulai(self, now=None) -> bool:
        return (now or timezone.now()) >= self.mulai

    def sudah_selesai(self, now=None) -> bool:
        return (now or timezone.now()) >= self.selesai

    @property
    def is_berlangsung_atau_lewat(self) -> bool:
        return self.sudah_mulai()

    @property
    def is_selesai(self) -> bool:
        return self.sudah_selesai()

    def pendaftaran_terbuka(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.TERBIT:
            return False
        if self.pendaftaran_buka and now < self.pendaftaran_buka:
            return False
        return now < self.batas_tutup

    @property
    def sisa_kursi(self) -> int | None:
        """Seats left, from the ``terisi`` annotation (None when the queryset did not annotate)."""
        terisi = getattr(self, "terisi", None)
        if terisi is None:
            return None
        return max(self.kapasitas - terisi, 0)

    @property
    def persen_terisi(self) -> int:
        terisi = getattr(self, "terisi", 0) or 0
        return min(100, round(terisi * 100 / self.kapasitas)) if self.kapasitas else 100


# Booking codes are read aloud and typed on a phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
KODE_HURUF = "ACDEFGHJKMNPQRTUVWXY3479"
KODE_PANJANG = 8


def kode_pemesanan_baru() -> str:
    """A fresh booking code (24**8, about 1.1e11 codes; the unique index catches the rare repeat)."""
    return "".join(secrets.choice(KODE_HURUF) for _ in range(KODE_PANJANG))


def kode_pemesanan_rapikan(kode: str) -> str:
    """A typed code as stored: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in (kode or "").upper() if ch.isalnum())[:20]


class PendaftaranQuerySet(PosScopedQuerySet):
    """``for_pos``: registrations for the post's own sessions."""

    pos_lookup = "jadwal__pos"

    def aktif(self) -> "PendaftaranQuerySet":
        return self.exclude(status=Pendaftaran.Status.DIBATALKAN)

    def terkonfirmasi(self) -> "PendaftaranQuerySet":
        return self.filter(status=Pendaftaran.Status.TERKONFIRMASI)

    def menunggu(self) -> "PendaftaranQuerySet":
        """The waiting list in the order people joined it."""
        return self.filter(status=Pendaftaran.Status.MENUNGGU).order_by("antre_sejak", "pk")

    def for_user(self, user) -> "PendaftaranQuerySet":
        return self.filter(user=user) if getattr(user, "is_authenticated", False) else self.none()


class Pendaftaran(models.Model):
    """A person's seat (or place on the waiting list) in a session.

    Either an account holder (``user``; one row per user per session, reused when they register
    again after cancelling) or a walk-in entered by an operator (``user`` empty; one row per name and
    phone per session). Capacity is enforced by the registration service under a row lock.
    """

    class Status(models.TextChoices):
        TERKONFIRMASI = "terkonfirmasi", _("Terkonfirmasi")
        MENUNGGU = "menunggu", _("Daftar tunggu")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Sumber(models.TextChoices):
        DARING = "daring", _("Mendaftar sendiri")
        LANGSUNG = "langsung", _("Didaftarkan operator")
        TAMU = "tamu", _("Tamu (tanpa akun)")

    jadwal = models.ForeignKey(Jadwal, on_delete=models.PROTECT, related_name="pendaftaran", verbose_name=_("jadwal"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="pendaftaran_pelatihan"
    )
    nama = models.CharField(_("nama"), max_length=150)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices)
    sumber = models.CharField(_("cara mendaftar"), max_length=10, choices=Sumber.choices, default=Sumber.DARING)
    antre_sejak = models.DateTimeField(_("masuk daftar tunggu"), null=True, blank=True)
    didaftarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hadir = models.BooleanField(_("hadir"), default=False)
    hadir_dicatat_at = models.DateTimeField(null=True, blank=True)
    hadir_dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dipromosikan_at = models.DateTimeField(_("naik dari daftar tunggu"), null=True, blank=True)
    dibatalkan_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    pengingat_terkirim_at = models.DateTimeField(null=True, blank=True)
    # Every booking has a code to read out or type at the door (check-in); a guest's booking also has
    # a secret token, the address of the page where they see and cancel it (no account needed).
    kode = models.CharField(_("kode pemesanan"), max_length=8, unique=True, editable=False)
    token = models.CharField(max_length=43, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("terdaftar pada"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PendaftaranQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["jadwal", "user"],
                condition=Q(user__isnull=False),
                name="pendaftaran_satu_per_pengguna",
                violation_error_message=_("Anda sudah terdaftar di sesi ini."),
            ),
            models.UniqueConstraint(
                F("jadwal"),
                Lower("nama"),
                F("telepon"),
                condition=Q(user__isnull=True),
                name="pendaftaran_walkin_unik",
                violation_error_message=_("Peserta dengan nama dan telepon ini sudah terdaftar di sesi ini."),
            ),
            models.UniqueConstraint(
                fields=["jadwal", "telepon"],
                condition=Q(sumber="tamu") & ~Q(status="dibatalkan"),
                name="pendaftaran_tamu_satu_telepon",
                violation_error_message=_("Nomor telepon ini sudah terdaftar di sesi ini."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(telepon=""),
                name="pendaftaran_walkin_perlu_telepon",
                violation_error_message=_("Peserta tanpa akun memerlukan nomor telepon."),
            ),
            models.CheckConstraint(
                condition=Q(hadir=False) | Q(status="terkonfirmasi"),
                name="pendaftaran_hadir_hanya_terkonfirmasi",
                violation_error_message=_("Hanya peserta terkonfirmasi yang bisa ditandai hadir."),
            ),
        ]
        indexes = [models.Index(fields=["jadwal", "status"])]

    def __str__(self) -> str:
        return f"{self.nama} → {self.jadwal_id}"

    def save(self, *args, **kwargs):
        if not self.kode:
            self.kode = kode_pemesanan_baru()
        super().save(*args, **kwargs)

    @property
    def is_tamu(self) -> bool:
        return self.sumber == self.Sumber.TAMU

    def get_tamu_url(self) -> str:
        """A guest's booking page (secret link); empty for a booking without one."""
        return reverse("pelatihan:pesanan", kwargs={"token": self.token}) if self.token else ""

    @property
    def email_tujuan(self) -> str:
        """Where mail about this seat goes: the account's address, or the walk-in's own (may be empty)."""
        if self.user_id:
            return self.user.email
        return self.email


class Sertifikat(models.Model):
    """Certificate of attendance. Its code is random and unguessable; anyone holding it can verify."""

    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="sertifikat")
    kode = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    nama = models.CharField(_("nama pada sertifikat"), max_length=150)
    diterbitkan_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)

    objects = VersiQuerySet.as_manager()

    class Meta:
        verbose_name = _("sertifikat kehadiran")
        verbose_name_plural = _("sertifikat kehadiran")

    def __str__(self) -> str:
        return self.kode

    def get_absolute_url(self) -> str:
        return reverse("pelatihan:sertifikat", kwargs={"kode": self.kode})

    @property
    def kode_tampil(self) -> str:
        """The code in groups of four, easier to read aloud or type: ABCD-EFGH-JKLM-NPQR."""
        return "-".join(self.kode[i : i + 4] for i in range(0, len(self.kode), 4))


class UmpanBalik(models.Model):
    """A participant's rating (1–5) and comment after a session they attended."""

    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="umpan_balik")
    nilai = models.PositiveSmallIntegerField(_("nilai"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    komentar = models.TextField(_("komentar"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai__gte=1) & Q(nilai__lte=5),
                name="umpan_balik_nilai_1_5",
                violation_error_message=_("Nilai harus 1 sampai 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nilai}/5"


class KalenderPribadi(models.Model):
    """The secret token of a person's private calendar feed (their registrations and teaching).

    Calendar apps cannot log in, so the token in the URL is the credential; the owner can
    regenerate it, which makes the old URL answer 404.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender_pelatihan")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        verbose_name = _("kalender pribadi")
        verbose_name_plural = _("kalender pribadi")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("pelatihan:feed-pribadi", kwargs={"token": self.token})
