"""The ranking of a juried competition: pure functions over plain values, no database, no Django.

The formula, printed on every results page and in the berita acara (``templates/lomba/_rumus.html``):

1. **Rata-rata kriteria** — for each entry and criterion, the mean of the scores of the juri who
   scored it, rounded to 2 decimals (half up).
2. **Nilai ternormalisasi** — ``(rata-rata − skala min) ÷ (skala maks − skala min) × 100``, so that
   criteria on different scales weigh what their weights say.
3. **Nilai tahap** — ``Σ (bobot kriteria ÷ 100 × nilai ternormalisasi)`` over the stage's criteria,
   rounded to 2 decimals.
4. **Nilai akhir** — ``Σ (bobot tahap ÷ 100 × nilai tahap)``, rounded to 2 decimals.
5. **Urutan** — higher nilai akhir first; when equal, the higher score of the tie-break stage
   (e.g. Paparan); then the higher rata-rata of the tie-break criterion (e.g. Inovasi dan TTG);
   then, as the final deterministic rule, the entry's name A–Z (ignoring case), then its province,
   then its entry number.

Every step starts from the *rounded* value of the step before, so anyone can recompute the printed
numbers from the printed numbers. Entries with a criterion nobody scored are incomplete: they get no
total and come after every complete entry (finalising refuses such a competition anyway).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

DUA_DESIMAL = Decimal("0.01")
SERATUS = Decimal(100)

# Why an entry sits below the one above it when both have the same nilai akhir.
DIPUTUS_TAHAP = "tahap"
DIPUTUS_KRITERIA = "kriteria"
DIPUTUS_NAMA = "nama"


def bulat(value: Decimal) -> Decimal:
    """Round to 2 decimals, half up (the rounding people learn at school)."""
    return value.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Kriteria:
    id: int
    nama: str
    bobot: Decimal
    skala_min: Decimal = Decimal(0)
    skala_maks: Decimal = Decimal(100)


@dataclass(frozen=True)
class Tahap:
    id: int
    nama: str
    bobot: Decimal
    kriteria: tuple[Kriteria, ...]


@dataclass(frozen=True)
class Peserta:
    id: int
    nama: str
    provinsi: str = ""


@dataclass(frozen=True)
class Skor:
    juri_id: int
    peserta_id: int
    kriteria_id: int
    nilai: Decimal


@dataclass(frozen=True)
class AturanSeri:
    """The tie-break rules of a competition: a stage first, then a criterion (either may be absent)."""

    tahap_id: int | None = None
    kriteria_id: int | None = None


@dataclass
class Hasil:
    peserta: Peserta
    peringkat: int = 0
    total: Decimal | None = None
    per_tahap: dict[int, Decimal | None] = field(default_factory=dict)
    rata_kriteria: dict[int, Decimal | None] = field(default_factory=dict)
    jumlah_juri: dict[int, int] = field(default_factory=dict)
    lengkap: bool = True
    # Set when this entry has the same nilai akhir as the entry ranked just above it: which rule
    # put that one above (DIPUTUS_TAHAP, DIPUTUS_KRITERIA or DIPUTUS_NAMA).
    diputus_oleh: str = ""


def rata_rata(nilai: Sequence[Decimal]) -> Decimal | None:
    """Mean rounded to 2 decimals; None for no scores."""
    if not nilai:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return bulat(sum(nilai, Decimal(0)) / Decimal(len(nilai)))


def normalisasi(rata: Decimal, kriteria: Kriteria) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return (rata - kriteria.skala_min) / (kriteria.skala_maks - kriteria.skala_min) * SERATUS


def nilai_tahap(tahap: Tahap, rata_kriteria: dict[int, Decimal | None]) -> Decimal | None:
    """The stage score of one entry, or None when a criterion of the stage has no score."""
    total = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 28
        for kriteria in tahap.kriteria:
            rata = rata_kriteria.get(kriteria.id)
            if rata is None:
                return None
            total += kriteria.bobot / SERATUS * normalisasi(rata, kriteria)
    return bulat(total)


def nilai_akhir(tahap_list: Sequence[Tahap], per_tahap: dict[int, Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 28
        for tahap in tahap_list:
            score = per_tahap.get(tahap.id)
            if score is None:
                return None
            total += tahap.bobot / SERATUS * score
    return bulat(total)


def hitung_peringkat(
    *,
    tahap: Sequence[Tahap],
    peserta: Iterable[Peserta],
    skor: Iterable[Skor],
    aturan: AturanSeri = AturanSeri(),
) -> list[Hasil]:
    """Rank the entries. Returns one ``Hasil`` per entry, best first, ranks 1..n without gaps.

    Only the scores passed in count: the caller passes the scores of the juri assigned to the
    competition. Scores for unknown entries or criteria are ignored.
    """
    kriteria_ids = {k.id for t in tahap for k in t.kriteria}
    per_sel: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for s in skor:
        if s.kriteria_id in kriteria_ids:
            per_sel[(s.peserta_id, s.kriteria_id)].append(s.nilai)

    hasil: list[Hasil] = []
    for p in peserta:
        h = Hasil(peserta=p)
        for t in tahap:
            for k in t.kriteria:
                values = per_sel.get((p.id, k.id), [])
                h.rata_kriteria[k.id] = rata_rata(values)
                h.jumlah_juri[k.id] = len(values)
            h.per_tahap[t.id] = nilai_tahap(t, h.rata_kriteria)
        h.total = nilai_akhir(tahap, h.per_tahap) if tahap else None
        h.lengkap = h.total is not None
        hasil.append(h)

    def kunci(h: Hasil) -> tuple:
        minus = Decimal(-1)
        seri_tahap = h.per_tahap.get(aturan.tahap_id) if aturan.tahap_id is not None else None
        seri_kriteria = h.rata_kriteria.get(aturan.kriteria_id) if aturan.kriteria_id is not None else None
        return (
            0 if h.lengkap else 1,
            -(h.total if h.total is not None else minus),
            -(seri_tahap if seri_tahap is not None else minus),
            -(seri_kriteria if seri_kriteria is not None else minus),
            h.peserta.nama.casefold(),
            h.peserta.provinsi.casefold(),
            h.peserta.id,
        )

    hasil.sort(key=kunci)
    for index, h in enumerate(hasil):
        h.peringkat = index + 1
        if index and h.lengkap and hasil[index - 1].total == h.total:
            a, b = kunci(hasil[index - 1]), kunci(h)
            if a[2] != b[2]:
                h.diputus_oleh = DIPUTUS_TAHAP
            elif a[3] != b[3]:
                h.diputus_oleh = DIPUTUS_KRITERIA
            else:
                h.diputus_oleh = DIPUTUS_NAMA
    return hasil
