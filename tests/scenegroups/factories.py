"""Factories for scene group rows: evidence (sightings, outcomes), learned reputations and their history."""

from datetime import UTC, date, datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from scenegroups.models import (
    DEFAULT_WEIGHTS,
    FACTOR_NAMES,
    Outcome,
    OutcomeKind,
    SceneGroup,
    ScoreHistory,
    Sighting,
)

SEEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def factors(score: float = 50.0, evidence: str = "Evidence for {name}.") -> list[dict]:
    """Every factor in the stored shape, each with the same score and a sentence naming it."""
    return [
        {
            "key": key,
            "name": name,
            "score": score,
            "weight": DEFAULT_WEIGHTS[key],
            "evidence": evidence.format(name=name),
        }
        for key, name in FACTOR_NAMES.items()
    ]


class SceneGroupFactory(DjangoModelFactory):
    class Meta:
        model = SceneGroup

    name = factory.Sequence(lambda n: f"Group{n}")
    key = factory.LazyAttribute(lambda group: group.name.lower())
    score = 50.0
    confidence = "medium"
    releases = 10
    indexers = factory.LazyFunction(lambda: ["NZBgeek"])
    qualities = factory.LazyFunction(lambda: ["Bluray-1080p"])
    last_seen = SEEN
    computed = SEEN
    factors = factory.LazyFunction(factors)


class ScoreHistoryFactory(DjangoModelFactory):
    class Meta:
        model = ScoreHistory

    group = factory.SubFactory(SceneGroupFactory)
    day = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    score = 50.0


class SightingFactory(DjangoModelFactory):
    class Meta:
        model = Sighting

    group = "group0"
    group_name = factory.LazyAttribute(lambda sighting: sighting.group)
    indexer_id = 1
    indexer = "NZBgeek"
    guid = factory.Sequence(lambda n: f"guid-{n}")
    title = factory.Sequence(lambda n: f"Movie.{2000 + n}.1080p.BluRay.x264-Group0")
    protocol = "torrent"
    quality = "Bluray-1080p"
    size = 8_000_000_000
    published = SEEN
    seen = SEEN
    seeders = 20


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    group = "group0"
    kind = OutcomeKind.IMPORTED
    key = factory.Sequence(lambda n: f"download-{n}")
    title = factory.Sequence(lambda n: f"Movie.{2000 + n}.1080p.BluRay.x264-Group0")
    date = SEEN
