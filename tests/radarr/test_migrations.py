"""Guards on what migrations leave behind that Django's own checks cannot see."""

import pytest
from django.db import connection

from movies.cachetriggers import trigger_names

pytestmark = pytest.mark.django_db


def _installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0].lower() for row in cursor.fetchall()}


def test_every_movie_cache_trigger_survives_the_migrations():
    """SQLite rebuilds a table to add most columns and the rebuild drops its triggers: a migration
    adding a column to one of these tables must end with InstallResourceCacheTriggers()."""
    assert trigger_names() - _installed_triggers() == set()


def test_trigger_names_fit_postgresql_and_differ():
    """PostgreSQL cuts identifiers at 63 characters: two longer names would become one trigger."""
    names = trigger_names()

    assert max(len(name) for name in names) <= 63
    assert len({name[:63] for name in names}) == len(names)
