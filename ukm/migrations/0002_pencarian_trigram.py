"""PostgreSQL: a trigram index on the normalised search key, so "every word somewhere in the name,
owner, NIB or kelurahan" (``LIKE '%kata%'``) is answered by an index at tens of thousands of rows.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. SQLite, the
zero-set-up local default, has no such index and scans, which is fine at its sizes.
"""

from django.db import migrations

INDEX = "ukm_ukm_search_text_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON ukm_ukm USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("ukm", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
