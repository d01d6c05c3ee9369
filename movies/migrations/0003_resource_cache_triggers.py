"""Triggers that forget a movie's cached resource whenever something it is built from changes.

In the database rather than in code: every writer (the library functions, refresh, scans, imports,
the admin, a bulk update) is covered without having to remember it.
"""

from django.db import migrations

CACHE = "movies_movieresourcecache"

# (table, event, the movie ids affected, as SQL over NEW/OLD)
SOURCES = [
    ("movies_movie", "UPDATE", "SELECT NEW.id"),
    ("movies_moviefile", "INSERT", "SELECT NEW.movie_id"),
    ("movies_moviefile", "UPDATE", "SELECT NEW.movie_id UNION SELECT OLD.movie_id"),
    ("movies_moviefile", "DELETE", "SELECT OLD.movie_id"),
    ("movies_alternativetitle", "INSERT", "SELECT NEW.movie_id"),
    ("movies_alternativetitle", "UPDATE", "SELECT NEW.movie_id UNION SELECT OLD.movie_id"),
    ("movies_alternativetitle", "DELETE", "SELECT OLD.movie_id"),
    ("movies_movie_tags", "INSERT", "SELECT NEW.movie_id"),
    ("movies_movie_tags", "DELETE", "SELECT OLD.movie_id"),
    ("movies_collection", "UPDATE", "SELECT id FROM movies_movie WHERE collection_id = NEW.id"),
    ("releases_qualityprofile", "UPDATE", "SELECT id FROM movies_movie WHERE quality_profile_id = NEW.id"),
]


def _name(table: str, event: str) -> str:
    return f"{CACHE}_forget_{table}_{event}".lower()


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, event, affected in SOURCES:
        name = _name(table, event)
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"DELETE FROM {CACHE} WHERE movie_id IN ({affected}); RETURN NULL; END $$"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
                f"BEGIN DELETE FROM {CACHE} WHERE movie_id IN ({affected}); END"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, event, _ in SOURCES:
        name = _name(table, event)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if vendor == "postgresql" else ""))
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0002_resource_cache"),
        ("releases", "0003_default_delay_profile"),
    ]

    operations = [migrations.RunPython(create, drop)]
