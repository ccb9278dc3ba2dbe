"""Relawan TIK: applications and membership, skills, assignment to posts, and logged activity."""

from datetime import date, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.models import Kecamatan, Pos, PosScopedQuerySet
from posyantek.versi import VersiQuerySet

from .jadwal import Jadwal

# Candidacy rules (Relawan TIK): no decision after 3 months lets the candidate appeal; a candidacy
# lasts at most 6 months.
BULAN_BANDING = 3
BULAN_MASA_CALON = 6


def tambah_bulan(moment: datetime | date, bulan: int):
    """``moment`` moved by whole calendar months, the day clamped to the month's last day."""
    import calendar

    index = moment.month - 1 + bulan
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Bidang(models.TextChoices):
    JARINGAN = "jaringan", _("Jaringan komputer (TKJ)")
    PEMROGRAMAN = "pemrograman", _("Pemrograman (RPL)")
    MULTIMEDIA = "multimedia", _("Multimedia dan video")
    DESAIN = "desain", _("Desain grafis")
    MEDIA_SOSIAL = "media_sosial", _("Media sosial")
    PERKANTORAN = "perkantoran", _("Aplikasi perkantoran")
    PEMASARAN_DIGITAL = "pemasaran_digital", _("Pemasaran digital dan marketplace")
    FOTOGRAFI = "fotografi", _("Fotografi produk")
    KEAMANAN = "keamanan", _("Keamanan digital")
    MENGAJAR = "mengajar", _("Mengajar dan fasilitasi")


class Tingkat(models.TextChoices):
    DASAR = "dasar", _("Dasar")
    MENENGAH = "menengah", _("Menengah")
    MAHIR = "mahir", _("Mahir")


class RelawanQuerySet(VersiQuerySet):
    def diterima(self) -> "RelawanQuerySet":
        return self.filter(status=Relawan.Status.DITERIMA)

    def terbaca_pos(self, pos: Pos) -> "RelawanQuerySet":
        """Accepted volunteers assigned to ``pos``: what that post's operators may see (read-only;
        a volunteer belongs to no post, see ``PosScopedQuerySet``)."""
        return self.diterima().filter(penugasan__pos=pos)

    def belum_diputuskan(self) -> "RelawanQuerySet":
        return self.filter(status__in=[Relawan.Status.DIAJUKAN, Relawan.Status.DITINJAU])


class Relawan(models.Model):
    """A person's application to become, and membership as, a Relawan TIK.

    One per account. Pipeline: diajukan → ditinjau → diterima | ditolak (with a reason), decided by an
    admin provinsi. With no decision after 3 months the application is flagged (the candidate may
    appeal); a candidacy lasts at most 6 months, after which it can no longer be accepted and the
    person applies again.
    """

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DITINJAU = "ditinjau", _("Sedang ditinjau")
        DITERIMA = "diterima", _("Diterima")
        DITOLAK = "ditolak", _("Ditolak")
        # Set by the scheduler (``relawan_kedaluwarsa_tutup``) when 6 months pass without a decision.
        KEDALUWARSA = "habis", _("Masa calon habis")

    class Keanggotaan(models.TextChoices):
        BIASA = "biasa", _("Anggota biasa")
        PENDIRI = "pendiri", _("Anggota pendiri/istimewa")
        KEHORMATAN = "kehormatan", _("Anggota kehormatan")

    class Pendidikan(models.TextChoices):
        SD = "sd", _("SD/sederajat")
        SMP = "smp", _("SMP/sederajat")
        SMA = "sma", _("SMA/SMK/sederajat")
        DIPLOMA = "diploma", _("Diploma (D1–D3)")
        SARJANA = "sarjana", _("Sarjana/D4")
        MAGISTER = "magister", _("Magister (S2)")
        DOKTOR = "doktor", _("Doktor (S3)")

    class Ketersediaan(models.TextChoices):
        HARI_KERJA_SIANG = "hari_kerja_siang", _("Hari kerja, pagi–sore")
        HARI_KERJA_MALAM = "hari_kerja_malam", _("Hari kerja, malam")
        AKHIR_PEKAN = "akhir_pekan", _("Akhir pekan")
        DARING = "daring", _("Daring (dari rumah)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relawan")
    telepon = models.CharField(_("telepon/WhatsApp"), max_length=20)
    domisili = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan domisili")
    )
    pendidikan = models.CharField(_("pendidikan terakhir"), max_length=10, choices=Pendidikan.choices)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=100)
    ketersediaan = models.JSONField(_("ketersediaan"), default=list, blank=True)
    motivasi = models.TextField(_("motivasi"))
    setuju_kode_etik_at = models.DateTimeField(_("menyetujui kode etik"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diajukan_at = models.DateTimeField(_("diajukan"), default=timezone.now)
    ditinjau_at = models.DateTimeField(_("mulai ditinjau"), null=True, blank=True)
    diputuskan_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    jenis_keanggotaan = models.CharField(
        _("jenis keanggotaan"), max_length=12, choices=Keanggotaan.choices, default=Keanggotaan.BIASA
    )
    komisariat = models.CharField(
        _("komisariat"),
        max_length=150,
        blank=True,
        help_text=_("Mis. Komisariat Kecamatan Gambir, kampus, atau sekolah."),
    )
    pos = models.ManyToManyField(Pos, through="PenugasanRelawan", related_name="relawan", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = RelawanQuerySet.as_manager()

    class Meta:
        ordering = ["-diajukan_at", "pk"]
        verbose_name = _("relawan TIK")
        verbose_name_plural = _("relawan TIK")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan_penolakan=""),
                name="relawan_penolakan_beralasan",
                violation_error_message=_("Penolakan memerlukan alasan."),
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_admin_url(self) -> str:
        return reverse("pelatihan:admin-relawan-detail", kwargs={"pk": self.pk})

    @property
    def is_diterima(self) -> bool:
        return self.status == self.Status.DITERIMA

    @property
    def is_belum_diputuskan(self) -> bool:
        return self.status in (self.Status.DIAJUKAN, self.Status.DITINJAU)

    @property
    def batas_banding(self) -> datetime:
        return tambah_bulan(self.diajukan_at, BULAN_BANDING)

    @property
    def batas_masa_calon(self) -> datetime:
        return tambah_bulan(self.diajukan_at, BULAN_MASA_CALON)

    def lewat_batas_banding(self, now=None) -> bool:
        """Undecided for more than 3 months: flagged for the admin; the candidate may appeal."""
        return self.is_belum_diputuskan and (now or timezone.now()) > self.batas_banding

    def masa_calon_habis(self, now=None) -> bool:
        """Undecided for more than 6 months: the candidacy has lapsed and cannot be accepted."""
        return self.is_belum_diputuskan and (now or timezone.now()) > self.batas_masa_calon

    @property
    def perlu_banding(self) -> bool:
        return self.lewat_batas_banding()

    @property
    def kedaluwarsa(self) -> bool:
        return self.status == self.Status.KEDALUWARSA or self.masa_calon_habis()

    @property
    def boleh_mengajukan_ulang(self) -> bool:
        return self.status in (self.Status.DITOLAK, self.Status.KEDALUWARSA) or self.masa_calon_habis()

    @property
    def ketersediaan_labels(self) -> list[str]:
        labels = dict(self.Ketersediaan.choices)
        return [str(labels[key]) for key in self.ketersediaan if key in labels]


class KeahlianRelawan(models.Model):
    relawan = models.ForeignKey(Relawan, on_delete=models.CASCADE, related_name="keahlian")
    bidang = models.CharField(_("bidang"), max_length=20, choices=Bidang.choices)
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["bidang"]
        verbose_name = _("keahlian relawan")
        verbose_name_plural = _("keahlian relawan")
        constraints = [models.UniqueConstraint(fields=["relawan", "bidang"], name="keahlian_unik_per_bidang")]

    def __str__(self) -> str:
        return f"{self.get_bidang_display()} ({self.get_tingkat_display()})"


class PenugasanRelawan(models.Model):
    """A volunteer's assignment to a post: that post's operators see them and confirm their hours."""

    relawan = models.ForeignKey(Relawan, on_delete=models.CASCADE, related_name="penugasan")
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="penugasan_relawan")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["pos__kecamatan__kode"]
        verbose_name = _("penugasan relawan")
        verbose_name_plural = _("penugasan relawan")
        constraints = [models.UniqueConstraint(fields=["relawan", "pos"], name="penugasan_relawan_unik")]

    def __str__(self) -> str:
        return f"{self.relawan} → {self.pos}"


class AktivitasRelawanQuerySet(PosScopedQuerySet):
    def dikonfirmasi(self) -> "AktivitasRelawanQuerySet":
        return self.filter(status=AktivitasRelawan.Status.DIKONFIRMASI)

    def menunggu(self) -> "AktivitasRelawanQuerySet":
        return self.filter(status=AktivitasRelawan.Status.DIAJUKAN)


class AktivitasRelawan(models.Model):
    """Work a volunteer logged for a post; it counts once that post's operator confirms it.

    The UKM served is free text for now: the UKM registry (``ukm``) is a separate app and this one
    does not depend on it.
    """

    class Jenis(models.TextChoices):
        MENGAJAR = "mengajar", _("Mengajar")
        PENDAMPINGAN_UKM = "pendampingan_ukm", _("Pendampingan UKM")
        SOSIALISASI_SEKOLAH = "sosialisasi_sekolah", _("Sosialisasi sekolah")
        LAINNYA = "lainnya", _("Lainnya")

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Menunggu konfirmasi")
        DIKONFIRMASI = "dikonfirmasi", _("Dikonfirmasi")
        DITOLAK = "ditolak", _("Ditolak")

    relawan = models.ForeignKey(Relawan, on_delete=models.PROTECT, related_name="aktivitas")
    pos = models.ForeignKey(Pos, on_delete=models.PROTECT, related_name="aktivitas_relawan", verbose_name=_("pos"))
    tanggal = models.DateField(_("tanggal"))
    jam = models.DecimalField(
        _("jumlah jam"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(24)],
    )
    jenis = models.CharField(_("jenis kegiatan"), max_length=20, choices=Jenis.choices)
    jadwal = models.ForeignKey(
        Jadwal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aktivitas_relawan",
        verbose_name=_("sesi pelatihan"),
    )
    ukm_nama = models.CharField(_("UKM yang didampingi"), max_length=150, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN)
    alasan_penolakan = models.CharField(_("alasan penolakan"), max_length=300, blank=True)
    dikonfirmasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dikonfirmasi_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AktivitasRelawanQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("aktivitas relawan")
        verbose_name_plural = _("aktivitas relawan")
        constraints = [
            models.CheckConstraint(
                condition=Q(jam__gt=0) & Q(jam__lte=24),
                name="aktivitas_jam_wajar",
                violation_error_message=_("Jumlah jam harus lebih dari 0 dan paling banyak 24."),
            ),
        ]
        indexes = [models.Index(fields=["pos", "status", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.relawan} {self.tanggal} {self.jam} jam"

    @property
    def bisa_diubah(self) -> bool:
        return self.status == self.Status.DIAJUKAN
