"""The TTG catalogue: technologies, their user guides, the posts that demonstrate them, adoption by
UKM, and urun beli (collective purchase) campaigns with their pledges.

Writes go through ``teknologi.services``; reads for pages through ``teknologi.selectors``.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from posyantek.models import Pos, PosScopedQuerySet
from posyantek.versi import VersiQuerySet


class Bidang(models.TextChoices):
    PANGAN = "pangan", _("Pengolahan pangan")
    PERTANIAN = "pertanian", _("Pertanian dan peternakan")
    PERIKANAN = "perikanan", _("Perikanan")
    ENERGI = "energi", _("Energi")
    AIR = "air", _("Air bersih dan sanitasi")
    LINGKUNGAN = "lingkungan", _("Lingkungan dan daur ulang")
    KERAJINAN = "kerajinan", _("Kerajinan dan industri rumahan")
    PENGEMASAN = "pengemasan", _("Pengemasan dan pascapanen")
    TIK = "tik", _("Teknologi informasi dan komunikasi (TIK)")
    KESEHATAN = "kesehatan", _("Kesehatan dan keselamatan kerja")


class Penghargaan(models.TextChoices):
    TIDAK_ADA = "", _("Tidak ada")
    INOVASI = "inovasi", _("Lomba Inovasi TTG")
    UNGGULAN = "unggulan", _("TTG Unggulan")


class TingkatPenghargaan(models.TextChoices):
    KOTA = "kota", _("Kota/kabupaten")
    PROVINSI = "provinsi", _("Provinsi")
    NASIONAL = "nasional", _("Nasional")


class StatusTeknologi(models.TextChoices):
    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan untuk terbit")
    TERBIT = "terbit", _("Terbit")


# Price buckets of the catalogue's facet, in Rupiah: (key, label, lower bound inclusive, upper bound exclusive).
RENTANG_HARGA = [
    ("lt1", _("Di bawah Rp1 juta"), None, 1_000_000),
    ("1-5", _("Rp1–5 juta"), 1_000_000, 5_000_000),
    ("5-20", _("Rp5–20 juta"), 5_000_000, 20_000_000),
    ("gt20", _("Rp20 juta ke atas"), 20_000_000, None),
]


class TeknologiQuerySet(VersiQuerySet):
    def published(self) -> "TeknologiQuerySet":
        """What the public may see: published technologies only. Drafts are never public."""
        return self.filter(status=StatusTeknologi.TERBIT)

    def terbaca_pos(self, pos: Pos) -> "TeknologiQuerySet":
        """The technologies a post proposed, any status: its operators read them all, and edit one only
        before publication (the province curates it after)."""
        return self.filter(diusulkan_pos=pos)


class Teknologi(models.Model):
    """One appropriate technology (TTG) in the catalogue."""

    nama = models.CharField(_("nama"), max_length=120)
    nama_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    bidang = models.CharField(_("bidang"), max_length=20, choices=Bidang.choices)
    ringkasan = models.CharField(_("ringkasan"), max_length=300, help_text=_("Satu atau dua kalimat: apa gunanya."))
    ringkasan_en = models.CharField(_("ringkasan (Inggris)"), max_length=300, blank=True)
    alias = models.CharField(
        _("nama lain dan kata kunci"),
        max_length=300,
        blank=True,
        help_text=_("Nama lain yang biasa dipakai orang, dipisah koma (mis. pres santan, peras kelapa)."),
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    deskripsi_en = models.TextField(_("deskripsi (Inggris)"), blank=True)
    cara_kerja = models.TextField(_("cara kerja"), blank=True)
    cara_kerja_en = models.TextField(_("cara kerja (Inggris)"), blank=True)
    kapasitas = models.CharField(_("kapasitas"), max_length=120, blank=True)
    kapasitas_en = models.CharField(_("kapasitas (Inggris)"), max_length=120, blank=True)
    daya = models.CharField(_("daya/sumber tenaga"), max_length=120, blank=True)
    daya_en = models.CharField(_("daya/sumber tenaga (Inggris)"), max_length=120, blank=True)
    dimensi = models.CharField(_("dimensi"), max_length=120, blank=True)
    dimensi_en = models.CharField(_("dimensi (Inggris)"), max_length=120, blank=True)
    spesifikasi_lain = models.TextField(_("spesifikasi lain"), blank=True, help_text=_("Satu butir per baris."))
    spesifikasi_lain_en = models.TextField(_("spesifikasi lain (Inggris)"), blank=True)
    harga_min = models.PositiveBigIntegerField(_("harga terendah (Rp)"), null=True, blank=True)
    harga_max = models.PositiveBigIntegerField(_("harga tertinggi (Rp)"), null=True, blank=True)
    pembuat_nama = models.CharField(_("pembuat/pemasok"), max_length=150, blank=True)
    pembuat_kontak = models.CharField(
        _("kontak pemasok"),
        max_length=150,
        blank=True,
        help_text=_("Kontak usaha pemasok (bukan nomor pribadi)."),
    )
    pembuat_tempat = models.CharField(_("lokasi pemasok"), max_length=150, blank=True)
    inovator = models.CharField(_("inovator"), max_length=150, blank=True)
    penghargaan = models.CharField(
        _("penghargaan"), max_length=20, choices=Penghargaan.choices, blank=True, default=Penghargaan.TIDAK_ADA
    )
    penghargaan_tahun = models.PositiveSmallIntegerField(
        _("tahun penghargaan"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    penghargaan_tingkat = models.CharField(
        _("tingkat penghargaan"), max_length=20, choices=TingkatPenghargaan.choices, blank=True
    )
    penghargaan_juara = models.CharField(_("peringkat"), max_length=60, blank=True, help_text=_("Mis. Juara II."))
    foto = models.ImageField(_("foto utama"), upload_to="teknologi/foto/", blank=True)
    video_url = models.URLField(_("tautan video"), blank=True, help_text=_("Mis. video YouTube cara pemakaian."))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusTeknologi.choices, default=StatusTeknologi.DRAFT
    )
    is_demo = models.BooleanField(_("konten demo"), default=False, editable=False)
    # The search documents, lower-cased and without accents, kept by services.teknologi_simpan():
    # the name with its aliases (trigram GIN index, for typos), the whole text (name, aliases,
    # summary, bidang) and its full-text vector (GIN index; filled on PostgreSQL only). Migration 0002.
    cari_nama = models.TextField(editable=False, default="")
    cari_teks = models.TextField(editable=False, default="")
    cari_vector = SearchVectorField(null=True, editable=False)
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diusulkan oleh"),
    )
    diusulkan_pos = models.ForeignKey(
        Pos,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teknologi_diusulkan",
        verbose_name=_("diusulkan oleh pos"),
    )
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diterbitkan_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    catatan_kurasi = models.TextField(_("catatan kurator"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["cari_nama", "cari_teks", "cari_vector", "updated_at"])
    objects = TeknologiQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("teknologi")
        verbose_name_plural = _("teknologi")
        constraints = [
            models.CheckConstraint(
                condition=Q(harga_min__isnull=True)
                | Q(harga_max__isnull=True)
                | Q(harga_max__gte=models.F("harga_min")),
                name="teknologi_harga_urut",
            ),
        ]
        indexes = [models.Index(fields=["status", "bidang"], name="teknologi_status_bidang")]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("teknologi:teknologi-detail", kwargs={"slug": self.slug})

    def get_panduan_url(self) -> str:
        return reverse("teknologi:panduan-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == StatusTeknologi.TERBIT

    @property
    def nama_tampil(self) -> str:
        """The name in the visitor's language: English when chosen and filled, else Indonesian."""
        if self.nama_en and (get_language() or "").startswith("en"):
            return self.nama_en
        return self.nama

    #: what a visitor reads of a technology and its guide, each with an ``_en`` field
    BIDANG_INGGRIS = (
        "nama",
        "ringkasan",
        "deskripsi",
        "cara_kerja",
        "kapasitas",
        "daya",
        "dimensi",
        "spesifikasi_lain",
    )

    @classmethod
    def tanpa_inggris_q(cls) -> models.Q:
        """Technologies with a visitor-facing field written in Indonesian and not yet in English."""
        q = models.Q()
        for field in cls.BIDANG_INGGRIS:
            q |= ~models.Q(**{field: ""}) & models.Q(**{f"{field}_en": ""})
        return q

    @property
    def kurang_inggris(self) -> list[str]:
        """Visitor-facing fields with Indonesian text and no English yet (the operators' lists say so)."""
        from posyantek.dwibahasa import kurang_inggris

        return kurang_inggris(self, self.BIDANG_INGGRIS)

    @property
    def ringkasan_tampil(self) -> str:
        if self.ringkasan_en and (get_language() or "").startswith("en"):
            return self.ringkasan_en
        return self.ringkasan

    @property
    def spesifikasi_list(self) -> list[str]:
        return [line.strip() for line in self.spesifikasi_lain.splitlines() if line.strip()]

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.alias.split(",") if a.strip()]

    @property
    def punya_penghargaan(self) -> bool:
        return bool(self.penghargaan)


class FotoTeknologi(models.Model):
    """A further photo of a technology (the main one is ``Teknologi.foto``)."""

    teknologi = models.ForeignKey(Teknologi, on_delete=models.CASCADE, related_name="foto_set")
    foto = models.ImageField(_("foto"), upload_to="teknologi/foto/")
    keterangan = models.CharField(_("keterangan"), max_length=150, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = _("foto teknologi")
        verbose_name_plural = _("foto teknologi")

    def __str__(self) -> str:
        return self.keterangan or self.foto.name


class TeknologiPosQuerySet(PosScopedQuerySet):
    pass


class TeknologiPos(models.Model):
    """A post that demonstrates a technology: it can show it, and perhaps has a demo unit to try."""

    teknologi = models.ForeignKey(Teknologi, on_delete=models.CASCADE, related_name="pos_demo")
    pos = models.ForeignKey(Pos, on_delete=models.CASCADE, related_name="teknologi_demo", verbose_name=_("pos"))
    ada_unit_demo = models.BooleanField(_("ada unit demo di pos"), default=False)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True, help_text=_("Mis. jadwal demo."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeknologiPosQuerySet.as_manager()

    class Meta:
        ordering = ["pos__kecamatan__kode"]
        verbose_name = _("pos peraga teknologi")
        verbose_name_plural = _("pos peraga teknologi")
        constraints = [models.UniqueConstraint(fields=["teknologi", "pos"], name="teknologipos_unik")]

    def __str__(self) -> str:
        return f"{self.teknologi} @ {self.pos}"


class Panduan(models.Model):
    """The user guide of a technology: steps, safety, maintenance, troubleshooting, optional PDF."""

    teknologi = models.OneToOneField(Teknologi, on_delete=models.CASCADE, related_name="panduan")
    pengantar = models.TextField(
        _("pengantar"), blank=True, help_text=_("Untuk siapa panduan ini dan apa yang perlu disiapkan.")
    )
    pengantar_en = models.TextField(_("pengantar (Inggris)"), blank=True)
    keselamatan = models.TextField(_("catatan keselamatan"), blank=True, help_text=_("Satu catatan per baris."))
    keselamatan_en = models.TextField(_("catatan keselamatan (Inggris)"), blank=True)
    pdf = models.FileField(_("panduan PDF"), upload_to="teknologi/panduan/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = VersiQuerySet.as_manager()

    class Meta:
        verbose_name = _("panduan")
        verbose_name_plural = _("panduan")

    def __str__(self) -> str:
        return str(self.teknologi)

    @property
    def keselamatan_list(self) -> list[str]:
        return [line.strip() for line in self.keselamatan.splitlines() if line.strip()]


class LangkahPanduan(models.Model):
    panduan = models.ForeignKey(Panduan, on_delete=models.CASCADE, related_name="langkah_set")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    teks = models.TextField(_("langkah"), max_length=1500)
    teks_en = models.TextField(_("langkah (Inggris)"), max_length=1500, blank=True)
    foto = models.ImageField(_("foto"), upload_to="teknologi/langkah/", blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = _("langkah")
        verbose_name_plural = _("langkah")

    def __str__(self) -> str:
        return f"{self.urutan}. {self.teks[:40]}"


class Frekuensi(models.TextChoices):
    SETIAP_PAKAI = "pakai", _("Setiap selesai dipakai")
    HARIAN = "harian", _("Setiap hari")
    MINGGUAN = "mingguan", _("Setiap minggu")
    BULANAN = "bulanan", _("Setiap bulan")
    TRIWULAN = "triwulan", _("Setiap 3 bulan")
    SEMESTER = "semester", _("Setiap 6 bulan")
    TAHUNAN = "tahunan", _("Setiap tahun")


class PerawatanPanduan(models.Model):
    """One line of the maintenance schedule."""

    panduan = models.ForeignKey(Panduan, on_delete=models.CASCADE, related_name="perawatan_set")
    frekuensi = models.CharField(_("kapan"), max_length=20, choices=Frekuensi.choices)
    kegiatan = models.CharField(_("kegiatan perawatan"), max_length=300)
    kegiatan_en = models.CharField(_("kegiatan perawatan (Inggris)"), max_length=300, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("jadwal perawatan")
        verbose_name_plural = _("jadwal perawatan")

    def __str__(self) -> str:
        return self.kegiatan


class MasalahPanduan(models.Model):
    """Troubleshooting: problem → cause → solution."""

    panduan = models.ForeignKey(Panduan, on_delete=models.CASCADE, related_name="masalah_set")
    masalah = models.CharField(_("masalah"), max_length=200)
    masalah_en = models.CharField(_("masalah (Inggris)"), max_length=200, blank=True)
    penyebab = models.CharField(_("penyebab"), max_length=300)
    penyebab_en = models.CharField(_("penyebab (Inggris)"), max_length=300, blank=True)
    solusi = models.CharField(_("solusi"), max_length=500)
    solusi_en = models.CharField(_("solusi (Inggris)"), max_length=500, blank=True)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("masalah dan solusi")
        verbose_name_plural = _("masalah dan solusi")

    def __str__(self) -> str:
        return self.masalah


class StatusAdopsi(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu persetujuan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


class AdopsiQuerySet(PosScopedQuerySet):
    def disetujui(self) -> "AdopsiQuerySet":
        return self.filter(status=StatusAdopsi.DISETUJUI)


class Adopsi(models.Model):
    """A UKM that uses a technology, recorded by an operator or reported by its owner.

    The business is identified by the post of its kecamatan and its name as recorded, and, when it
    is registered, by ``ukm`` (the UKM registry's row, picked from the post's registry by an
    operator or from their own businesses by an owner; ``nama_usaha`` is then copied from it).
    Rows written before the link were linked by (pos, name) in migration 0003; counts keep coming
    from these rows.
    Owners' reports wait for an operator of that post to approve them; operators' records are
    approved when written. Only approved rows count and show publicly.
    """

    teknologi = models.ForeignKey(Teknologi, on_delete=models.CASCADE, related_name="adopsi_set")
    pos = models.ForeignKey(
        Pos, on_delete=models.PROTECT, related_name="adopsi_teknologi", verbose_name=_("pos kecamatan")
    )
    nama_usaha = models.CharField(_("nama usaha"), max_length=150)
    ukm = models.ForeignKey(
        "ukm.Ukm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopsi_teknologi",
        verbose_name=_("UKM terdaftar"),
    )
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopsi_teknologi",
        verbose_name=_("pemilik UKM"),
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("dicatat oleh")
    )
    sejak = models.DateField(_("dipakai sejak"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("penilaian (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    catatan = models.TextField(_("ulasan atau catatan"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusAdopsi.choices, default=StatusAdopsi.MENUNGGU)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdopsiQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemakaian teknologi")
        verbose_name_plural = _("pemakaian teknologi")
        constraints = [
            models.UniqueConstraint(Lower("nama_usaha"), "teknologi", "pos", name="adopsi_unik_per_usaha"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="adopsi_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_usaha} — {self.teknologi}"

    @property
    def bintang(self) -> str:
        return "★" * (self.rating or 0) + "☆" * (5 - (self.rating or 0)) if self.rating else ""


class StatusKampanye(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    TERCAPAI = "tercapai", _("Target tercapai")
    DIPESAN = "dipesan", _("Sudah dipesan")
    DITERIMA = "diterima", _("Sudah diterima")
    BATAL = "batal", _("Batal")


class KampanyeQuerySet(PosScopedQuerySet):
    def published(self) -> "KampanyeQuerySet":
        """Campaigns the public sees: those for a published technology."""
        return self.filter(teknologi__status=StatusTeknologi.TERBIT)

    def terbuka(self) -> "KampanyeQuerySet":
        return self.filter(status=StatusKampanye.TERBUKA)


class KampanyeUrunBeli(models.Model):
    """An urun beli campaign: UKM pledge to buy a technology together, all or nothing.

    ``jumlah_terjanji`` is the sum of active pledges, kept by the pledge services under a row lock;
    the database refuses a total above the maximum.
    """

    teknologi = models.ForeignKey(
        Teknologi, on_delete=models.PROTECT, related_name="kampanye_set", verbose_name=_("teknologi")
    )
    pos = models.ForeignKey(
        Pos, on_delete=models.PROTECT, related_name="kampanye_urun_beli", verbose_name=_("pos penyelenggara")
    )
    judul = models.CharField(_("judul"), max_length=150)
    deskripsi = models.TextField(_("keterangan"), blank=True)
    harga_satuan = models.PositiveBigIntegerField(_("harga per unit (Rp)"), validators=[MinValueValidator(1)])
    target_jumlah = models.PositiveIntegerField(_("target jumlah unit"), validators=[MinValueValidator(1)])
    maksimum_jumlah = models.PositiveIntegerField(
        _("jumlah maksimum"), null=True, blank=True, help_text=_("Kosongkan bila tidak ada batas atas.")
    )
    batas_waktu = models.DateTimeField(_("batas waktu"))
    catatan_pengambilan = models.TextField(_("pengambilan atau pengiriman"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusKampanye.choices, default=StatusKampanye.TERBUKA
    )
    jumlah_terjanji = models.PositiveIntegerField(_("jumlah terjanji"), default=0, editable=False)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["jumlah_terjanji"])
    objects = KampanyeQuerySet.as_manager()

    class Meta:
        ordering = ["batas_waktu"]
        verbose_name = _("kampanye urun beli")
        verbose_name_plural = _("kampanye urun beli")
        constraints = [
            models.CheckConstraint(
                condition=Q(maksimum_jumlah__isnull=True) | Q(maksimum_jumlah__gte=models.F("target_jumlah")),
                name="kampanye_maksimum_ge_target",
            ),
            models.CheckConstraint(
                condition=Q(maksimum_jumlah__isnull=True) | Q(jumlah_terjanji__lte=models.F("maksimum_jumlah")),
                name="kampanye_tidak_lewat_maksimum",
            ),
        ]
        indexes = [models.Index(fields=["status", "batas_waktu"], name="kampanye_status_batas")]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("teknologi:kampanye-detail", kwargs={"pk": self.pk})

    @property
    def persen(self) -> int:
        """Progress towards the target, 0–100 (capped)."""
        if not self.target_jumlah:
            return 0
        return min(100, round(100 * self.jumlah_terjanji / self.target_jumlah))

    @property
    def sisa_target(self) -> int:
        return max(0, self.target_jumlah - self.jumlah_terjanji)

    @property
    def sisa_kuota(self) -> int | None:
        if self.maksimum_jumlah is None:
            return None
        return max(0, self.maksimum_jumlah - self.jumlah_terjanji)

    @property
    def lewat_batas(self) -> bool:
        return timezone.now() >= self.batas_waktu

    @property
    def status_kini(self) -> str:
        """The status as of now. An open campaign past its deadline is cancelled (all or nothing)
        even before the scheduled ``tutup_urun_beli`` has written it: pages show time passing from
        the data and never close anything themselves."""
        if self.status == StatusKampanye.TERBUKA and self.lewat_batas:
            return StatusKampanye.BATAL
        return self.status

    def get_status_kini_display(self) -> str:
        return StatusKampanye(self.status_kini).label

    @property
    def janji_dapat_diubah(self) -> bool:
        """An existing pledge can be changed or withdrawn (within the services' rules) while the
        campaign is open or reached and before the deadline — also when the quota is full."""
        return self.status in (StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI) and not self.lewat_batas

    @property
    def menerima_janji(self) -> bool:
        """Pledges are taken while the campaign is open or reached, before the deadline, below the maximum."""
        return (
            self.status in (StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI)
            and not self.lewat_batas
            and (self.sisa_kuota is None or self.sisa_kuota > 0)
        )


class StatusJanji(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    DITARIK = "ditarik", _("Ditarik")


class JanjiUrunBeli(models.Model):
    """A UKM owner's pledge to buy ``jumlah`` units if the campaign reaches its target."""

    kampanye = models.ForeignKey(KampanyeUrunBeli, on_delete=models.CASCADE, related_name="janji_set")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="janji_urun_beli")
    jumlah = models.PositiveIntegerField(_("jumlah unit"), validators=[MinValueValidator(1)])
    nama_usaha = models.CharField(_("nama usaha"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusJanji.choices, default=StatusJanji.AKTIF)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    ditarik_at = models.DateTimeField(null=True, blank=True)
    # When the pledger was e-mailed the campaign's outcome (reached or cancelled): each pledger gets
    # exactly one such e-mail, also one who pledges after the target was reached.
    kabar_hasil_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VersiQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("janji urun beli")
        verbose_name_plural = _("janji urun beli")
        constraints = [
            models.UniqueConstraint(
                fields=["kampanye", "pengguna"], condition=Q(status="aktif"), name="janji_satu_aktif_per_pengguna"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="janji_jumlah_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna} × {self.jumlah} — {self.kampanye}"

    @property
    def total_harga(self) -> int:
        return self.jumlah * self.kampanye.harga_satuan
