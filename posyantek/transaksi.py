"""What waits for the transaction: the one way every app removes a stored file that a row named.

A file goes only once the row that named it is really gone (or names another file): on commit, never
on rollback, so a refused or failed change never leaves a row pointing at nothing. E-mail has its own
single path, the outbox (``posyantek.services.surel_antre`` and ``surel_template_antre``), which is
written in the transaction and delivered after commit.
"""

from __future__ import annotations

from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile


def hapus_berkas_setelah_commit(*berkas: FieldFile | tuple[Storage, str] | str | None) -> None:
    """Delete these stored files when the current transaction commits (at once outside one).

    Each item is a ``FieldFile`` (its storage and name are read now, before the row changes), a
    ``(storage, name)`` pair, or a name in the default storage; empty ones are skipped."""
    daftar: list[tuple[Storage, str]] = []
    for item in berkas:
        if isinstance(item, FieldFile):
            if item.name:
                daftar.append((item.storage, item.name))
        elif isinstance(item, tuple):
            if item[1]:
                daftar.append(item)
        elif item:
            daftar.append((default_storage, item))
    if daftar:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in daftar])
