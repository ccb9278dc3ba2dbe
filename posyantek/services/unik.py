"""Saving a row that a unique rule guards, when two requests may insert it at the same moment.

``full_clean()`` checks unique rules with a query before the insert; a double submit (two identical
POSTs a few milliseconds apart) passes that check in both requests and the second insert then breaks
the database's constraint. ``simpan_unik`` turns that into the same refusal the check gives, instead
of a 500 and a broken transaction.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

BENTROK = _(
    "Data yang sama baru saja disimpan (mungkin formulir terkirim dua kali). Periksa daftarnya sebelum mencoba lagi."
)


def pelanggaran_unik(error: IntegrityError) -> bool:
    """True when ``error`` is a broken unique rule (PostgreSQL SQLSTATE 23505, SQLite "UNIQUE")."""
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None):
        return (getattr(cause, "sqlstate", None) or cause.pgcode) == "23505"
    return "UNIQUE constraint failed" in str(error)


def simpan_unik(obj: models.Model, **save_kwargs) -> models.Model:
    """Save ``obj`` inside a savepoint. When a concurrent insert took its unique slot first, roll back
    to the savepoint (the caller's transaction stays usable) and refuse with the rule's own message,
    found by validating again now that the other row is committed; other integrity errors propagate.
    """
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError as error:
        if not pelanggaran_unik(error):
            raise
        obj.validate_unique()
        obj.validate_constraints()
        raise ValidationError(BENTROK) from error
    return obj
