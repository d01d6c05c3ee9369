"""One-row settings models (config/indexer, config/ui, naming, backups...) are all read one way:
`load()`, which creates the row with its defaults on first use."""

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
def test_the_first_load_creates_the_row_with_its_defaults_and_the_next_reads_it(model):
    first = model.load()
    second = model.load()

    assert (first.pk, second.pk, model.objects.count()) == (1, 1, 1)
    for field in model._meta.concrete_fields:
        if field.has_default():
            assert getattr(second, field.attname) == field.get_default(), field.name


def test_a_saved_change_is_what_the_next_load_reads():
    config = IndexerConfig.load()
    config.rss_sync_interval = 60
    config.save()

    assert IndexerConfig.load().rss_sync_interval == 60
    assert IndexerConfig.objects.count() == 1
