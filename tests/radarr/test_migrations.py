"""Guards on what migrations leave behind that Django's own checks cannot see."""

import importlib

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

triggers = importlib.import_module("movies.migrations.0003_resource_cache_triggers")


def _installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0].lower() for row in cursor.fetchall()}


def test_every_movie_cache_trigger_survives_the_migrations():
    """SQLite rebuilds a table to add most columns and the rebuild drops its triggers: a migration
    adding a column to one of these tables must restore them (as movies 0004 does)."""
    expected = {triggers._name(table, event) for table, event, _ in triggers.SOURCES}

    assert expected - _installed_triggers() == set()
