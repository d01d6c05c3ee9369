"""One-row settings models (config/indexer, config/ui, naming, backups...) are all read one way:
`load()`, the saved row or its defaults, never a write; the first save creates the row."""

import pytest
from django.apps import apps

from indexers.models import IndexerConfig
from radarr.models import SingletonModel

pytestmark = pytest.mark.django_db

SINGLETONS = sorted(
    (model for model in apps.get_models() if issubclass(model, SingletonModel)), key=lambda m: m.__name__
)


def test_every_one_row_settings_model_is_a_singleton():
    names = {model.__name__ for model in SINGLETONS}

    assert names >= {
        "BacklogSettings",
        "BackupSettings",
        "DownloadClientConfig",
        "IndexerConfig",
        "MediaManagementConfig",
        "NamingConfig",
        "ReputationSettings",
        "UiConfig",
    }


def test_no_model_reads_its_one_row_a_way_of_its_own():
    own_readers = [model.__name__ for model in apps.get_models() if {"get", "load"} & set(vars(model))]

    assert own_readers == []


@pytest.mark.parametrize("model", SINGLETONS, ids=lambda model: model.__name__)
def test_a_load_before_any_save_gives_the_defaults_without_writing(model, django_assert_num_queries):
    with django_assert_num_queries(1):
        loaded = model.load()

    assert loaded.pk == 1 and not model.objects.exists()
    for field in model._meta.concrete_fields:
        if field.has_default():
            assert getattr(loaded, field.attname) == field.get_default(), field.name


def test_the_first_save_creates_the_one_row_and_the_next_load_reads_it():
    config = IndexerConfig.load()
    config.rss_sync_interval = 60
    config.save()
    again = IndexerConfig.load()
    again.retention = 100
    again.save()

    assert list(IndexerConfig.objects.values_list("pk", "rss_sync_interval", "retention")) == [(1, 60, 100)]
