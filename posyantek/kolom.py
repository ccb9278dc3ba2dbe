"""The one way a service copies a form's values onto a row: only the fields it lists as editable.

A service names the fields a caller may set (``PROFIL_FIELDS``, ``JADWAL_FIELDS``, ...); whatever else
``data`` holds is refused with ``ValueError`` (a programming error: a form offering a field the service
does not allow), or skipped where the service says so (``abaikan_lain``: the UKM owner's and the
operator's forms share one ``data`` and each may set only its part)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models


def kolom_isi(obj: models.Model, data: Mapping, *, boleh: Iterable[str], abaikan_lain: bool = False) -> list[str]:
    """Set ``obj``'s fields named in ``boleh`` from ``data`` (text stripped); returns the names whose
    value changed, in ``data``'s order."""
    boleh = set(boleh)
    lain = set(data) - boleh
    if lain and not abaikan_lain:
        raise ValueError(f"fields not editable here: {sorted(lain)}")
    berubah = []
    for name, value in data.items():
        if name not in boleh:
            continue
        if isinstance(value, str):
            value = value.strip()
        field = obj._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            lama, baru = getattr(obj, field.attname), (value.pk if value is not None else None)
        else:
            lama, baru = getattr(obj, name), value
        if lama != baru:
            berubah.append(name)
        setattr(obj, name, value)
    return berubah
