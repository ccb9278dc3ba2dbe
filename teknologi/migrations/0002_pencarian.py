"""Search indexes for the catalogue (PostgreSQL only; SQLite uses the simple fallback).

- pg_trgm and a GIN trigram index on the name document, for typo-tolerant matching and ranking
  (``cari_nama %> 'pemeras santen'``);
- a GIN index on the stored full-text vector ``cari_vector`` (to_tsvector('simple', cari_teks),
  kept by the service), for full-text and prefix matching without recomputing vectors per row.

Accents are removed in Python when the service writes the document and when a query is read, so
no ``unaccent()`` (which is not IMMUTABLE and cannot be indexed as is) is needed in SQL.
pg_trgm is a trusted extension (PostgreSQL 13+): a database owner without superuser may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("teknologi", "0001_initial")]

    operations = [
        TrigramExtension(),
        PostgresOnlySQL(
            "CREATE INDEX teknologi_cari_nama_trgm ON teknologi_teknologi USING gin (cari_nama gin_trgm_ops);",
            "DROP INDEX IF EXISTS teknologi_cari_nama_trgm;",
        ),
        PostgresOnlySQL(
            "CREATE INDEX teknologi_cari_vector ON teknologi_teknologi USING gin (cari_vector);",
            "DROP INDEX IF EXISTS teknologi_cari_vector;",
        ),
        # Rows written before this migration (none in practice) get their vector now.
        PostgresOnlySQL(
            "UPDATE teknologi_teknologi SET cari_vector = to_tsvector('simple'::regconfig, COALESCE(cari_teks, ''));",
            migrations.RunSQL.noop,
        ),
    ]
