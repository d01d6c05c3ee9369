"""Indexer rows for tests (the lead may move this into tests/factories.py)."""

import factory
from factory.django import DjangoModelFactory

from indexers.models import Indexer


class IndexerFactory(DjangoModelFactory):
    class Meta:
        model = Indexer

    name = factory.Sequence(lambda n: f"Indexer {n}")
    implementation = "Newznab"
    settings = factory.LazyFunction(
        lambda: {"baseUrl": "http://127.0.0.1:9", "apiPath": "/api", "apiKey": "k" * 32, "categories": [2000]}
    )
