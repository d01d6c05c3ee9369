"""The database triggers behind MovieResourceCache, written once and installed by migrations.

In the database rather than in code: every writer (the library functions, refresh, scans, imports, the
admin, a bulk update) is covered without having to remember it. A change to anything a movie's JSON is
built from marks that movie's cache row stale in the same transaction: its `version` goes up and its
`generation` is cleared. A reader stores JSON only where the version is still the one it read before
building (movies/resourcecache.py), so JSON built from rows that changed meanwhile is never kept.
Every movie gets its cache row when it is inserted, so there is always a version to compare.

SQLite drops a table's triggers when a migration rebuilds it (most AddField and AlterField do): a
migration that changes one of the SOURCES tables ends with `InstallResourceCacheTriggers()`. The
operation installs the triggers as this module writes them now; should the SQL ever need a column a
later migration adds, keep the older migrations working by giving the operation the SQL of their time.
"""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation

CACHE = "movies_movieresourcecache"

# (table, event, the ids of the movies whose JSON the row is part of, as SQL over NEW/OLD)
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


def trigger_name(table: str, event: str) -> str:
    return f"{CACHE}_stale_{table}_{event}".lower()


CREATE_ROW = "movies_movie_cache_row"  # the trigger giving each new movie its (stale) cache row


def trigger_names() -> set[str]:
    return {trigger_name(table, event) for table, event, _ in SOURCES} | {CREATE_ROW}


def _bodies(vendor: str) -> list[tuple[str, str, str, str]]:
    """(name, table, event, statement) of every trigger, the statement in the vendor's dialect."""
    empty = "'\\x'::bytea" if vendor == "postgresql" else "x''"
    insert = "INSERT INTO" if vendor == "postgresql" else "INSERT OR IGNORE INTO"
    conflict = " ON CONFLICT DO NOTHING" if vendor == "postgresql" else ""
    bodies = [
        (
            CREATE_ROW,
            "movies_movie",
            "INSERT",
            f"{insert} {CACHE} (movie_id, version, generation, json) "
            f"VALUES (NEW.id, 0, '', {empty}){conflict}",
        )
    ]
    for table, event, affected in SOURCES:
        stale = f"UPDATE {CACHE} SET version = version + 1, generation = '' WHERE movie_id IN ({affected})"
        bodies.append((trigger_name(table, event), table, event, stale))
    return bodies


def install(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create (or replace) every trigger; safe to run again on any database."""
    vendor = schema_editor.connection.vendor
    for name, table, event, statement in _bodies(vendor):
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{statement}; RETURN NULL; END $$"
            )
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {statement}; END"
            )


def drop(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for name, table, _, _ in _bodies(vendor):
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class InstallResourceCacheTriggers(Operation):
    """A migration step that (re)installs the resource cache triggers; unapplying it drops them."""

    reversible = True
    reduces_to_sql = False

    def state_forwards(self, app_label: str, state: object) -> None:
        pass  # triggers are not part of Django's model state

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: object, to_state: object
    ) -> None:
        install(schema_editor)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: object, to_state: object
    ) -> None:
        drop(schema_editor)

    def describe(self) -> str:
        return "Install the triggers that mark cached movie JSON stale"
