"""PostgreSQL: trigram indexes on the normalised search keys, so "every word somewhere in the name,
owner, NIB or kelurahan" (``LIKE '%kata%'``) is answered by an index at tens of thousands of rows —
``search_text`` for the operators' lists, ``search_publik`` for the public directory.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. SQLite, the
zero-set-up local default, has no such index and scans, which is fine at its sizes.
"""

from django.db import migrations

INDEXES = {"ukm_ukm_search_text_trgm": "search_text", "ukm_ukm_search_publik_trgm": "search_publik"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON ukm_ukm USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("ukm", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
