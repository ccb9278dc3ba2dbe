"""Content in two languages: a model's Indonesian field ``x`` and its optional English ``x_en``.

A visitor who chose English reads ``x_en`` when it is filled; otherwise the Indonesian text, marked
``lang="id"`` so a screen reader speaks it in Indonesian and the visitor knows it is not translated.
Templates use ``{% dwibahasa obj "x" %}`` (``portal`` tags); operators see what still lacks English
with :func:`kurang_inggris`.
"""

from django.utils.translation import get_language


def inggris_diminta() -> bool:
    return (get_language() or "").startswith("en")


def teks(obj, field: str) -> tuple[str, bool]:
    """(the text to show, whether it is the Indonesian text standing in for missing English)."""
    asli = getattr(obj, field, "") or ""
    if not inggris_diminta():
        return asli, False
    inggris = getattr(obj, f"{field}_en", "") or ""
    if inggris.strip():
        return inggris, False
    return asli, bool(asli.strip())


def kurang_inggris(obj, fields) -> list[str]:
    """The fields of ``obj`` with Indonesian text but no English (what an operator still has to add)."""
    return [
        f for f in fields if (getattr(obj, f, "") or "").strip() and not (getattr(obj, f"{f}_en", "") or "").strip()
    ]
