"""The data version: one number that changes whenever anything the public pages show is written.

Rendered fragments of public pages (catalogue cards and facets, the home page's sections, the
rankings) are cached per process in the ``fragments`` cache under a key that contains this version
(``versi.kunci`` in templates, :func:`kunci` in Python). A save or delete of any model bumps it, so
every worker renders afresh on its next request; a hit costs one tiny query instead of the page's
queries and template work.

Why one global number and not one per table: a fragment never has to declare what it depends on
(the catalogue's facets name kecamatan, the home page mixes four apps), so no dependency can be
forgotten. Writes are rare next to reads here (44 posts, a few operators at a time); a miss only
costs one normal rendering.

How it is kept honest:
- ``post_save``/``post_delete``/``m2m_changed`` of every model of the portal's apps (``APPS``) bump
  it, except bookkeeping: history rows, a user's ``last_login``, the version itself. Sessions,
  allauth's e-mail rows and Django's own tables are outside ``APPS``. Code that writes around the
  ORM's signals (``QuerySet.update()``, ``bulk_create``, raw SQL, ``seed_scale``) calls
  :func:`naikkan` itself.
- It is bumped at once *and* again when the transaction commits. The first bump makes the change
  visible inside the writing transaction (and in tests, which never commit); the second closes the
  window in which another worker could render the old rows under the new number. On PostgreSQL the
  number is a sequence: ``nextval`` never waits for a lock and survives a rollback (a spurious bump
  only costs a miss), so writers never queue on it. Elsewhere (SQLite for local runs) it is a row
  of ``VersiData``.
- The key also holds the current minute (``WINDOW`` seconds), so what depends on the clock
  (sessions that have started, campaigns past their deadline, a competition's phase) is never more
  than a minute old.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable
from functools import partial

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject

SEQUENCE = "posyantek_versi_data"
WINDOW = 60  # seconds: the longest a clock-dependent fragment may be reused

APPS = {"posyantek", "ukm", "teknologi", "pelatihan", "lomba"}  # what public pages show comes from these
_ABAIKAN = {"posyantek.versidata", "posyantek.surel"}  # the outbox is bookkeeping


def baca() -> int:
    """The current data version (one query)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT last_value + is_called::int FROM {SEQUENCE}")
        else:
            cursor.execute("SELECT nilai FROM posyantek_versidata WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def naikkan() -> None:
    """Bump the version now and again when the current transaction commits."""
    _bump()
    if connection.in_atomic_block:
        # Once per transaction is enough: skip when a bump is already queued in this savepoint or
        # an enclosing one (a savepoint rolled back drops its callbacks, and its writes with them).
        current = set(connection.savepoint_ids)
        if not any(func is _bump and sids <= current for sids, func, _robust in connection.run_on_commit):
            transaction.on_commit(_bump)


def _bump() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval('{SEQUENCE}')")
        else:
            cursor.execute(
                "INSERT INTO posyantek_versidata (id, nilai) VALUES (1, 1) "
                "ON CONFLICT (id) DO UPDATE SET nilai = posyantek_versidata.nilai + 1"
            )


def kunci(request=None) -> str:
    """The cache-key part for fragments: data version and clock window, read once per request."""
    cached = getattr(request, "_posyantek_versi", None) if request is not None else None
    if cached is not None:
        return cached
    value = f"{baca()}-{int(time.time() // WINDOW)}"
    if request is not None:
        request._posyantek_versi = value
    return value


class VersiRequest:
    """``versi`` in templates: ``{{ versi.kunci }}`` reads the version on first use only."""

    def __init__(self, request):
        self._request = request

    @property
    def kunci(self) -> str:
        return kunci(self._request)


def konteks_malas(hitung: Callable[[], dict], *nama: str) -> dict:
    """Context values computed only when a template reads one of them: ``hitung()`` runs at most
    once and returns a dict holding every name. Used with ``{% fragmen %}`` so a cache hit runs
    none of the page's queries::

        ctx.update(versi.konteks_malas(lambda: {"page_obj": page, "ada_filter": ...}, "page_obj", "ada_filter"))
    """
    hasil = SimpleLazyObject(hitung)
    return {n: SimpleLazyObject(partial(operator.getitem, hasil, n)) for n in nama}


def _abaikan(sender, kwargs) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in APPS or meta.label_lower in _ABAIKAN:
        return True
    if meta.model_name.startswith("historical"):  # history rows come with the change they record
        return True
    if sender.__module__ == "__fake__":  # a migration's historical model: runs before the version exists
        return True
    if kwargs.get("raw"):  # loaddata: fixtures are loaded before anything is cached
        return True
    update_fields = kwargs.get("update_fields")
    return bool(update_fields) and set(update_fields) <= {"last_login"}


def _on_write(sender, **kwargs) -> None:
    if not _abaikan(sender, kwargs):
        naikkan()


def _on_m2m(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        model = kwargs.get("model")
        if model is None or not _abaikan(model, {}):
            naikkan()


def hubungkan() -> None:
    """Connect the signals (from ``PosyantekConfig.ready``)."""
    post_save.connect(_on_write, dispatch_uid="posyantek.versi.save")
    post_delete.connect(_on_write, dispatch_uid="posyantek.versi.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="posyantek.versi.m2m")
