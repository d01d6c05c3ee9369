"""Cached movie JSON carries a version: triggers mark rows stale instead of deleting them.

Deleting rows let a reader store JSON built from rows a writer changed meanwhile (and two readers
rebuilding at once failed with a KeyError or a duplicate key). Now every movie has a row, each change
bumps its version, and a reader stores JSON only over the version it read before building.
"""

import importlib

from django.db import migrations, models

from movies.cachetriggers import InstallResourceCacheTriggers

old = importlib.import_module("movies.migrations.0003_resource_cache_triggers")
restore_old = importlib.import_module("movies.migrations.0004_restore_resource_cache_triggers").restore


def drop_old(apps, schema_editor):
    old.drop(apps, schema_editor)


def give_every_movie_a_row(apps, schema_editor):
    empty = "'\\x'::bytea" if schema_editor.connection.vendor == "postgresql" else "x''"
    schema_editor.execute(
        f"INSERT INTO {old.CACHE} (movie_id, version, generation, json) "
        f"SELECT id, 0, '', {empty} FROM movies_movie WHERE id NOT IN (SELECT movie_id FROM {old.CACHE})"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("movies", "0004_restore_resource_cache_triggers"),
    ]

    operations = [
        migrations.RunPython(drop_old, restore_old),
        migrations.AddField(
            model_name="movieresourcecache",
            name="version",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(give_every_movie_a_row, migrations.RunPython.noop),
        InstallResourceCacheTriggers(),
    ]
