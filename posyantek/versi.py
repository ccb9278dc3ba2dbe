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
- ``post_save``/``post_delete``/``m2m_changed`` of every model of the project's own apps bump it:
  the apps are found from their configs (:func:`aplikasi_proyek`: every installed app whose code
  lives in this repository), so a new app needs no list edited. Bookkeeping does not bump: history
  rows, a user's ``last_login``, the outbox, the version itself. Sessions, allauth's e-mail rows
  and Django's own tables are not the project's apps.
- Bulk writes send no signal, so they bump through the query set: every model of the project's
  apps has a default manager built on :class:`VersiQuerySet`, whose ``update()``, ``bulk_create()``
  and ``bulk_update()`` bump (``tests/hardening/test_fragment_cache.py`` checks every model).
  Only raw SQL and ``COPY`` (``seed_scale``) call :func:`naikkan` themselves.
- It is bumped at once *and* again when the transaction commits. The first bump makes the change
  visible inside the writing transaction (and in tests, which never commit); the second closes the
  window in which another worker could render the old rows under the new number. Each write queues
  its own commit bump: a second bump in one transaction costs a ``nextval`` and is otherwise
  harmless, and counting them would mean reading Django's private on-commit list. On PostgreSQL the
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
from functools import cache, partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject

SEQUENCE = "posyantek_versi_data"
WINDOW = 60  # seconds: the longest a clock-dependent fragment may be reused

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


@cache
def aplikasi_proyek() -> frozenset[str]:
    """The labels of the project's own apps: every installed app whose code lives under ``BASE_DIR``
    (and not in a virtualenv there). What public pages show comes from these."""
    base = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not any(part in (".venv", "site-packages") for part in path.parts):
            labels.add(config.label)
    return frozenset(labels)


def naikkan() -> None:
    """Bump the version now and again when the current transaction commits (a savepoint rolled back
    drops its callback together with its writes)."""
    _bump()
    if connection.in_atomic_block:
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
    if meta is None or meta.app_label not in aplikasi_proyek() or meta.label_lower in _ABAIKAN:
        return True
    if meta.model_name.startswith("historical"):  # history rows come with the change they record
        return True
    if sender.__module__ == "__fake__":  # a migration's historical model: runs before the version exists
        return True
    if kwargs.get("raw"):  # loaddata: fixtures are loaded before anything is cached
        return True
    update_fields = kwargs.get("update_fields")
    return bool(update_fields) and set(update_fields) <= {"last_login"}


class VersiQuerySet(models.QuerySet):
    """The base query set of every model of the project's apps: the bulk writes, which send no
    signal, bump the version like a ``save()`` does (when they wrote a row)."""

    def update(self, **kwargs):
        jumlah = super().update(**kwargs)
        if jumlah and not _abaikan(self.model, {"update_fields": list(kwargs)}):
            naikkan()
        return jumlah

    def bulk_create(self, objs, *args, **kwargs):
        dibuat = super().bulk_create(objs, *args, **kwargs)
        if dibuat and not _abaikan(self.model, {}):
            naikkan()
        return dibuat

    def bulk_update(self, objs, fields, *args, **kwargs):
        jumlah = super().bulk_update(objs, fields, *args, **kwargs)
        if jumlah and not _abaikan(self.model, {"update_fields": list(fields)}):
            naikkan()
        return jumlah


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
