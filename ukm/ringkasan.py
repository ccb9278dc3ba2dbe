"""The registry's counts, kept beside it: what the overviews, the home page and the map read instead
of scanning a million businesses.

``RingkasanUkm`` holds, per post, one row per (dimension, key): how many businesses it has by status,
how many of its active ones are verified and published, and its active ones by class, bidang,
Jakpreneur stage and kelurahan, and every business by the month it was registered. That is about a
hundred rows per post whatever the registry's size; the province is the sum of the 44 posts' rows.

Why rows kept by the writer, and not a materialized view:
- **One post's write recomputes one post.** A materialized view is refreshed whole: a write in
  Gambir would recount Tambora. Here a write recounts only its own post's businesses (one grouped
  query through the ``pos`` index, ~20k rows at national size) and replaces that post's rows.
- **Never out of step.** The recount runs in the writing transaction, after the write: readers see
  the new businesses and the new counts in the same commit, never one without the other, and tests
  (which never commit) see them too. The post's row is locked first, so two writers of one post
  recount one after the other instead of inserting the same keys twice.
- **Every write path.** ``save()`` and ``delete()`` through signals (a business moved to another
  kecamatan recounts both posts), ``update()``, ``bulk_create()`` and ``bulk_update()`` through
  ``UkmQuerySet`` (the import); raw SQL and ``COPY`` (``seed_scale``) call :func:`hitung_ulang`
  themselves, and ``manage.py ringkasan_bangun`` rebuilds every post (after a restore, say).
  A loop of writes (``ukm_reindeks``) runs inside :func:`tunda` and recounts once, at its end.

A recount is a plain recount, not a delta: it cannot drift, whatever happened before.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BooleanField as _Bool
from django.db.models import Count, ExpressionWrapper, Q, Sum
from django.db.models.functions import TruncMonth


class Dimensi:
    """What a row of ``RingkasanUkm`` counts (``kunci`` is the value counted)."""

    STATUS = "status"  # every business, by status
    TERVERIFIKASI = "verif"  # active and verified (kunci "")
    PUBLIK = "publik"  # in the public directory (kunci "")
    KELAS = "kelas"  # active, by class
    BIDANG = "bidang"  # active, by bidang
    TAHAP = "tahap"  # active, by Jakpreneur stage
    KELURAHAN = "kelurahan"  # active, by kelurahan id
    BULAN = "bulan"  # every business, by the month it was registered ("YYYY-MM", Jakarta time)


#: the fields whose change moves a count (an ``update()`` touching none of them recounts nothing)
FIELDS = frozenset(
    {"status", "verified_at", "tampil_publik", "kelas", "bidang", "tahap_jakpreneur", "kelurahan", "pos", "created_at"}
)


_tertunda = threading.local()


def tandai(pos_ids: Iterable[int]) -> None:
    """The registry of these posts was written: recount them now, or at the end of :func:`tunda`."""
    ditunda = getattr(_tertunda, "ids", None)
    if ditunda is None:
        hitung_ulang(pos_ids)
    else:
        ditunda.update(pk for pk in pos_ids if pk is not None)


@contextmanager
def tunda():
    """Writes inside the block recount their posts once, when it ends."""
    if getattr(_tertunda, "ids", None) is not None:  # already inside one: the outer one recounts
        yield
        return
    _tertunda.ids = ids = set()
    try:
        yield
    except BaseException:
        _tertunda.ids = None
        # Outside a transaction the writes before the error are kept: count them. Inside one they
        # roll back with it, and so would the recount.
        if ids and not connection.in_atomic_block:
            hitung_ulang(ids)
        raise
    _tertunda.ids = None
    hitung_ulang(ids)


@contextmanager
def massal():
    """Inside ``bulk_update()``: its own ``update()`` calls leave the counting to it."""
    sebelumnya = getattr(_tertunda, "massal", False)
    _tertunda.massal = True
    try:
        yield
    finally:
        _tertunda.massal = sebelumnya


def dalam_massal() -> bool:
    return getattr(_tertunda, "massal", False)


def hitung(ukm_qs) -> dict[int, Counter]:
    """post id → (dimension, key) → count, for the businesses of ``ukm_qs`` (one grouped query).

    One query, not one per dimension: a post's rows lie scattered over the table, so reading them
    costs the same ~80 ms of heap pages for every query at national size; seven queries measured
    ~800 ms a recount, this one ~170 ms (Gambir, 22,578 businesses of 1,000,000)."""
    grouped = (
        ukm_qs.order_by()
        .annotate(
            _verif=ExpressionWrapper(Q(verified_at__isnull=False), output_field=_Bool()),
            _bulan=TruncMonth("created_at"),
        )
        .values_list(
            "pos_id",
            "status",
            "_verif",
            "tampil_publik",
            "kelas",
            "bidang",
            "tahap_jakpreneur",
            "kelurahan_id",
            "_bulan",
        )
        .annotate(n=Count("pk"))
    )
    hasil: dict[int, Counter] = {}
    for pos_id, status, verif, publik, kelas, bidang, tahap, kelurahan_id, bulan, n in grouped:
        pos = hasil.setdefault(pos_id, Counter())
        pos[(Dimensi.STATUS, status)] += n
        if bulan is not None:
            pos[(Dimensi.BULAN, bulan.strftime("%Y-%m"))] += n
        if status != "aktif":
            continue
        pos[(Dimensi.KELAS, kelas)] += n
        pos[(Dimensi.BIDANG, bidang)] += n
        pos[(Dimensi.TAHAP, tahap)] += n
        pos[(Dimensi.KELURAHAN, str(kelurahan_id))] += n
        if verif:
            pos[(Dimensi.TERVERIFIKASI, "")] += n
            if publik:
                pos[(Dimensi.PUBLIK, "")] += n
    return hasil


def hitung_ulang(pos_ids: Iterable[int], *, ukm_model=None, ringkasan_model=None, pos_model=None) -> None:
    """Recount the given posts' businesses and replace their rows, in the current transaction: a
    fixed number of queries, however many posts and rows.

    The models can be passed in for a migration (its historical models)."""
    from posyantek.models import Pos

    from .models import RingkasanUkm, Ukm

    ukm_model = ukm_model or Ukm
    ringkasan_model = ringkasan_model or RingkasanUkm
    pos_model = pos_model or Pos
    ids = sorted({int(pk) for pk in pos_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        # Lock the posts (in id order: two writers never wait on each other crosswise).
        list(pos_model._default_manager.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        per_pos = hitung(ukm_model._default_manager.filter(pos_id__in=ids))
        baris = [
            ringkasan_model(pos_id=pos_id, dimensi=dimensi, kunci=kunci, jumlah=jumlah)
            for pos_id, counts in per_pos.items()
            for (dimensi, kunci), jumlah in counts.items()
        ]
        # One statement whatever the rows: Model.delete() would fetch them first to send signals
        # nobody needs for rows that only mirror the registry.
        with connection.cursor() as cursor:
            tabel = connection.ops.quote_name(ringkasan_model._meta.db_table)
            cursor.execute(f"DELETE FROM {tabel} WHERE pos_id IN ({', '.join(['%s'] * len(ids))})", ids)
        ringkasan_model._default_manager.bulk_create(baris, batch_size=5000)


def bangun_semua() -> int:
    """Rebuild every post's rows (``manage.py ringkasan_bangun``); returns how many posts."""
    from posyantek.models import Pos

    ids = list(Pos.objects.values_list("pk", flat=True))
    hitung_ulang(ids)
    return len(ids)


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Angka:
    """One post's (or the province's) counts: ``jumlah(dimensi)`` by key, and the totals."""

    baris: dict  # (dimensi, kunci) -> jumlah

    def per(self, dimensi: str) -> dict[str, int]:
        return {kunci: n for (d, kunci), n in self.baris.items() if d == dimensi}

    def satu(self, dimensi: str, kunci: str = "") -> int:
        return self.baris.get((dimensi, kunci), 0)

    @property
    def total(self) -> int:
        return sum(self.per(Dimensi.STATUS).values())

    @property
    def aktif(self) -> int:
        return self.satu(Dimensi.STATUS, "aktif")


def angka(*, pos=None) -> Angka:
    """The counts of one post, or of the province summed over the posts (one query)."""
    from .models import RingkasanUkm

    qs = RingkasanUkm.objects.all() if pos is None else RingkasanUkm.objects.filter(pos=pos)
    rows = qs.order_by().values_list("dimensi", "kunci").annotate(n=Sum("jumlah"))
    return Angka({(d, k): n for d, k, n in rows})


def baris_lingkup(lingkup):
    """The summary rows of a report's scope (``posyantek.laporan.Lingkup``)."""
    from .models import RingkasanUkm

    return lingkup.saring(RingkasanUkm.objects.all())


def per_pos(dimensi: str, kunci: str = "", *, lewat: str = "pos_id") -> dict:
    """One count for every post (or whatever ``lewat`` reaches from the post, e.g.
    ``pos__kecamatan__kode``), summed: one query over at most 44 rows."""
    from .models import RingkasanUkm

    rows = (
        RingkasanUkm.objects.filter(dimensi=dimensi, kunci=kunci)
        .order_by()
        .values_list(lewat)
        .annotate(n=Sum("jumlah"))
    )
    return dict(rows)
