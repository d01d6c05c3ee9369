"""Recomputing reputations from the evidence in the database: the sums SQL makes (decay, per-release
levels) checked against worked examples, what is written (and never written: the pin), score history,
and a query count that does not grow with the number of groups.

Hand arithmetic: ln 51 = 3.93183, ln 4 = 1.38629, ln 501 = 6.21661; default half-life 180 days.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scenegroups.models import FACTOR_NAMES, ReputationSettings, SceneGroup, ScoreHistory, Sighting
from scenegroups.recompute import recompute
from scenegroups.tasks import recompute_reputations
from tests.scenegroups.factories import OutcomeFactory, SightingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
GB = 1_000_000_000


def sighting(group: str = "grp", **fields: object) -> Sighting:
    """A release seen now on a torrent tracker, with nothing else known unless a test says so."""
    known = {
        "published": NOW,
        "seen": NOW,
        "protocol": "torrent",
        "indexer": "Tracker",
        "seeders": 0,
        "leechers": 0,
        "times_completed": None,
        "quality": "",
        "size": 0,
        "preferred_size": 0,
        "category": None,
        "internal": False,
    }
    return SightingFactory(group=group, **(known | fields))


def factor_scores(key: str = "grp") -> dict[str, float | None]:
    return {factor["key"]: factor["score"] for factor in SceneGroup.objects.get(key=key).factors}


def test_fresh_evidence_fills_every_factor_and_the_learned_fields():
    sighting(
        group_name="GRP",
        indexer="TrackerA",
        seeders=50,  # level 1
        internal=True,
        quality="Bluray-1080p",
        size=8 * GB,
        preferred_size=4 * GB,  # twice the preferred size: 1 - ln 2 / ln 4 = 0.5
        category=2040,
        seen=NOW + timedelta(hours=2),
    )
    sighting(
        group_name="GRP",
        indexer="TrackerB",
        seeders=0,  # level 0
        quality="Bluray-1080p",
        size=4 * GB,
        preferred_size=4 * GB,  # closeness 1
        category=2045,
    )
    sighting(
        group_name="grp",
        indexer="NZBgeek",
        protocol="usenet",
        seeders=None,
        leechers=None,
        quality="WEBDL-1080p",
    )

    written = recompute(now=NOW)

    group = SceneGroup.objects.get(key="grp")
    assert written == 1
    assert factor_scores() == {
        "seeder_health": 50.0,  # (1 + 0) / 2
        "internal_ratio": 50.0,  # 1 of 2 torrents
        "completion_rate": None,  # no counts, none of ours
        "quality_consistency": 66.7,  # 2 of 3 Bluray-1080p
        "recency": 100.0,
        "category_diversity": 100.0,  # 2 categories + 3 indexers - 1 = 4
        "volume": 22.3,  # ln 4 / ln 501 = 0.22300
        "size_appropriateness": 75.0,  # (0.5 + 1) / 2
    }
    # (50 * 25 + 50 * 20 + 66.667 * 12 + 100 * 10 + 100 * 8 + 22.300 * 5 + 75 * 5) / 85 = 5336.5 / 85
    assert group.score == 62.8
    assert group.confidence == "low"
    assert group.name == "GRP"
    assert group.releases == 3
    assert group.indexers == ["NZBgeek", "TrackerA", "TrackerB"]
    assert group.qualities == ["Bluray-1080p", "WEBDL-1080p"]
    assert group.last_seen == NOW + timedelta(hours=2)
    assert group.computed == NOW
    assert [factor["name"] for factor in group.factors] == list(FACTOR_NAMES.values())
    assert group.factors[0]["evidence"] == "2 torrents, typically 6 seeders"  # exp(ln 51 / 2) - 1 = 6.14


def test_evidence_one_half_life_old_counts_half():
    sighting(seeders=0)
    sighting(seeders=50, published=NOW - timedelta(days=180))

    recompute(now=NOW)

    scores = factor_scores()
    assert scores["seeder_health"] == 33.3  # 0.5 / 1.5
    assert scores["volume"] == 14.7  # ln 2.5 / ln 501 = 0.91629 / 6.21661


def test_the_half_life_is_a_setting():
    ReputationSettings.objects.update_or_create(pk=1, defaults={"half_life_days": 90})
    sighting(seeders=0)
    sighting(seeders=50, published=NOW - timedelta(days=180))  # two half-lives: 0.25

    recompute(now=NOW)

    assert factor_scores()["seeder_health"] == 20.0  # 0.25 / 1.25


def test_a_release_dated_in_the_future_counts_as_fresh_not_more():
    sighting(seeders=0)
    sighting(seeders=50, published=NOW + timedelta(days=30))

    recompute(now=NOW)

    assert factor_scores()["seeder_health"] == 50.0


def test_completion_counts_are_per_day_since_publishing():
    # 99 completions in 100 days: log10(1 + 100 * 0.99) / 3 = 2/3
    sighting(times_completed=99, published=NOW - timedelta(days=100))
    # an hour old counts as a day: log10(1 + 100 * 5) / 3 = 2.69984 / 3 = 0.89995
    sighting(group="newer", times_completed=5, published=NOW - timedelta(hours=1))

    recompute(now=NOW)

    assert factor_scores()["completion_rate"] == 66.7
    assert factor_scores("newer")["completion_rate"] == 90.0


def test_our_outcomes_blend_into_the_completion_rate():
    sighting(times_completed=99, published=NOW - timedelta(days=100))
    OutcomeFactory(group="grp", kind="imported", date=NOW)
    OutcomeFactory(group="grp", kind="grabbed", date=NOW)

    recompute(now=NOW)

    group = SceneGroup.objects.get(key="grp")
    # ours 1 of 1 imported, weighing 1 / (1 + 3): 0.25 * 1 + 0.75 * 2/3 = 0.75
    assert factor_scores()["completion_rate"] == 75.0
    assert group.outcomes == {"grabbed": 1, "imported": 1}


def test_size_is_compared_with_the_preferred_size_in_log_space():
    sighting(size=32 * GB, preferred_size=4 * GB)  # 8x: past 4x, closeness 0
    sighting(size=2 * GB, preferred_size=4 * GB)  # half: 1 - ln 2 / ln 4 = 0.5
    sighting(size=5 * GB, preferred_size=0)  # no preferred size: left out

    recompute(now=NOW)

    group = SceneGroup.objects.get(key="grp")
    assert factor_scores()["size_appropriateness"] == 25.0
    assert group.factors[7]["evidence"] == "2 releases, typically 2.00x the preferred size"  # sqrt(8 * 0.5)


def test_the_name_is_the_most_common_spelling():
    sighting(group_name="FraMeSToR")
    sighting(group_name="FraMeSToR")
    sighting(group_name="framestor")

    recompute(now=NOW)

    assert SceneGroup.objects.get(key="grp").name == "FraMeSToR"


def test_a_recompute_never_touches_the_pin():
    SceneGroup.objects.create(key="grp", name="GRP", score=10.0, pinned_score=90, pin_note="Trusted encoder")
    sighting(seeders=50)

    recompute(now=NOW)

    group = SceneGroup.objects.get(key="grp")
    assert (group.pinned_score, group.pin_note) == (90, "Trusted encoder")
    assert group.score != 10.0


def test_a_group_whose_evidence_is_gone_keeps_its_row_pin_and_last_sighting_but_no_score():
    seen = datetime(2025, 1, 5, tzinfo=UTC)
    SceneGroup.objects.create(
        key="gone", name="Gone", score=70.0, confidence="high", releases=40, last_seen=seen, pinned_score=5
    )

    written = recompute(now=NOW)

    group = SceneGroup.objects.get(key="gone")
    assert written == 1
    assert (group.name, group.pinned_score, group.last_seen) == ("Gone", 5, seen)
    assert (group.score, group.confidence, group.releases) == (0.0, "low", 0)
    assert all(factor["score"] is None for factor in group.factors)
    assert not ScoreHistory.objects.filter(group=group).exists()


def test_a_group_known_only_from_our_outcomes_is_scored_on_them():
    OutcomeFactory(group="newgrp", kind="imported", date=NOW)
    OutcomeFactory(group="newgrp", kind="imported", date=NOW)

    recompute(now=NOW)

    group = SceneGroup.objects.get(key="newgrp")
    assert (group.name, group.releases, group.outcomes) == ("newgrp", 0, {"imported": 2})
    assert group.score == 100.0  # completion rate is the only factor with evidence
    assert ScoreHistory.objects.get(group=group).score == 100.0


def test_history_keeps_one_score_per_day():
    sighting(seeders=0)
    recompute(now=NOW)
    sighting(seeders=50)
    recompute(now=NOW + timedelta(hours=1))  # same day: the day's row follows the latest score
    recompute(now=NOW + timedelta(days=1))

    history = list(ScoreHistory.objects.filter(group__key="grp").values_list("day", "score"))

    score = SceneGroup.objects.get(key="grp").score
    assert history == [(date(2026, 6, 1), score), (date(2026, 6, 2), score)]


def test_history_rows_belong_to_their_groups_when_old_and_new_groups_mix():
    SceneGroup.objects.create(key="old", name="Old")
    sighting(group="new", seeders=50)
    sighting(group="old", seeders=0)

    recompute(now=NOW)

    for key in ("new", "old"):
        group = SceneGroup.objects.get(key=key)
        assert ScoreHistory.objects.get(group=group).score == group.score
    assert SceneGroup.objects.get(key="new").score != SceneGroup.objects.get(key="old").score


def test_naming_groups_recomputes_only_those():
    sighting(group="alpha")
    sighting(group="beta")

    written = recompute(["ALPHA", " ", ""], now=NOW)

    assert written == 1
    assert list(SceneGroup.objects.values_list("key", flat=True)) == ["alpha"]


def test_a_recompute_without_new_evidence_changes_nothing():
    sighting(group_name="A", indexer="One", quality="Bluray-1080p", seeders=12)
    sighting(group_name="a", indexer="Two", quality="WEBDL-1080p", seeders=3)
    recompute(now=NOW)
    first = SceneGroup.objects.values().get(key="grp")

    recompute(now=NOW)

    assert SceneGroup.objects.values().get(key="grp") == first


def make_groups(count: int) -> None:
    for number in range(count):
        sighting(group=f"group{number}", seeders=number, quality="Bluray-1080p", category=2040)
        sighting(group=f"group{number}", protocol="usenet", seeders=None, indexer="NZBgeek")
        OutcomeFactory(group=f"group{number}", kind="imported", date=NOW)


def queries_to_recompute() -> int:
    with CaptureQueriesContext(connection) as captured:
        recompute(now=NOW)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_groups(django_assert_max_num_queries):
    ReputationSettings.load()  # created once, on the first recompute ever
    make_groups(3)
    few = queries_to_recompute()
    make_groups(30)  # groups 0-2 again plus 27 new ones

    with django_assert_max_num_queries(few):
        recompute(now=NOW)

    assert SceneGroup.objects.count() == 30
    assert few <= 12


def test_the_scheduled_job_recomputes_every_group():
    sighting(group="alpha")
    sighting(group="beta")

    assert recompute_reputations() == "Recomputed the reputation of 2 scene group(s)"
    assert SceneGroup.objects.count() == 2
