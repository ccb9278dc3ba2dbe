"""The board of a post (pengurus): one row per term, its members, the rules of Permendesa 23/2017.

A board has at least five members — ketua, sekretaris, bendahara, seksi pengembangan and seksi
pelayanan — and a term (masa bakti) of at most three years. Past boards are kept: a new term is a
new ``Kepengurusan``, never an edit of the old one.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.versi import VersiQuerySet

from .pos import Pos, PosScopedQuerySet

MASA_BAKTI_MAKS_TAHUN = 3


def tambah_tahun(tanggal: date, tahun: int) -> date:
    """The same calendar day ``tahun`` years later (29 February becomes 28 February)."""
    try:
        return tanggal.replace(year=tanggal.year + tahun)
    except ValueError:
        return tanggal.replace(year=tanggal.year + tahun, day=28)


class Jabatan(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    SEKSI_PENGEMBANGAN = "seksi_pengembangan", _("Seksi pengembangan")
    SEKSI_PELAYANAN = "seksi_pelayanan", _("Seksi pelayanan")
    SEKSI_LAIN = "seksi_lain", _("Seksi lain")
    ANGGOTA = "anggota", _("Anggota")


# The five positions a complete board must fill (Permendesa PDTT 23/2017 Pasal 29).
JABATAN_INTI = [
    Jabatan.KETUA,
    Jabatan.SEKRETARIS,
    Jabatan.BENDAHARA,
    Jabatan.SEKSI_PENGEMBANGAN,
    Jabatan.SEKSI_PELAYANAN,
]
# Positions held by one person at a time in a board.
JABATAN_TUNGGAL = [Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA]


class KepengurusanQuerySet(PosScopedQuerySet):
    def berjalan(self, pada: date) -> "KepengurusanQuerySet":
        """Boards whose term includes the day ``pada``."""
        return self.filter(mulai__lte=pada, selesai__gte=pada)

    def with_anggota(self) -> "KepengurusanQuerySet":
        return self.prefetch_related(models.Prefetch("anggota", queryset=Pengurus.objects.urut()))


class Kepengurusan(models.Model):
    """One term of a post's board."""

    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="kepengurusan_set", verbose_name=_("pos"))
    mulai = models.DateField(_("mulai masa bakti"))
    selesai = models.DateField(_("akhir masa bakti"), help_text=_("Paling lama 3 tahun setelah mulai."))
    nomor_sk = models.CharField(_("nomor SK pengurus"), max_length=120, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = KepengurusanQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-mulai"]
        verbose_name = _("kepengurusan")
        verbose_name_plural = _("kepengurusan")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")), name="kepengurusan_selesai_setelah_mulai"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pos} {self.mulai:%Y}–{self.selesai:%Y}"

    def clean(self) -> None:
        if self.mulai is None or self.selesai is None:
            return
        if self.selesai <= self.mulai:
            raise ValidationError({"selesai": _("Akhir masa bakti harus sesudah tanggal mulai.")})
        if self.selesai > tambah_tahun(self.mulai, MASA_BAKTI_MAKS_TAHUN):
            raise ValidationError(
                {
                    "selesai": _("Masa bakti pengurus paling lama 3 tahun (sampai %(batas)s).")
                    % {"batas": tambah_tahun(self.mulai, MASA_BAKTI_MAKS_TAHUN).strftime("%d-%m-%Y")}
                }
            )
        if self.pos_id:
            overlap = Kepengurusan.objects.filter(
                pos_id=self.pos_id, mulai__lte=self.selesai, selesai__gte=self.mulai
            ).exclude(pk=self.pk)
            if overlap.exists():
                raise ValidationError(_("Masa bakti ini bertumpang tindih dengan kepengurusan lain di pos ini."))

    def status(self, hari_ini: date) -> str:
        if self.mulai > hari_ini:
            return "akan_datang"
        if self.selesai < hari_ini:
            return "selesai"
        return "berjalan"

    @property
    def jabatan_kurang(self) -> list[str]:
        """Labels of the core positions nobody holds (uses prefetched members when present)."""
        terisi = {p.jabatan for p in self.anggota.all()}
        return [Jabatan(j).label for j in JABATAN_INTI if j not in terisi]

    @property
    def lengkap(self) -> bool:
        return not self.jabatan_kurang


class PengurusQuerySet(VersiQuerySet):
    def urut(self) -> "PengurusQuerySet":
        """Members in the order of the board: ketua first, then by position, then by name."""
        order = Case(
            *[When(jabatan=value, then=Value(i)) for i, value in enumerate(Jabatan.values)],
            output_field=IntegerField(),
        )
        return self.annotate(_urutan=order).order_by("_urutan", "nama")


class Pengurus(models.Model):
    """A member of one board. Phone and e-mail are for the post's operators, never public."""

    kepengurusan = models.ForeignKey(
        Kepengurusan, on_delete=models.CASCADE, related_name="anggota", verbose_name=_("kepengurusan")
    )
    jabatan = models.CharField(_("jabatan"), max_length=24, choices=Jabatan.choices)
    jabatan_lain = models.CharField(
        _("nama jabatan/seksi"),
        max_length=80,
        blank=True,
        help_text=_("Wajib untuk “Seksi lain”, misalnya Seksi Humas."),
    )
    nama = models.CharField(_("nama"), max_length=150)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = PengurusQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        constraints = [
            models.UniqueConstraint(
                fields=["kepengurusan", "jabatan"],
                condition=Q(jabatan__in=["ketua", "wakil_ketua", "sekretaris", "bendahara"]),
                name="pengurus_jabatan_tunggal",
                violation_error_message=_("Jabatan ini sudah diisi orang lain dalam kepengurusan yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan_label})"

    @property
    def jabatan_label(self) -> str:
        if self.jabatan == Jabatan.SEKSI_LAIN and self.jabatan_lain:
            return self.jabatan_lain
        return self.get_jabatan_display()

    def clean(self) -> None:
        self.nama = " ".join((self.nama or "").split())
        self.jabatan_lain = " ".join((self.jabatan_lain or "").split())
        if self.jabatan == Jabatan.SEKSI_LAIN and not self.jabatan_lain:
            raise ValidationError({"jabatan_lain": _("Tulis nama seksinya.")})
