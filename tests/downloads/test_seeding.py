"""Seeding goals travel from the torrent's indexer (seedCriteria) to the client at grab time."""

import pytest

from downloads.seeding import with_seed_goal
from tests.downloads.factories import release
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db


def torznab(**criteria: object):
    settings = {"baseUrl": "http://127.0.0.1:9", **{f"seedCriteria.{k}": v for k, v in criteria.items()}}
    return IndexerFactory(implementation="Torznab", settings=settings)


def test_a_torrent_carries_its_indexers_ratio_and_time():
    indexer = torznab(seedRatio=1.5, seedTime=90)

    goal = with_seed_goal(release("A", "torrent", indexer_id=indexer.pk))

    assert (goal.seed_ratio, goal.seed_time_minutes) == (1.5, 90)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, (None, None)),
        ({"seedRatio": "", "seedTime": None}, (None, None)),
        ({"seedRatio": "x", "seedTime": "30"}, (None, 30)),
        ({"seedRatio": -1}, (None, None)),
        ({"seedRatio": 0}, (0.0, None)),
    ],
)
def test_missing_or_unreadable_criteria_leave_the_clients_default(criteria, expected):
    indexer = torznab(**criteria)

    goal = with_seed_goal(release("A", "torrent", indexer_id=indexer.pk))

    assert (goal.seed_ratio, goal.seed_time_minutes) == expected


def test_usenet_and_indexerless_releases_carry_none():
    indexer = torznab(seedRatio=2)

    usenet = with_seed_goal(release("A", "usenet", indexer_id=indexer.pk))
    pushed = with_seed_goal(release("A", "torrent"))

    assert (usenet.seed_ratio, pushed.seed_ratio) == (None, None)
