"""Reads of the Lomba for pages, with who may see what.

- The public sees announced competitions only, and only their stored result (ranks, awards, totals
  and stage scores) — never a juri's individual score.
- A juri sees the competitions and entries assigned to them, their own scores, and nobody else's
  until the competition is final.
- An operator sees their own post's entries; ranks and totals only once announced.
- The admin provinsi sees everything, including who has scored what.

Every function runs a fixed number of queries, whatever the number of entries or juri.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lomba import ranking
from lomba.models import (
    DokumenPeserta,
    JuriPos,
    Kriteria,
    Lomba,
    Nilai,
    PenugasanJuri,
    Peserta,
    Status,
    Tahap,
    Tingkat,
    judul_laporan_tahunan,
)
from posyantek.models import Kecamatan, OperatorPos, Pos, User, normalisasi_nama

# --- Conflict of interest and assignment ---------------------------------------------------------


def juri_terkait_pos_ids(*, juri: User) -> set[int]:
    """The posts a juri is tied to: recorded ties, and the posts they operate."""
    return set(JuriPos.objects.filter(juri=juri).values_list("pos_id", flat=True)) | set(
        OperatorPos.objects.filter(user=juri).values_list("pos_id", flat=True)
    )


def ikatan_juri(*, juri_ids) -> dict[int, set[int]]:
    """{juri id: tied post ids} for many juri in two queries."""
    ikatan: dict[int, set[int]] = defaultdict(set)
    juri_ids = list(juri_ids)
    for juri_id, pos_id in JuriPos.objects.filter(juri_id__in=juri_ids).values_list("juri_id", "pos_id"):
        ikatan[juri_id].add(pos_id)
    for juri_id, pos_id in OperatorPos.objects.filter(user_id__in=juri_ids).values_list("user_id", "pos_id"):
        ikatan[juri_id].add(pos_id)
    return ikatan


def ikatan_lomba(*, lomba: Lomba, juri_ids) -> dict[int, set[int]]:
    """The ties that decide which scores of ``lomba`` count: live ones while it is not final, and the
    ones frozen at finalising once it is (ties apply to competitions not yet final)."""
    if lomba.is_selesai and lomba.ikatan_final is not None:
        juri_ids = set(juri_ids)
        ikatan: dict[int, set[int]] = defaultdict(set)
        for juri_id, pos_id in lomba.ikatan_final:
            if juri_id in juri_ids:
                ikatan[juri_id].add(pos_id)
        return ikatan
    return ikatan_juri(juri_ids=juri_ids)


def penugasan_mencakup(*, penugasan: PenugasanJuri, peserta: Peserta) -> bool:
    """Whether the assignment covers the entry (an assignment without a subset covers all)."""
    ids = {p.pk for p in penugasan.peserta.all()}
    return peserta.lomba_id == penugasan.lomba_id and (not ids or peserta.pk in ids)


def penugasan_untuk(*, lomba: Lomba, pengguna: User) -> PenugasanJuri | None:
    return lomba.penugasan_set.filter(juri=pengguna).prefetch_related("peserta").first()


@dataclass
class PesertaJuri:
    peserta: Peserta
    konflik: bool
    dinilai: int
    jumlah_kriteria: int

    @property
    def selesai(self) -> bool:
        return not self.konflik and self.jumlah_kriteria and self.dinilai >= self.jumlah_kriteria


def peserta_untuk_juri(*, lomba: Lomba, penugasan: PenugasanJuri) -> list[PesertaJuri]:
    """The entries a juri is to score, with their own progress; tied posts marked as conflicts."""
    subset = {p.pk for p in penugasan.peserta.all()}
    qs = lomba.peserta_set.with_relasi().order_by("pos__kecamatan__kode", "nama_luar", "pk")
    if subset:
        qs = qs.filter(pk__in=subset)
    terkait = ikatan_lomba(lomba=lomba, juri_ids=[penugasan.juri_id]).get(penugasan.juri_id, set())
    jumlah_kriteria = Kriteria.objects.filter(tahap__lomba=lomba).count()
    dinilai = dict(
        Nilai.objects.filter(juri=penugasan.juri, peserta__lomba=lomba)
        .values("peserta_id")
        .annotate(n=Count("pk"))
        .values_list("peserta_id", "n")
    )
    return [
        PesertaJuri(
            peserta=p,
            konflik=bool(p.pos_id and p.pos_id in terkait),
            dinilai=dinilai.get(p.pk, 0),
            jumlah_kriteria=jumlah_kriteria,
        )
        for p in qs
    ]


# --- Lists ----------------------------------------------------------------------------------------


def _jumlah(model, field_name: str = "lomba", **filters) -> Coalesce:
    sub = (
        model.objects.filter(**{field_name: OuterRef("pk")}, **filters)
        .order_by()
        .values(field_name)
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def lomba_list_kelola(
    *, pengguna: User, tahun: int | None = None, status: str = "", tingkat: str = ""
) -> QuerySet[Lomba]:
    """The competitions of the /kelola/lomba/ list: all for an admin, the assigned ones for a juri."""
    qs = (
        Lomba.objects.for_user(pengguna)
        .select_related("kota")
        .annotate(jumlah_peserta=_jumlah(Peserta), jumlah_juri=_jumlah(PenugasanJuri))
        .order_by("-tahun", "tingkat", "kategori", "pk")
    )
    if getattr(pengguna, "is_juri", False):
        qs = qs.annotate(nilai_saya=_jumlah(Nilai, "peserta__lomba", juri=pengguna))
    if tahun:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    if tingkat:
        qs = qs.filter(tingkat=tingkat)
    return qs


def lomba_list_publik() -> QuerySet[Lomba]:
    """Announced competitions, newest first, each with its top three (two queries)."""
    return (
        Lomba.objects.published()
        .select_related("kota")
        .annotate(jumlah_peserta=_jumlah(Peserta))
        .prefetch_related(
            Prefetch(
                "peserta_set",
                queryset=Peserta.objects.filter(peringkat__lte=3).with_relasi().order_by("peringkat"),
                to_attr="juara",
            )
        )
        .order_by("-tahun", "-tingkat", "kategori", "pk")
    )


def lomba_detail_publik() -> QuerySet[Lomba]:
    return (
        Lomba.objects.published()
        .select_related("kota", "seri_tahap", "seri_kriteria", "seri_kriteria__tahap")
        .annotate(jumlah_juri=_jumlah(PenugasanJuri))
    )


def hasil_tersimpan(*, lomba: Lomba) -> QuerySet[Peserta]:
    """The frozen result: entries in rank order (unranked last)."""
    return lomba.peserta_set.with_relasi().order_by(F("peringkat").asc(nulls_last=True), "pk")


# --- Computing a ranking from the scores -----------------------------------------------------------


@dataclass
class BarisHasil:
    peserta: Peserta
    peringkat: int
    total: Decimal | None
    per_tahap: list[Decimal | None]
    per_kriteria: list[Decimal | None]
    jumlah_juri: list[int]
    lengkap: bool
    diputus_oleh: str

    @property
    def penghargaan(self) -> str:
        from lomba.models import PENGHARGAAN_PERINGKAT

        award = PENGHARGAAN_PERINGKAT.get(self.peringkat) if self.lengkap else None
        return award.label if award else ""


@dataclass
class HasilLomba:
    lomba: Lomba
    tahap_list: list[Tahap]
    kriteria_list: list[Kriteria]
    baris: list[BarisHasil]
    mentah: list[ranking.Hasil]
    jumlah_skor: int

    @property
    def by_peserta(self) -> dict[int, BarisHasil]:
        return {b.peserta.pk: b for b in self.baris}

    def sama_dengan_tersimpan(self) -> bool:
        """Whether the stored (frozen) ranks and totals equal a fresh computation from the scores."""
        return all(b.peserta.peringkat == b.peringkat and b.peserta.nilai_akhir == b.total for b in self.baris)


def skor_lomba(*, lomba: Lomba) -> list[ranking.Skor]:
    """The scores that count: from assigned juri, for entries their assignment covers, and never
    from a juri tied to the entry's post (a tie recorded after scoring voids those scores)."""
    penugasan = list(lomba.penugasan_set.prefetch_related("peserta"))
    cakupan = {p.juri_id: {x.pk for x in p.peserta.all()} for p in penugasan}
    ikatan = ikatan_lomba(lomba=lomba, juri_ids=cakupan)
    rows = Nilai.objects.filter(peserta__lomba=lomba, juri_id__in=list(cakupan)).values_list(
        "juri_id", "peserta_id", "peserta__pos_id", "kriteria_id", "nilai"
    )
    skor = []
    for juri_id, peserta_id, pos_id, kriteria_id, nilai in rows:
        subset = cakupan[juri_id]
        if subset and peserta_id not in subset:
            continue
        if pos_id and pos_id in ikatan.get(juri_id, ()):
            continue
        skor.append(ranking.Skor(juri_id=juri_id, peserta_id=peserta_id, kriteria_id=kriteria_id, nilai=nilai))
    return skor


def spesifikasi(*, tahap_list: list[Tahap]) -> list[ranking.Tahap]:
    return [
        ranking.Tahap(
            id=t.pk,
            nama=t.nama,
            bobot=t.bobot,
            kriteria=tuple(
                ranking.Kriteria(id=k.pk, nama=k.nama, bobot=k.bobot, skala_min=k.skala_min, skala_maks=k.skala_maks)
                for k in t.kriteria_set.all()
            ),
        )
        for t in tahap_list
    ]


def hasil_lomba(*, lomba: Lomba) -> HasilLomba:
    """Compute the ranking from the scores (provisional while scoring, a check once final)."""
    tahap_list = list(lomba.tahap_set.prefetch_related("kriteria_set"))
    kriteria_list = [k for t in tahap_list for k in t.kriteria_set.all()]
    peserta = {p.pk: p for p in lomba.peserta_set.with_relasi()}
    skor = skor_lomba(lomba=lomba)
    mentah = ranking.hitung_peringkat(
        tahap=spesifikasi(tahap_list=tahap_list),
        peserta=[ranking.Peserta(id=p.pk, nama=p.nama, provinsi=p.provinsi_luar) for p in peserta.values()],
        skor=skor,
        aturan=ranking.AturanSeri(tahap_id=lomba.seri_tahap_id, kriteria_id=lomba.seri_kriteria_id),
    )
    baris = [
        BarisHasil(
            peserta=peserta[h.peserta.id],
            peringkat=h.peringkat,
            total=h.total,
            per_tahap=[h.per_tahap.get(t.pk) for t in tahap_list],
            per_kriteria=[h.rata_kriteria.get(k.pk) for k in kriteria_list],
            jumlah_juri=[h.jumlah_juri.get(k.pk, 0) for k in kriteria_list],
            lengkap=h.lengkap,
            diputus_oleh=h.diputus_oleh,
        )
        for h in mentah
    ]
    return HasilLomba(
        lomba=lomba,
        tahap_list=tahap_list,
        kriteria_list=kriteria_list,
        baris=baris,
        mentah=mentah,
        jumlah_skor=len(skor),
    )


def baris_tampil(*, lomba: Lomba, hasil: HasilLomba | None) -> list[BarisHasil]:
    """The rows a results page shows. Once final: the stored (frozen) ranks, totals and stage scores,
    with the criterion means of the recomputation beside them; while scoring: the provisional
    computation. An imported national result has ranks and totals only."""
    if not lomba.is_selesai:
        return hasil.baris if hasil else []
    tahap_list = hasil.tahap_list if hasil else []
    kriteria_list = hasil.kriteria_list if hasil else []
    dihitung = hasil.by_peserta if hasil else {}
    rows = []
    for p in hasil_tersimpan(lomba=lomba):
        calc = dihitung.get(p.pk)
        rows.append(
            BarisHasil(
                peserta=p,
                peringkat=p.peringkat or 0,
                total=p.nilai_akhir,
                per_tahap=p.nilai_tahap_list(tahap_list),
                per_kriteria=calc.per_kriteria if calc else [None] * len(kriteria_list),
                jumlah_juri=calc.jumlah_juri if calc else [0] * len(kriteria_list),
                lengkap=p.peringkat is not None,
                diputus_oleh=p.alasan_seri,
            )
        )
    return rows


# --- Who has scored what ---------------------------------------------------------------------------

SEL_SELESAI = "selesai"
SEL_SEBAGIAN = "sebagian"
SEL_BELUM = "belum"
SEL_KONFLIK = "konflik"
SEL_TIDAK = "tidak"  # not assigned to this juri


@dataclass
class SelMatriks:
    peserta: Peserta
    status: str
    dinilai: int = 0


@dataclass
class BarisMatriks:
    penugasan: PenugasanJuri
    sel: list[SelMatriks] = field(default_factory=list)

    @property
    def juri(self) -> User:
        return self.penugasan.juri

    @property
    def diharapkan(self) -> int:
        return sum(1 for s in self.sel if s.status in (SEL_SELESAI, SEL_SEBAGIAN, SEL_BELUM))

    @property
    def selesai(self) -> int:
        return sum(1 for s in self.sel if s.status == SEL_SELESAI)

    @property
    def kurang_peserta(self) -> int:
        return self.diharapkan - self.selesai


@dataclass
class Matriks:
    peserta_list: list[Peserta]
    baris: list[BarisMatriks]
    jumlah_kriteria: int

    @property
    def lengkap(self) -> bool:
        return bool(self.baris) and all(b.kurang_peserta == 0 for b in self.baris)

    @property
    def persen(self) -> int:
        diharapkan = sum(b.diharapkan for b in self.baris)
        return round(100 * sum(b.selesai for b in self.baris) / diharapkan) if diharapkan else 0


def matriks_penilaian(*, lomba: Lomba) -> Matriks:
    """Juri × entries: for each cell, whether the juri has scored every criterion (admin only)."""
    peserta_list = list(lomba.peserta_set.with_relasi().order_by("pos__kecamatan__kode", "nama_luar", "pk"))
    penugasan = list(lomba.penugasan_set.select_related("juri").prefetch_related("peserta"))
    ikatan = ikatan_lomba(lomba=lomba, juri_ids=[p.juri_id for p in penugasan])
    jumlah_kriteria = Kriteria.objects.filter(tahap__lomba=lomba).count()
    counts = {
        (juri_id, peserta_id): n
        for juri_id, peserta_id, n in Nilai.objects.filter(peserta__lomba=lomba)
        .values("juri_id", "peserta_id")
        .annotate(n=Count("pk"))
        .values_list("juri_id", "peserta_id", "n")
    }
    baris = []
    for tugas in penugasan:
        subset = {p.pk for p in tugas.peserta.all()}
        row = BarisMatriks(penugasan=tugas)
        for p in peserta_list:
            if subset and p.pk not in subset:
                row.sel.append(SelMatriks(p, SEL_TIDAK))
            elif p.pos_id and p.pos_id in ikatan.get(tugas.juri_id, ()):
                row.sel.append(SelMatriks(p, SEL_KONFLIK))
            else:
                n = counts.get((tugas.juri_id, p.pk), 0)
                status = SEL_SELESAI if jumlah_kriteria and n >= jumlah_kriteria else (SEL_SEBAGIAN if n else SEL_BELUM)
                row.sel.append(SelMatriks(p, status, n))
        baris.append(row)
    return Matriks(peserta_list=peserta_list, baris=baris, jumlah_kriteria=jumlah_kriteria)


def nilai_peserta(*, peserta: Peserta, juri: User | None = None) -> QuerySet[Nilai]:
    """Scores of one entry; of one juri only when ``juri`` is given (what a juri sees before final)."""
    qs = peserta.nilai_set.select_related("juri", "kriteria", "kriteria__tahap").order_by(
        "kriteria__tahap__urutan", "kriteria__urutan", "kriteria_id", "juri__nama", "juri_id"
    )
    return qs.filter(juri=juri) if juri is not None else qs


@dataclass
class MatriksNilaiPeserta:
    """One entry's scores as a table: a column per juri (in the order of the scores), a row per
    criterion of every stage ``(tahap, kriteria, [score of each juri or None])``."""

    juri_list: list[User]
    baris: list[tuple]


def nilai_peserta_matriks(*, peserta: Peserta, juri: User | None = None) -> MatriksNilaiPeserta:
    """The score table of an entry's page; of one juri only when ``juri`` is given (what a juri sees
    before final). Three queries whatever the number of juri and criteria."""
    nilai = list(nilai_peserta(peserta=peserta, juri=juri))
    juri_list: list[User] = []
    for n in nilai:
        if n.juri not in juri_list:
            juri_list.append(n.juri)
    sel = {(n.kriteria_id, n.juri_id): n.nilai for n in nilai}
    tahap_list = peserta.lomba.tahap_set.prefetch_related("kriteria_set")
    baris = [(t, k, [sel.get((k.pk, j.pk)) for j in juri_list]) for t in tahap_list for k in t.kriteria_set.all()]
    return MatriksNilaiPeserta(juri_list=juri_list, baris=baris)


def riwayat_nilai(*, peserta: Peserta) -> QuerySet:
    """Every change of every score of an entry (admin only): who, when, what."""
    return (
        Nilai.history.filter(peserta_id=peserta.pk)
        .select_related("history_user", "juri", "kriteria")
        .order_by("-history_date", "-history_id")
    )


# --- Rankings across years -------------------------------------------------------------------------


def tahun_list() -> list[int]:
    return list(Lomba.objects.selesai().order_by("-tahun").values_list("tahun", flat=True).distinct())


def lomba_peringkat_tahun(*, tahun: int) -> QuerySet[Lomba]:
    """Finished competitions of a year (kota, provinsi, nasional) with stages and entries in rank order."""
    return (
        Lomba.objects.selesai()
        .filter(tahun=tahun)
        .select_related("kota", "seri_tahap", "seri_kriteria")
        .prefetch_related(
            "tahap_set",
            Prefetch("peserta_set", queryset=Peserta.objects.with_relasi(), to_attr="peserta_urut"),
        )
        .order_by("-tingkat", "kategori", "kota__kode", "pk")
    )


@dataclass
class RiwayatNasional:
    tahun: int
    lomba: Lomba
    terbaik: Peserta | None
    jumlah_peserta: int
    peserta_dki: list[Peserta]


def riwayat_nasional_dki() -> list[RiwayatNasional]:
    """For every finished national competition: Jakarta's entries and its best rank (two queries)."""
    lomba_list = list(
        Lomba.objects.selesai()
        .filter(tingkat=Tingkat.NASIONAL)
        .annotate(jumlah_peserta=_jumlah(Peserta))
        .order_by("tahun", "kategori", "pk")
    )
    dki: dict[int, list[Peserta]] = defaultdict(list)
    for p in Peserta.objects.filter(lomba__in=lomba_list, dari_dki=True).with_relasi().order_by("peringkat", "pk"):
        dki[p.lomba_id].append(p)
    rows = []
    for lomba in lomba_list:
        ranked = [p for p in dki[lomba.pk] if p.peringkat]
        rows.append(
            RiwayatNasional(
                tahun=lomba.tahun,
                lomba=lomba,
                terbaik=ranked[0] if ranked else None,
                jumlah_peserta=lomba.jumlah_peserta,
                peserta_dki=dki[lomba.pk],
            )
        )
    return rows


# --- The import's post matching --------------------------------------------------------------------

_AWALAN = ("posyantekkecamatan", "posyantekkec", "posyantek", "poskecamatan", "kecamatan", "kec")


def pos_cocokkan_nama() -> Callable[[str], int | None]:
    """A matcher from an entrant's name as a committee writes it ("Posyantek Kec. Gambir",
    "Kecamatan Pal Merah") to the id of the post of that kecamatan (one query)."""
    by_key: dict[str, int] = {}
    for kec in Kecamatan.objects.select_related("pos"):
        pos = getattr(kec, "pos", None)
        if pos is None:
            continue
        for key in kec.kunci:
            by_key[key] = pos.pk
        by_key[normalisasi_nama(pos.nama)] = pos.pk
    kota_suffixes = [
        normalisasi_nama(k)
        for k in (
            "Jakarta Pusat",
            "Jakarta Utara",
            "Jakarta Barat",
            "Jakarta Selatan",
            "Jakarta Timur",
            "Kepulauan Seribu",
            "DKI Jakarta",
            "Jakarta",
        )
    ]

    def cocok(nama: str) -> int | None:
        key = normalisasi_nama(nama)
        if key in by_key:
            return by_key[key]
        for prefix in _AWALAN:
            if key.startswith(prefix) and key[len(prefix) :] in by_key:
                return by_key[key[len(prefix) :]]
        for suffix in kota_suffixes:
            if key.endswith(suffix):
                inner = key[: -len(suffix)]
                for prefix in ("", *_AWALAN):
                    if inner.startswith(prefix) and inner[len(prefix) :] in by_key:
                        return by_key[inner[len(prefix) :]]
        return None

    return cocok


# --- Overview and sections on the foundation's pages -----------------------------------------------


def lomba_jumlah_status() -> dict[str, int]:
    return dict(Lomba.objects.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))


def lomba_provinsi_terakhir() -> Lomba | None:
    """The latest finished provincial competition, with its top five."""
    return (
        Lomba.objects.selesai()
        .filter(tingkat=Tingkat.PROVINSI)
        .prefetch_related(
            Prefetch("peserta_set", queryset=Peserta.objects.filter(peringkat__lte=5).with_relasi(), to_attr="teratas")
        )
        .order_by("-tahun", "-difinalkan_at", "-pk")
        .first()
    )


def peserta_pos(*, pos: Pos) -> QuerySet[Peserta]:
    """A post's entries across years, newest first (its operators' list)."""
    return (
        Peserta.objects.for_pos(pos)
        .select_related("lomba")
        .annotate(jumlah_dokumen=Count("dokumen_set"))
        .order_by("-lomba__tahun", "lomba__tingkat", "pk")
    )


def penghargaan_pos(*, pos: Pos) -> QuerySet[Peserta]:
    """A post's awards in announced competitions (public)."""
    return (
        Peserta.objects.for_pos(pos)
        .filter(lomba__status=Status.DIUMUMKAN)
        .filter(Q(peringkat__lte=6) | Q(is_favorit=True))
        .select_related("lomba")
        .order_by("-lomba__tahun", "peringkat")
    )


def lomba_terbaru_publik() -> QuerySet[Lomba]:
    """The newest announced result for the home page: the latest year, provincial before national."""
    return lomba_list_publik()[:1]


def peserta_laporan(*, pos, tahun_list) -> list[Peserta]:
    """The post's entries in competitions of ``tahun_list`` not yet final, each with ``laporan``: its
    attached yearly report or None (two queries)."""
    daftar = list(
        Peserta.objects.for_pos(pos)
        .filter(lomba__tahun__in=tahun_list)
        .exclude(lomba__status__in=[Status.FINAL, Status.DIUMUMKAN])
        .select_related("lomba")
        .order_by("lomba__tahun", "lomba__nama", "pk")
    )
    judul = {judul_laporan_tahunan(p.lomba.tahun) for p in daftar}
    lampiran = {}
    for d in DokumenPeserta.objects.filter(peserta__in=daftar, judul__in=judul).order_by("pk"):
        lampiran[d.peserta_id] = d
    for p in daftar:
        p.laporan = lampiran.get(p.pk)
    return daftar
