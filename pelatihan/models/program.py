"""Training programmes: what is taught (kind, topics, digital-literacy pillar), independent of when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from posyantek.models import Pos, PosScopedQuerySet
from posyantek.versi import VersiQuerySet


class Topik(models.TextChoices):
    """Topics of e-literacy training. In code (translatable); add a member to extend the list."""

    INTERNET_DASAR = "internet_dasar", _("Internet dasar")
    MEDIA_SOSIAL = "media_sosial", _("Media sosial untuk usaha")
    BLOG = "blog", _("Blog dan situs web usaha")
    MARKETPLACE = "marketplace", _("Berjualan di marketplace")
    FOTO_PRODUK = "foto_produk", _("Foto produk")
    DESAIN = "desain", _("Desain grafis sederhana")
    PEMBAYARAN_DIGITAL = "pembayaran_digital", _("Pembayaran digital (QRIS)")
    PEMBUKUAN_DIGITAL = "pembukuan_digital", _("Pembukuan digital")
    KEAMANAN_DIGITAL = "keamanan_digital", _("Keamanan digital")
    ETIKA_DIGITAL = "etika_digital", _("Etika dan budaya digital")
    PERKANTORAN = "perkantoran", _("Aplikasi perkantoran")
    PERIZINAN_DARING = "perizinan_daring", _("Perizinan daring (OSS, NIB)")
    METODE_MENGAJAR = "metode_mengajar", _("Metode mengajar (untuk pelatih)")


class ProgramQuerySet(PosScopedQuerySet):
    """``for_pos``: the post's own programmes, which its operators edit."""

    def terbaca_pos(self, pos: Pos) -> "ProgramQuerySet":
        """Programmes a post may read and schedule: its own and the provincial ones (``pos`` empty),
        which only the admin provinsi edits."""
        return self.filter(Q(pos=pos) | Q(pos__isnull=True))

    def provinsi(self) -> "ProgramQuerySet":
        return self.filter(pos__isnull=True)

    def aktif(self) -> "ProgramQuerySet":
        return self.filter(is_aktif=True)


class Program(models.Model):
    """A training programme. Provincial programmes (no post) can be scheduled by every post."""

    class Jenis(models.TextChoices):
        E_LITERASI = "e_literasi", _("Kelas e-literasi")
        LOKAKARYA = "lokakarya", _("Lokakarya")
        TOT = "tot", _("Training of Trainers (ToT)")
        SOSIALISASI = "sosialisasi", _("Sosialisasi ke sekolah/komunitas")

    class Pilar(models.TextChoices):
        CAKAP = "cakap", _("Cakap Digital")
        BUDAYA = "budaya", _("Budaya Digital")
        ETIKA = "etika", _("Etika Digital")
        AMAN = "aman", _("Aman Digital")

    pos = models.ForeignKey(
        Pos,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="program_pelatihan",
        verbose_name=_("pos"),
        help_text=_("Kosong berarti program provinsi, dapat dijadwalkan semua pos."),
    )
    nama = models.CharField(_("nama program"), max_length=150)
    nama_en = models.CharField(_("nama program (Inggris)"), max_length=150, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    pilar = models.CharField(_("pilar literasi digital"), max_length=10, choices=Pilar.choices)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    deskripsi_en = models.TextField(_("deskripsi (Inggris)"), blank=True)
    is_aktif = models.BooleanField(
        _("aktif"), default=True, help_text=_("Program nonaktif tidak bisa dijadwalkan lagi.")
    )
    penandatangan_nama = models.CharField(
        _("nama penanda tangan sertifikat"),
        max_length=120,
        blank=True,
        help_text=_("Kosongkan agar sertifikat ditandatangani ketua pengurus pos yang menjadi penyelenggara."),
    )
    penandatangan_jabatan = models.CharField(
        _("jabatan penanda tangan"), max_length=120, blank=True, help_text=_("Mis. Kepala Seksi Ekonomi.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["pos", "nama"],
                name="program_nama_unik_per_pos",
                violation_error_message=_("Program dengan nama ini sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["nama"],
                condition=Q(pos__isnull=True),
                name="program_nama_unik_provinsi",
                violation_error_message=_("Program provinsi dengan nama ini sudah ada."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_tot(self) -> bool:
        return self.jenis == self.Jenis.TOT

    @property
    def topik_labels(self) -> list[str]:
        """Topic labels; uses the prefetched ``topik_set`` when the selector loaded it."""
        return [row.get_topik_display() for row in self.topik_set.all()]


class ProgramTopik(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="topik_set")
    topik = models.CharField(_("topik"), max_length=30, choices=Topik.choices)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["topik"]
        verbose_name = _("topik program")
        verbose_name_plural = _("topik program")
        constraints = [models.UniqueConstraint(fields=["program", "topik"], name="program_topik_unik")]

    def __str__(self) -> str:
        return self.get_topik_display()
