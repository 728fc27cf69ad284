"""Dutch full-text search on PostgreSQL: the `dutch` stemmer with accents removed, and a GIN index.

On SQLite (the quick local look) there is nothing to do: search falls back to plain substring matching.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent",
    "CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = pg_catalog.dutch)",
    "ALTER TEXT SEARCH CONFIGURATION dutch_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem",
    "CREATE INDEX IF NOT EXISTS initiative_search_vector ON initiatives_initiative USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS initiative_search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_initiatives_and_partnerships")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
