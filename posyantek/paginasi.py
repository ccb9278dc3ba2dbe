"""The one way a list is cut into pages, and one partial renders the links
(``templates/includes/_pagination.html``: ``{% include "includes/_pagination.html" %}`` with ``page_obj``
in the context).

Two cuts, one look:

- :func:`halaman`: ``?page=N`` over Django's ``Paginator``, for the short lists (a post's documents,
  the outbox). ``nomor_halaman`` also reads the catalogue's old ``?halaman=N``, so links shared
  before the parameter was unified still open the page they named.
- :func:`halaman_kunci`: keyset ("seek") pages for the long lists (the directory, a post's registry,
  the participants, the histories). A page is named by the sort key of the row it starts after
  (``?setelah=<token>``) or before (``?sebelum=<token>``), or is the last one (``?akhir=1``), so the
  database walks its index straight to the page instead of counting off every row before it: the last
  page of a million costs what the first costs (``make bench``: "daftar UKM halaman terakhir").
  Links stay shareable: a token names a place in the list, and an old ``?page=N`` link still opens
  page N (by offset, once; its links then continue by key).

The token is the boundary row's sort values, base64url JSON. It is not signed: it can only move where
an already scoped list starts, and anything malformed shows the first page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from functools import cached_property

from django.core.exceptions import FieldError, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

PARAM = "page"
PER_HALAMAN = 25
SETELAH, SEBELUM, AKHIR = "setelah", "sebelum", "akhir"
PARAM_KUNCI = (SETELAH, SEBELUM, AKHIR)
_MAKS_TOKEN = 2000
_MAKS_PK = 2**63 - 1


def nomor_halaman(request) -> str | None:
    """The page number a request asks for, as given (``Paginator.get_page`` copes with junk)."""
    return request.GET.get(PARAM) or request.GET.get("halaman")


def halaman(request, qs, *, per_halaman: int = PER_HALAMAN) -> Page:
    """A page of ``qs``; an out-of-range or junk page number shows the nearest page."""
    return Paginator(qs, per_halaman).get_page(nomor_halaman(request))


# -- keyset pages ---------------------------------------------------------------------------------


class _Jumlah:
    """What the partial and the templates read as ``page_obj.paginator``: the total, counted only if
    a template asks (and then by the caller's cheaper count, when it has one)."""

    def __init__(self, hitung: Callable[[], int]):
        self._hitung = hitung

    @cached_property
    def count(self) -> int:
        return self._hitung()


class HalamanKunci:
    """One keyset page: its rows, whether there are rows before and after it, and the tokens of the
    links to them. Iterates like a ``Page``."""

    kunci = True

    def __init__(self, rows, *, urutan, ada_sebelum: bool, ada_sesudah: bool, hitung: Callable[[], int]):
        self.object_list = rows
        self._urutan = urutan
        self._ada_sebelum = ada_sebelum
        self._ada_sesudah = ada_sesudah
        self.paginator = _Jumlah(hitung)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self._ada_sebelum

    def has_next(self) -> bool:
        return self._ada_sesudah

    def has_other_pages(self) -> bool:
        return self._ada_sebelum or self._ada_sesudah

    @property
    def token_sebelum(self) -> str:
        return _token(self.object_list[0], self._urutan) if self.object_list else ""

    @property
    def token_sesudah(self) -> str:
        return _token(self.object_list[-1], self._urutan) if self.object_list else ""


def _urutan(qs: QuerySet) -> list[tuple[str, bool]]:
    """(field path, descending) of the query set's ordering; the last must be the primary key, so
    the key of a row names exactly one place in the list."""
    urutan = []
    items = qs.query.order_by or (qs.model._meta.ordering if qs.query.default_ordering else [])
    for item in items:
        if not isinstance(item, str) or item == "?":
            raise ValueError(f"halaman_kunci: urutan {item!r} tidak didukung")
        urutan.append((item.lstrip("-"), item.startswith("-")))
    if not urutan or urutan[-1][0] not in ("pk", "id"):
        raise ValueError("halaman_kunci: urutan harus diakhiri pk")
    return urutan


def _nilai(obj, path: str):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _token(obj, urutan) -> str:
    data = json.dumps([_nilai(obj, path) for path, _desc in urutan], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def _baca_token(token: str, urutan) -> list | None:
    """The sort values a token holds, or None when it is not one of ours."""
    if not token or len(token) > _MAKS_TOKEN:
        return None
    try:
        nilai = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(nilai, list) or len(nilai) != len(urutan):
        return None
    if any(not isinstance(v, (str, int)) or isinstance(v, bool) for v in nilai):
        return None
    pk = nilai[-1]
    if not isinstance(pk, int) or not 0 <= pk <= _MAKS_PK:
        return None
    return nilai


def _lewat(urutan, nilai, *, maju: bool) -> Q:
    """Rows strictly after (``maju``) or before the given sort values, in the list's order. The first
    field's bound is repeated on its own so the planner walks the index from there."""
    syarat = Q(pk__in=[])
    sama = Q()
    for (path, desc), value in zip(urutan, nilai, strict=True):
        naik = maju != desc
        syarat |= sama & Q(**{f"{path}__{'gt' if naik else 'lt'}": value})
        sama &= Q(**{path: value})
    path, desc = urutan[0]
    return Q(**{f"{path}__{'gte' if maju != desc else 'lte'}": nilai[0]}) & syarat


def halaman_kunci(request, qs: QuerySet, *, per_halaman: int = PER_HALAMAN, hitung=None) -> HalamanKunci:
    """A keyset page of ``qs`` (ordered, the primary key last): ``?setelah=``, ``?sebelum=``,
    ``?akhir=1``, or an old ``?page=N``; anything malformed shows the first page.

    ``hitung`` counts the whole list when a template shows the total (default ``qs.count()``): give a
    cheaper one where a summary has it. Each page costs one query of ``per_halaman + 1`` rows."""
    urutan = _urutan(qs)
    hitung = hitung or qs.count
    get = request.GET

    def potong(q: QuerySet, *, mundur: bool) -> tuple[list, bool]:
        rows = list((q.reverse() if mundur else q)[: per_halaman + 1])
        lebih = len(rows) > per_halaman
        rows = rows[:per_halaman]
        return (rows[::-1] if mundur else rows), lebih

    for param, maju in ((SETELAH, True), (SEBELUM, False)):
        nilai = _baca_token(get.get(param, ""), urutan)
        if nilai is None:
            continue
        try:
            q = qs.filter(_lewat(urutan, nilai, maju=maju))
        except (ValueError, TypeError, ValidationError, FieldError):
            break
        rows, lebih = potong(q, mundur=not maju)
        if not rows:  # past either end (the rows were deleted since): the nearest end instead
            return _ujung(qs, urutan, per_halaman, hitung, akhir=maju)
        if maju:
            return HalamanKunci(rows, urutan=urutan, ada_sebelum=True, ada_sesudah=lebih, hitung=hitung)
        return HalamanKunci(rows, urutan=urutan, ada_sebelum=lebih, ada_sesudah=True, hitung=hitung)

    if get.get(AKHIR):
        return _ujung(qs, urutan, per_halaman, hitung, akhir=True)
    nomor = nomor_halaman(request)
    if nomor:
        try:
            nomor = int(nomor)
        except ValueError:
            nomor = 1
        if 1 < nomor <= 1_000_000:  # an old link: that page by offset, once
            awal = (nomor - 1) * per_halaman
            rows = list(qs[awal : awal + per_halaman + 1])
            if rows:
                lebih = len(rows) > per_halaman
                return HalamanKunci(
                    rows[:per_halaman], urutan=urutan, ada_sebelum=True, ada_sesudah=lebih, hitung=hitung
                )
            return _ujung(qs, urutan, per_halaman, hitung, akhir=True)
    return _ujung(qs, urutan, per_halaman, hitung, akhir=False)


def _ujung(qs, urutan, per_halaman, hitung, *, akhir: bool) -> HalamanKunci:
    rows = list((qs.reverse() if akhir else qs)[: per_halaman + 1])
    lebih = len(rows) > per_halaman
    rows = rows[:per_halaman]
    if akhir:
        return HalamanKunci(rows[::-1], urutan=urutan, ada_sebelum=lebih, ada_sesudah=False, hitung=hitung)
    return HalamanKunci(rows, urutan=urutan, ada_sebelum=False, ada_sesudah=lebih, hitung=hitung)
