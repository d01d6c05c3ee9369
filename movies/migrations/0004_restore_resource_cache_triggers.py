"""Put back the resource-cache triggers a table rebuild removed.

SQLite adds most columns by rebuilding the table, and a rebuilt table has lost its triggers: adding
`scene_group_points` to quality profiles (releases 0004) dropped the trigger that forgets cached
movies when their profile changes. Every trigger of 0003 is created again where it is missing, so
this is safe to run on any database. A later migration that adds a column to a SOURCES table must
end with the same step.
"""

import importlib

from django.db import migrations

triggers = importlib.import_module("movies.migrations.0003_resource_cache_triggers")


def restore(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, event, affected in triggers.SOURCES:
        name = triggers._name(table, event)
        cache = triggers.CACHE
        if vendor == "postgresql":  # ALTER TABLE keeps triggers there; replacing is harmless
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"DELETE FROM {cache} WHERE movie_id IN ({affected}); RETURN NULL; END $$"
            )
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} FOR EACH ROW "
                f"BEGIN DELETE FROM {cache} WHERE movie_id IN ({affected}); END"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0003_resource_cache_triggers"),
        ("releases", "0004_add_scene_group_points"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
