"""What long-lived processes give back after large work (radarr/memory.py) and what they share from the
start (radarr/roles.warm_model_caches); the figures are bench/scale_bench.py's."""

import pytest
from django.apps import apps
from django.db import connection, transaction

from radarr import roles
from radarr.memory import release_database_memory, release_memory
from radarr.models import Tag


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's caches are the server's, not this process's")


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_threads_sqlite_connection_is_closed_and_opens_again(sqlite_only):
    """Closing lets go of the statement cache too (a batch insert's prepared statement and its SQL are
    hundreds of kilobytes), which emptying the page cache kept."""
    Tag.objects.create(label="before")
    assert connection.connection is not None

    release_memory()

    assert connection.connection is None
    Tag.objects.create(label="after")  # the next query opens it again
    assert sorted(Tag.objects.values_list("label", flat=True)) == ["after", "before"]


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_connection_stays_and_the_transaction_goes_on(sqlite_only):
    with transaction.atomic():
        Tag.objects.create(label="kept")
        raw = connection.connection

        release_database_memory()

        assert connection.connection is raw
        Tag.objects.create(label="also kept")
    assert Tag.objects.count() == 2


def _lazy_caches_filled() -> list[str]:
    missing = []
    for model in apps.get_models(include_auto_created=True):
        for name in roles._MODEL_CACHES:
            if name not in model._meta.__dict__:
                missing.append(f"{model._meta.label}._meta.{name}")
        for field in model._meta.get_fields(include_hidden=True):
            if getattr(field, "concrete", False) and "cached_col" not in field.__dict__:
                missing.append(f"{model._meta.label}.{field.name}.cached_col")
    return missing


def test_every_models_lazy_caches_are_filled_before_the_fork():
    """The boot process fills them, so the web server and the job worker share them from the start and
    none is made in the middle of a whole library's work (where it would keep a memory arena)."""
    for model in apps.get_models(include_auto_created=True):  # as a fresh process has them: empty
        model._meta._expire_cache()
        for field in model._meta.get_fields(include_hidden=True):
            field.__dict__.pop("cached_col", None)
    assert _lazy_caches_filled()

    roles.warm_model_caches()

    assert _lazy_caches_filled() == []


def test_a_cache_name_django_no_longer_has_never_stops_a_start(monkeypatch):
    """The names are Django's private ones: one a later Django drops is skipped (the test above then says
    which), the boot process still forks the servers."""
    monkeypatch.setattr(roles, "_MODEL_CACHES", (*roles._MODEL_CACHES, "a_cache_no_django_has"))

    roles.warm_model_caches()

    assert "managers" in apps.get_model("movies", "Movie")._meta.__dict__
