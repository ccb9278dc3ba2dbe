"""The Lomba Posyantek: juried competitions, their stages and criteria, entries, juri and scores.

A competition (``Lomba``) has stages (``Tahap``) with weights, and criteria (``Kriteria``) per stage
with weights and a score scale. Entries (``Peserta``) are posts of DKI or, at national level, outside
entrants. Juri are assigned per competition (``PenugasanJuri``) and score every criterion of every
entry assigned to them (``Nilai``, with its full history). A juri tied to a post (``JuriPos``, or as
its operator) never scores that post. Finalising stores the ranking on the entries (a frozen
snapshot) and refuses every later score edit.
"""

import os
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.models import Kota, Pos, PosScopedQuerySet
from posyantek.uploads import private_storage, safe_name
from posyantek.versi import VersiQuerySet


def angka(value: Decimal) -> str:
    """A number for messages, in the active language: 100 → "100", 87.50 → "87,5" (Indonesian)."""
    text = floatformat(value, "-2")
    separator = get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return text


TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
BOBOT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Kategori(models.TextChoices):
    POSYANTEK_BERPRESTASI = "posyantek_berprestasi", _("Posyantek Berprestasi")
    INOVASI_TTG = "inovasi_ttg", _("Inovasi TTG")
    TTG_UNGGULAN = "ttg_unggulan", _("TTG Unggulan")


class Tingkat(models.TextChoices):
    KOTA = "kota", _("Kota/kabupaten")
    PROVINSI = "provinsi", _("Provinsi")
    NASIONAL = "nasional", _("Nasional")


TINGKAT_URUTAN = {Tingkat.KOTA: 1, Tingkat.PROVINSI: 2, Tingkat.NASIONAL: 3}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PENILAIAN = "penilaian", _("Penilaian")
    FINAL = "final", _("Final")
    DIUMUMKAN = "diumumkan", _("Diumumkan")


class SumberHasil(models.TextChoices):
    PENILAIAN = "penilaian", _("Penilaian juri di portal")
    IMPOR = "impor", _("Impor CSV panitia nasional")


class Penghargaan(models.TextChoices):
    JUARA_1 = "juara_1", _("Juara I")
    JUARA_2 = "juara_2", _("Juara II")
    JUARA_3 = "juara_3", _("Juara III")
    HARAPAN_1 = "harapan_1", _("Harapan I")
    HARAPAN_2 = "harapan_2", _("Harapan II")
    HARAPAN_3 = "harapan_3", _("Harapan III")


# Ranks 1–6 carry an award; the Favorit award is chosen separately (Peserta.is_favorit).
PENGHARGAAN_PERINGKAT = {
    1: Penghargaan.JUARA_1,
    2: Penghargaan.JUARA_2,
    3: Penghargaan.JUARA_3,
    4: Penghargaan.HARAPAN_1,
    5: Penghargaan.HARAPAN_2,
    6: Penghargaan.HARAPAN_3,
}


class LombaQuerySet(VersiQuerySet):
    def published(self) -> "LombaQuerySet":
        """Announced competitions: the only ones the public sees."""
        return self.filter(status=Status.DIUMUMKAN)

    def selesai(self) -> "LombaQuerySet":
        """Final or announced: the scores are frozen and the ranking stored."""
        return self.filter(status__in=[Status.FINAL, Status.DIUMUMKAN])

    def for_user(self, user) -> "LombaQuerySet":
        """Every competition for an admin provinsi; the assigned ones for a juri; none otherwise."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_admin_provinsi or user.is_superuser:
            return self.all()
        if user.is_juri:
            return self.filter(pk__in=PenugasanJuri.objects.filter(juri=user).values("lomba_id"))
        return self.none()


class Lomba(models.Model):
    """One competition of a year, a category and a level."""

    nama = models.CharField(_("nama lomba"), max_length=200)
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=TAHUN_VALIDATORS)
    kategori = models.CharField(_("kategori"), max_length=30, choices=Kategori.choices)
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    kota = models.ForeignKey(
        Kota,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kota/kabupaten"),
        help_text=_("Hanya untuk lomba tingkat kota/kabupaten."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sumber_hasil = models.CharField(
        _("sumber hasil"), max_length=10, choices=SumberHasil.choices, default=SumberHasil.PENILAIAN
    )
    deskripsi = models.TextField(_("keterangan"), blank=True)
    tempat = models.CharField(
        _("tempat penetapan"), max_length=150, blank=True, help_text=_("Dicetak pada berita acara.")
    )
    pakai_templat_bawaan = models.BooleanField(_("memakai templat bobot bawaan"), default=False)
    seri_tahap = models.ForeignKey(
        "Tahap",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penentu seri pertama (tahap)"),
        help_text=_("Bila nilai akhir sama, peserta dengan nilai tahap ini lebih tinggi berada di atas."),
    )
    seri_kriteria = models.ForeignKey(
        "Kriteria",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penentu seri kedua (kriteria)"),
        help_text=_("Bila masih sama, peserta dengan rata-rata kriteria ini lebih tinggi berada di atas."),
    )
    difinalkan_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diumumkan_at = models.DateTimeField(_("diumumkan pada"), null=True, blank=True)
    # The juri–post ties ([juri id, pos id] pairs) as they stood when the competition was finalised:
    # a final result is frozen, so a tie recorded or removed later must not change what the results
    # page recomputes from the scores.
    ikatan_final = models.JSONField(_("keterkaitan juri saat difinalkan"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = LombaQuerySet.as_manager()

    class Meta:
        ordering = ["-tahun", "tingkat", "kategori", "pk"]
        verbose_name = _("lomba")
        verbose_name_plural = _("lomba")
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "kategori", "tingkat", "kota"],
                condition=Q(kota__isnull=False),
                name="lomba_unik_per_kota",
                violation_error_message=_("Lomba dengan tahun, kategori, tingkat, dan kota yang sama sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["tahun", "kategori", "tingkat"],
                condition=Q(kota__isnull=True),
                name="lomba_unik",
                violation_error_message=_("Lomba dengan tahun, kategori, dan tingkat yang sama sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(tingkat="kota", kota__isnull=False) | (~Q(tingkat="kota") & Q(kota__isnull=True)),
                name="lomba_kota_hanya_tingkat_kota",
                violation_error_message=_("Kota diisi untuk lomba tingkat kota, dan hanya untuk lomba tingkat kota."),
            ),
            models.CheckConstraint(
                condition=Q(sumber_hasil="penilaian") | Q(tingkat="nasional"),
                name="lomba_impor_hanya_nasional",
                violation_error_message=_("Impor hasil dari CSV hanya untuk lomba tingkat nasional."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("lomba:publik-detail", kwargs={"pk": self.pk})

    def get_kelola_url(self) -> str:
        return reverse("lomba:kelola-detail", kwargs={"pk": self.pk})

    @property
    def is_selesai(self) -> bool:
        """Final or announced: scores are frozen."""
        return self.status in (Status.FINAL, Status.DIUMUMKAN)

    @property
    def is_impor(self) -> bool:
        return self.sumber_hasil == SumberHasil.IMPOR


class Tahap(models.Model):
    """A stage of a competition (administrasi dan dokumen, verifikasi lapangan, paparan)."""

    lomba = models.ForeignKey(Lomba, on_delete=models.CASCADE, related_name="tahap_set", verbose_name=_("lomba"))
    nama = models.CharField(_("nama tahap"), max_length=100)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    bobot = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2, validators=BOBOT_VALIDATORS)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = _("tahap")
        verbose_name_plural = _("tahap")
        constraints = [
            models.CheckConstraint(
                condition=Q(bobot__gte=0) & Q(bobot__lte=100),
                name="tahap_bobot_0_100",
                violation_error_message=_("Bobot harus antara 0 dan 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class Kriteria(models.Model):
    """A criterion of a stage, with its weight within the stage and the scale juri score on."""

    tahap = models.ForeignKey(Tahap, on_delete=models.CASCADE, related_name="kriteria_set", verbose_name=_("tahap"))
    nama = models.CharField(_("nama kriteria"), max_length=100)
    deskripsi = models.CharField(_("yang dinilai"), max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    bobot = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2, validators=BOBOT_VALIDATORS)
    skala_min = models.DecimalField(_("nilai terendah"), max_digits=6, decimal_places=2, default=Decimal(0))
    skala_maks = models.DecimalField(_("nilai tertinggi"), max_digits=6, decimal_places=2, default=Decimal(100))

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["tahap__urutan", "urutan", "pk"]
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(bobot__gte=0) & Q(bobot__lte=100),
                name="kriteria_bobot_0_100",
                violation_error_message=_("Bobot harus antara 0 dan 100."),
            ),
            models.CheckConstraint(
                condition=Q(skala_maks__gt=models.F("skala_min")),
                name="kriteria_skala_naik",
                violation_error_message=_("Nilai tertinggi harus lebih besar daripada nilai terendah."),
            ),
            models.CheckConstraint(
                condition=Q(skala_min__gte=0),
                name="kriteria_skala_min_positif",
                violation_error_message=_("Nilai terendah tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class PesertaQuerySet(PosScopedQuerySet):
    def with_relasi(self) -> "PesertaQuerySet":
        return self.select_related("pos", "pos__kecamatan", "pos__kecamatan__kota")


class Peserta(models.Model):
    """An entry: a post of DKI, or (national level only) an outside entrant with its province.

    ``peringkat``, ``nilai_akhir``, ``nilai_tahap`` and ``alasan_seri`` are the frozen result, written
    once by finalising (or by the national import) and read by every results page.
    """

    lomba = models.ForeignKey(Lomba, on_delete=models.CASCADE, related_name="peserta_set", verbose_name=_("lomba"))
    pos = models.ForeignKey(Pos, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("pos"))
    nama_luar = models.CharField(_("nama peserta"), max_length=150, blank=True)
    provinsi_luar = models.CharField(_("provinsi"), max_length=100, blank=True)
    judul = models.CharField(
        _("judul karya/inovasi"), max_length=200, blank=True, help_text=_("Misalnya nama TTG atau program unggulan.")
    )
    tautan_video = models.URLField(_("tautan video profil"), blank=True, max_length=300)
    asal = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lanjutan_set",
        verbose_name=_("dibawa dari"),
    )
    dari_dki = models.BooleanField(_("dari DKI Jakarta"), default=False)
    is_favorit = models.BooleanField(_("Favorit"), default=False)
    peringkat = models.PositiveSmallIntegerField(_("peringkat"), null=True, blank=True)
    nilai_akhir = models.DecimalField(_("nilai akhir"), max_digits=6, decimal_places=2, null=True, blank=True)
    nilai_tahap = models.JSONField(_("nilai per tahap"), default=dict, blank=True)
    alasan_seri = models.CharField(_("keterangan seri"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PesertaQuerySet.as_manager()

    class Meta:
        ordering = [models.F("peringkat").asc(nulls_last=True), "pk"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        constraints = [
            models.CheckConstraint(
                condition=(Q(pos__isnull=False) & Q(nama_luar="")) | (Q(pos__isnull=True) & ~Q(nama_luar="")),
                name="peserta_pos_atau_luar",
                violation_error_message=_("Peserta adalah pos DKI atau peserta luar DKI dengan nama, bukan keduanya."),
            ),
            models.UniqueConstraint(
                fields=["lomba", "pos"],
                condition=Q(pos__isnull=False),
                name="peserta_pos_unik",
                violation_error_message=_("Pos ini sudah terdaftar sebagai peserta lomba ini."),
            ),
            models.UniqueConstraint(
                fields=["lomba", "peringkat"],
                condition=Q(peringkat__isnull=False),
                name="peserta_peringkat_unik",
                violation_error_message=_("Peringkat ini sudah dipakai peserta lain."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def nama(self) -> str:
        return self.pos.nama if self.pos_id else self.nama_luar

    @property
    def nama_pendek(self) -> str:
        """The name without the common "Posyantek Kecamatan" prefix, for chart labels."""
        nama = self.nama
        for prefix in ("Posyantek Kecamatan ", "Posyantek Kec. ", "Posyantek "):
            if nama.startswith(prefix):
                return nama[len(prefix) :]
        return nama

    @property
    def wilayah(self) -> str:
        """Kota of a DKI post, or the outside entrant's province."""
        if self.pos_id:
            return self.pos.kecamatan.kota.nama_pendek
        return self.provinsi_luar

    @property
    def penghargaan(self) -> str:
        """The award label of the stored rank ("Juara I" … "Harapan III"), or empty."""
        award = PENGHARGAAN_PERINGKAT.get(self.peringkat or 0)
        return award.label if award else ""

    @property
    def penghargaan_kode(self) -> str:
        award = PENGHARGAAN_PERINGKAT.get(self.peringkat or 0)
        return award.value if award else ""

    def nilai_tahap_list(self, tahap_list) -> list:
        """The stored stage scores in the order of ``tahap_list`` (Decimal or None)."""
        return [Decimal(self.nilai_tahap[str(t.pk)]) if str(t.pk) in self.nilai_tahap else None for t in tahap_list]


def dokumen_path(instance: "DokumenPeserta", filename: str) -> str:
    """Where an entry's document is stored (private storage): always with a fresh random part in the
    name, whoever hands the file in (a form, the demo seed), so no stored name can be guessed."""
    extension = os.path.splitext(filename)[1].lstrip(".").lower() or "bin"
    return f"lomba/{instance.peserta.lomba_id}/peserta-{instance.peserta_id}/{safe_name(filename, extension)}"


def judul_laporan_tahunan(tahun: int) -> str:
    """The title a post's yearly report carries among an entry's documents: the same in every
    language, so attaching it again finds and replaces the one before."""
    return f"Laporan tahunan {tahun}"


class DokumenPeserta(models.Model):
    """A document of an entry (PDF or image), checked by content; served as a download only."""

    peserta = models.ForeignKey(
        Peserta, on_delete=models.CASCADE, related_name="dokumen_set", verbose_name=_("peserta")
    )
    judul = models.CharField(_("judul dokumen"), max_length=150)
    # Private: the web server never serves it; the portal hands it out only through the download
    # views of the competition (admin, assigned juri) and of the entry's post (its operators).
    berkas = models.FileField(_("berkas"), upload_to=dokumen_path, storage=private_storage, max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("dokumen peserta")
        verbose_name_plural = _("dokumen peserta")

    def __str__(self) -> str:
        return self.judul

    @property
    def jenis(self) -> str:
        return self.berkas.name.rsplit(".", 1)[-1].upper() if "." in self.berkas.name else ""


class PenugasanJuri(models.Model):
    """A juri assigned to a competition; optionally only to some of its entries (empty = all).

    ``is_nasional`` marks a national juri account, the only kind that may score a national competition.
    """

    lomba = models.ForeignKey(Lomba, on_delete=models.CASCADE, related_name="penugasan_set", verbose_name=_("lomba"))
    juri = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="penugasan_juri_set", verbose_name=_("juri")
    )
    is_nasional = models.BooleanField(_("juri nasional"), default=False)
    peserta = models.ManyToManyField(
        Peserta,
        blank=True,
        related_name="penugasan_set",
        verbose_name=_("peserta yang dinilai"),
        help_text=_("Kosongkan bila juri menilai semua peserta."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["juri__nama", "juri__email"]
        verbose_name = _("penugasan juri")
        verbose_name_plural = _("penugasan juri")
        constraints = [
            models.UniqueConstraint(
                fields=["lomba", "juri"],
                name="penugasan_juri_unik",
                violation_error_message=_("Juri ini sudah ditugaskan di lomba ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.juri} → {self.lomba}"


class JuriPos(models.Model):
    """A juri's tie to a post (lives there, worked there, family…): they never score that post.

    An operator of a post is tied to it as well, without a row here.
    """

    juri = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="juri_pos_set", verbose_name=_("juri")
    )
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="juri_terkait_set", verbose_name=_("pos"))
    keterangan = models.CharField(_("keterangan keterkaitan"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["juri__nama", "pos__kecamatan__kode"]
        verbose_name = _("keterkaitan juri dengan pos")
        verbose_name_plural = _("keterkaitan juri dengan pos")
        constraints = [
            models.UniqueConstraint(
                fields=["juri", "pos"],
                name="juripos_unik",
                violation_error_message=_("Keterkaitan ini sudah tercatat."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.juri} ↔ {self.pos}"


class Nilai(models.Model):
    """One juri's score of one entry on one criterion. Every change is kept in its history."""

    peserta = models.ForeignKey(Peserta, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("peserta"))
    kriteria = models.ForeignKey(
        Kriteria, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("kriteria")
    )
    juri = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nilai_lomba_set", verbose_name=_("juri")
    )
    nilai = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["peserta", "kriteria", "juri"]
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        constraints = [
            models.UniqueConstraint(
                fields=["juri", "peserta", "kriteria"],
                name="nilai_unik",
                violation_error_message=_("Juri ini sudah memberi nilai untuk kriteria ini."),
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0),
                name="nilai_tidak_negatif",
                violation_error_message=_("Nilai tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juri} · {self.peserta} · {self.kriteria_id}: {self.nilai}"


class ImporStatus(models.TextChoices):
    PRATINJAU = "pratinjau", _("Pratinjau")
    DITERAPKAN = "diterapkan", _("Diterapkan")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class ImporNasional(models.Model):
    """A parsed national-results CSV held for preview; applied all-or-nothing, or cancelled.

    ``baris``: list of {"nama", "provinsi", "total", "peringkat", "pos_id", "dki"} (total as a string).
    ``kesalahan``: the problems found; a file with any problem cannot be applied.
    """

    lomba = models.ForeignKey(Lomba, on_delete=models.CASCADE, related_name="impor_set", verbose_name=_("lomba"))
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    baris = models.JSONField(default=list, blank=True)
    kesalahan = models.JSONField(default=list, blank=True)
    peringatan = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=ImporStatus.choices, default=ImporStatus.PRATINJAU)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    diterapkan_at = models.DateTimeField(null=True, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("impor hasil nasional")
        verbose_name_plural = _("impor hasil nasional")

    def __str__(self) -> str:
        return self.nama_berkas
