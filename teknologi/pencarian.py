"""Catalogue search: finds what people type, misspellings and all.

The service keeps two normalised texts on every technology (lower case, accents removed,
punctuation as spaces): ``cari_nama`` (name, English name, aliases) and ``cari_teks`` (those plus
summary and bidang). The query is normalised the same way, so case and accents never matter.

On PostgreSQL a technology matches when any of these holds (each backed by a GIN index, migration
0002):
- full-text: every word of the query is a word of the document (``to_tsvector('simple', ...)``);
- trigram: the query is similar to some stretch of the document (``cari_teks %> query``, pg_trgm's
  word similarity), which forgives typos and variants ("pemeras santen" → "Alat Pemeras Santan");
- prefix: every query word's first four letters begin a word of the document ("santen" → "santan").
Ranking adds the name's word similarity (weighted double), the document's, and the full-text rank,
so the technology whose *name* matches comes first.

Elsewhere (SQLite, the zero-set-up local default) a simpler fallback: every word must occur in the
document, or at least its first letters; name matches rank first.
"""

import re
import unicodedata

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
PREFIX_LENGTH = 4


def normalisasi(text: str) -> str:
    """"Alat Pémeras  SANTAN!" -> "alat pemeras santan"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def kata_kunci(query: str) -> list[str]:
    """The words of a query, normalised, at most MAX_WORDS of them."""
    return normalisasi(query[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


def dokumen_nama(*, nama: str, nama_en: str, alias: str) -> str:
    return normalisasi(" ".join([nama, nama_en, alias]))


def dokumen_teks(*, nama: str, nama_en: str, alias: str, ringkasan: str, ringkasan_en: str, bidang_label: str) -> str:
    return normalisasi(" ".join([nama, nama_en, alias, ringkasan, ringkasan_en, bidang_label]))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def vektor() -> SearchVector:
    """Exactly the expression of the functional GIN index in migration 0002."""
    return SearchVector("cari_teks", config="simple")


def cari(qs: QuerySet, query: str) -> QuerySet:
    """Filter ``qs`` to what matches ``query`` and annotate ``relevansi`` (higher is better)."""
    words = kata_kunci(query)
    if not words:
        return qs.annotate(relevansi=Value(0.0, output_field=FloatField()))
    text = " ".join(words)
    if is_postgres():
        return _cari_postgres(qs, words, text)
    return _cari_sederhana(qs, words)


def _cari_postgres(qs: QuerySet, words: list[str], text: str) -> QuerySet:
    exact = SearchQuery(" & ".join(words), config="simple", search_type="raw")
    prefixes = [w[:PREFIX_LENGTH] for w in words if len(w) >= PREFIX_LENGTH]
    match = Q(TrigramWordSimilar(F("cari_teks"), Value(text))) | Q(_ts_match(exact))
    if prefixes:
        match |= Q(_ts_match(SearchQuery(" & ".join(f"{p}:*" for p in prefixes), config="simple", search_type="raw")))
    return qs.filter(match).annotate(
        relevansi=(
            2 * TrigramWordSimilarity(Value(text), "cari_nama")
            + TrigramWordSimilarity(Value(text), "cari_teks")
            + Coalesce(SearchRank(vektor(), exact), Value(0.0), output_field=FloatField())
        )
    )


def _ts_match(query: SearchQuery):
    from django.contrib.postgres.search import SearchVectorExact

    return SearchVectorExact(vektor(), query)


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
    return qs.filter(match).annotate(relevansi=score)
