"""The database triggers behind MovieResourceCache, written once and installed by migrations.

In the database rather than in code: every writer (the library functions, refresh, scans, imports, the
admin, a bulk update) is covered without having to remember it. A change to anything a movie's JSON is
built from marks that movie's cache row stale in the same transaction: its `version` goes up and its
`generation` is cleared. A reader stores JSON only where the version is still the one it read before
building (movies/resourcecache.py), so JSON built from rows that changed meanwhile is never kept.
Every movie gets its cache row when it is inserted, so there is always a version to compare.

SQLite rebuilds a table to add or alter most columns: the rebuild drops the table's own triggers, and
fails outright while another table's trigger reads it. So a migration that changes a table any trigger
here is on or reads (movies, files, profiles...) begins with `DropResourceCacheTriggers()` and ends with
`InstallResourceCacheTriggers()`. The operations write the triggers as this module has them now.
"""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation

CACHE = "movies_movieresourcecache"

# The movies whose files are of the group NEW.key, where their profile gives reputation points. SQL's
# lower() folds ASCII letters only: a group named with other letters may keep a stale flag until its
# movie next changes (group_key folds them all).
_GROUP_FILES = (
    "SELECT f.movie_id FROM movies_moviefile f JOIN movies_movie m ON m.id = f.movie_id "
    "JOIN releases_qualityprofile p ON p.id = m.quality_profile_id "
    "WHERE p.scene_group_points > 0 AND lower(trim(f.release_group)) = NEW.key"
)

# (table, event, the ids of the movies whose JSON the row is part of, as SQL over NEW/OLD)
SOURCES = [
    ("movies_movie", "UPDATE", "SELECT NEW.id"),
    ("movies_moviefile", "INSERT", "SELECT NEW.movie_id"),
    ("movies_moviefile", "UPDATE", "SELECT NEW.movie_id UNION SELECT OLD.movie_id"),
    ("movies_moviefile", "DELETE", "SELECT OLD.movie_id"),
    ("movies_alternativetitle", "INSERT", "SELECT NEW.movie_id"),
    ("movies_alternativetitle", "UPDATE", "SELECT NEW.movie_id UNION SELECT OLD.movie_id"),
    ("movies_alternativetitle", "DELETE", "SELECT OLD.movie_id"),
    ("movies_movieversion", "INSERT", "SELECT NEW.movie_id"),  # the movie's `versions` array
    ("movies_movieversion", "UPDATE", "SELECT NEW.movie_id UNION SELECT OLD.movie_id"),
    ("movies_movieversion", "DELETE", "SELECT OLD.movie_id"),
    ("movies_movie_tags", "INSERT", "SELECT NEW.movie_id"),
    ("movies_movie_tags", "DELETE", "SELECT OLD.movie_id"),
    ("movies_collection", "UPDATE", "SELECT id FROM movies_movie WHERE collection_id = NEW.id"),
    ("releases_qualityprofile", "UPDATE", "SELECT id FROM movies_movie WHERE quality_profile_id = NEW.id"),
    # a file's customFormatScore and qualityCutoffNotMet read its profile's format scores
    (
        "releases_profileformatscore",
        "INSERT",
        "SELECT id FROM movies_movie WHERE quality_profile_id = NEW.profile_id",
    ),
    (
        "releases_profileformatscore",
        "UPDATE",
        "SELECT id FROM movies_movie WHERE quality_profile_id IN (NEW.profile_id, OLD.profile_id)",
    ),
    (
        "releases_profileformatscore",
        "DELETE",
        "SELECT id FROM movies_movie WHERE quality_profile_id = OLD.profile_id",
    ),
    ("releases_customformat", "UPDATE", "SELECT id FROM movies_movie"),  # a renamed format, rarely
    # isAvailable counts Radarr's availability delay
    (
        "indexers_indexerconfig",
        "UPDATE",
        "SELECT id FROM movies_movie WHERE NEW.availability_delay <> OLD.availability_delay",
    ),
    # a group's reputation adds points to its files' scores in profiles that give such points
    ("scenegroups_scenegroup", "INSERT", _GROUP_FILES),
    (
        "scenegroups_scenegroup",
        "UPDATE",
        _GROUP_FILES + " AND (NEW.score <> OLD.score OR NEW.confidence <> OLD.confidence "
        "OR COALESCE(NEW.pinned_score, -1) <> COALESCE(OLD.pinned_score, -1))",
    ),
]


def trigger_name(table: str, event: str) -> str:
    # PostgreSQL cuts names at 63 characters: longer ones would collide and replace each other
    return f"moviecache_{table}_{event}".lower()


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
    """Create (or replace) every trigger; safe to run again on any database.

    A trigger on a table that does not exist yet (an older migration running on a new database) is left
    for the migration that creates the table, which ends with this step too; a test checks that every
    trigger exists once all migrations ran.
    """
    vendor = schema_editor.connection.vendor
    tables = set(schema_editor.connection.introspection.table_names())
    for name, table, event, statement in _bodies(vendor):
        if table not in tables:
            continue
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
    tables = set(schema_editor.connection.introspection.table_names())
    for name, table, _, _ in _bodies(vendor):
        if table not in tables:
            continue
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


class DropResourceCacheTriggers(Operation):
    """A migration step that drops the triggers before a table they involve is rebuilt (SQLite)."""

    reversible = True
    reduces_to_sql = False

    def state_forwards(self, app_label: str, state: object) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: object, to_state: object
    ) -> None:
        drop(schema_editor)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: object, to_state: object
    ) -> None:
        install(schema_editor)

    def describe(self) -> str:
        return "Drop the triggers that mark cached movie JSON stale"
