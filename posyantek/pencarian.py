"""Typo tolerance over a small candidate set, with RapidFuzz: shared by the post search, the TTG
catalogue and the operator's UKM search.

PostgreSQL answers typos in the database (pg_trgm). Where it is not there (SQLite, the zero-set-up
local default), and for the reference data that is small on every backend (44 kecamatan, 267
kelurahan), the caller loads a capped candidate set in one query and these functions pick from it
in memory. RapidFuzz computes the edit distances in C, so a few thousand candidates cost a few
milliseconds.

The rule people expect, "one or two typos": a query word matches a word of the candidate when it
is within ``batas_salah(word)`` edits (a letter missing, extra, wrong, or two swapped), of the
whole word or of its beginning ("ikn" → "ikan", "pengring" → "pengering", "santen" → "santan").
Every query word must match, as in the exact search.
"""

from collections.abc import Hashable, Iterable

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

# A suggestion ("maksud Anda: …") must be at least this similar (0–100, RapidFuzz's
# token_set_ratio: word order and extra words do not count against a name). Below it the closest
# names are noise ("qqqq" is not a misspelling of anything).
SARAN_MIN_SKOR = 60


def batas_salah(kata: str) -> int:
    """Edits tolerated in a query word: none below three letters (too many words are that close),
    one up to six letters, two from seven."""
    if len(kata) < 3:
        return 0
    return 1 if len(kata) <= 6 else 2


def kata_dekat(kata: str, kosakata: list[str]) -> dict[str, float]:
    """The words of ``kosakata`` within the typo budget of ``kata`` → closeness (1.0 exact, lower
    with each edit). A vocabulary word also matches when its beginning is close ("ikn" ~ "ika(n)")."""
    batas = batas_salah(kata)
    hasil: dict[str, float] = {}
    for kandidat, jarak, _i in process.extract(kata, kosakata, scorer=OSA.distance, score_cutoff=batas, limit=None):
        hasil[kandidat] = 1.0 - jarak / (len(kata) + 1)
    if batas:
        awalan = [w[: len(kata)] for w in kosakata]
        for _a, jarak, i in process.extract(kata, awalan, scorer=OSA.distance, score_cutoff=batas, limit=None):
            skor = 1.0 - (jarak + 0.5) / (len(kata) + 1)  # a whole-word match ranks above a prefix
            if skor > hasil.get(kosakata[i], -1.0):
                hasil[kosakata[i]] = skor
    return hasil


def cocokkan(kata_kueri: list[str], kandidat: Iterable[tuple[Hashable, str]]) -> dict[Hashable, float]:
    """Candidates (key, text of space-separated words) in which every query word has a close word;
    key → score (the mean closeness of the query words, 0–1)."""
    kandidat = list(kandidat)
    if not kata_kueri or not kandidat:
        return {}
    kata_per_kandidat = [(key, set(teks.split())) for key, teks in kandidat]
    kosakata = sorted(set().union(*(words for _key, words in kata_per_kandidat)))
    dekat = [kata_dekat(kata, kosakata) for kata in kata_kueri]
    if any(not d for d in dekat):
        return {}
    hasil = {}
    for key, words in kata_per_kandidat:
        skor = 0.0
        for d in dekat:
            terbaik = max((d[w] for w in words if w in d), default=None)
            if terbaik is None:
                break
            skor += terbaik
        else:
            hasil[key] = skor / len(dekat)
    return hasil


def saran(kueri: str, pilihan: dict[Hashable, str], *, jumlah: int = 3) -> list[Hashable]:
    """The keys of the ``jumlah`` texts most like ``kueri`` ("maksud Anda: …" when nothing matched),
    best first; none when nothing is near enough (``SARAN_MIN_SKOR``)."""
    if not kueri or not pilihan:
        return []
    found = process.extract(
        kueri,
        pilihan,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=SARAN_MIN_SKOR,
        limit=jumlah,
    )
    return [key for _teks, _skor, key in found]
