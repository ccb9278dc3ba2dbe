"""Catalogue search: finds what people type, misspellings and all.

The service keeps normalised texts on every technology (lower case, accents removed, punctuation
as spaces): ``cari_nama`` (name, English name, aliases), ``cari_teks`` (those plus summary and
bidang) and, on PostgreSQL, ``cari_vector``, the full-text vector of ``cari_teks`` ('simple'
configuration: no stemming, Indonesian words stay as typed). The query is normalised the same way,
so case and accents never matter.

On PostgreSQL a technology matches when any of these holds (each backed by a GIN index, migration
0002):
- full-text: every word of the query is a word of the document;
- prefix: every query word's first four letters begin a word of the document ("santen" → "santan");
- trigram: the query is similar to some stretch of the name or its aliases (``cari_nama %> query``,
  pg_trgm's word similarity), which forgives typos ("pemeras santen", "pengring ikan"). Only the
  short name document is compared by trigram, and only for queries of five letters or more: that
  is what people type, and it keeps a broad query over thousands of technologies fast.
Ranking adds twice the name's word similarity and the full-text rank, so the technology whose
*name* matches comes first.

Elsewhere (SQLite, the zero-set-up local default) a simpler fallback: every word must occur in the
document, or at least its first letters; name matches rank first. Typos are forgiven there too, in
memory: for queries of five letters or more the name documents of the candidates are loaded in one
query (at most ``KANDIDAT_MAKS``) and RapidFuzz finds those in which every query word is within one
or two edits of a word (``posyantek.pencarian``), so "pengering ikn" finds *Pengering Ikan Tenaga
Surya* on both backends.

When nothing matches, ``saran`` offers the closest names ("maksud Anda: …"), on both backends.
"""

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from posyantek import pencarian as mirip
from posyantek.teks import normalisasi_teks

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
PREFIX_LENGTH = 4
# A short query ("ikan", "alat") is matched by full text and prefix only: as a trigram it would be
# compared with nearly every name, which costs much and finds nothing more.
TRIGRAM_MIN_LENGTH = 5
# The typo-tolerant fallback (SQLite) and the suggestions read the names of at most this many
# technologies, newest first, in one query. DKI's curated catalogue holds a few hundred; 5,000
# names (~60 bytes each) are read and compared in a few milliseconds, and the cap keeps a runaway
# table from making every search read all of it. Beyond the cap the exact search still finds every
# row; only the typo tolerance and the suggestions look at the newest 5,000.
KANDIDAT_MAKS = 5000
# At most this many typo matches are handed back to the database as ``pk IN (…)``.
MIRIP_MAKS = 200


def kata_kunci(query: str) -> list[str]:
    """The words of a query, normalised, at most MAX_WORDS of them."""
    return normalisasi_teks(query[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


def dokumen_nama(*, nama: str, nama_en: str, alias: str) -> str:
    return normalisasi_teks(" ".join([nama, nama_en, alias]))


def dokumen_teks(*, nama: str, nama_en: str, alias: str, ringkasan: str, ringkasan_en: str, bidang_label: str) -> str:
    return normalisasi_teks(" ".join([nama, nama_en, alias, ringkasan, ringkasan_en, bidang_label]))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def perbarui_vektor(qs: QuerySet) -> None:
    """Recompute the full-text vector of these rows from their ``cari_teks`` (PostgreSQL only)."""
    if is_postgres():
        qs.update(cari_vector=SearchVector("cari_teks", config="simple"))


def cari(qs: QuerySet, query: str) -> QuerySet:
    """Filter ``qs`` to what matches ``query`` and annotate ``relevansi`` (higher is better)."""
    words = kata_kunci(query)
    if not words:
        return qs.annotate(relevansi=Value(0.0, output_field=FloatField()))
    if is_postgres():
        return _cari_postgres(qs, words)
    return _cari_sederhana(qs, words)


def _cari_postgres(qs: QuerySet, words: list[str]) -> QuerySet:
    text = " ".join(words)
    exact = SearchQuery(" & ".join(words), config="simple", search_type="raw")
    match = Q(cari_vector=exact)
    if len(text) >= TRIGRAM_MIN_LENGTH:
        match |= Q(TrigramWordSimilar(F("cari_nama"), Value(text)))
    prefixes = [w[:PREFIX_LENGTH] for w in words if len(w) >= PREFIX_LENGTH]
    if prefixes:
        match |= Q(cari_vector=SearchQuery(" & ".join(f"{p}:*" for p in prefixes), config="simple", search_type="raw"))
    return qs.filter(match).annotate(
        relevansi=(
            2 * TrigramWordSimilarity(Value(text), "cari_nama")
            + Coalesce(SearchRank(F("cari_vector"), exact), Value(0.0), output_field=FloatField())
        )
    )


def _cari_sederhana(qs: QuerySet, words: list[str]) -> QuerySet:
    match = Q()
    score = Value(0)
    for word in words:
        stem = word[: max(PREFIX_LENGTH, len(word) - 2)]
        match &= Q(cari_teks__contains=word) | Q(cari_teks__contains=stem)
        # Each word found in the name counts double; found only in the summary counts once.
        score = score + Case(
            When(cari_nama__contains=word, then=Value(2)),
            When(cari_teks__contains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if len(" ".join(words)) >= TRIGRAM_MIN_LENGTH:
        kandidat = qs.order_by("-pk").values_list("pk", "cari_nama")[:KANDIDAT_MAKS]
        dekat = mirip.cocokkan(words, kandidat)
        if dekat:
            ids = sorted(dekat, key=lambda pk: -dekat[pk])[:MIRIP_MAKS]
            match |= Q(pk__in=ids)
            score = score + Case(When(pk__in=ids, then=Value(1)), default=Value(0), output_field=IntegerField())
    return qs.filter(match).annotate(relevansi=score)


def saran(qs: QuerySet, query: str, *, jumlah: int = 3) -> list[str]:
    """The names of ``qs`` closest to ``query``, for "maksud Anda: …" when nothing matched: one
    query of at most ``KANDIDAT_MAKS`` names, compared by RapidFuzz on every backend."""
    text = " ".join(kata_kunci(query))
    if not text:
        return []
    nama = dict(qs.order_by("-pk").values_list("pk", "nama")[:KANDIDAT_MAKS])
    return [nama[pk] for pk in mirip.saran(text, nama, jumlah=jumlah)]
