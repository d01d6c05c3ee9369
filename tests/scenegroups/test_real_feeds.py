"""Real indexer answers feed the analysis: captured HDBits, Torznab and Newznab responses (the shared
fixtures, when present) and small feeds of our own making, read through our implementations from a
fake server, recorded as sightings and recomputed. The ranking they give must be stable (the same on
every recompute, whatever order the feeds arrived in) and explainable (each group's factors carry a
sentence, and its score is what its factors add up to)."""

from datetime import UTC, datetime

import pytest

from indexers.evidence import record_batch
from indexers.gathering import gather_recent
from scenegroups.models import SceneGroup, Sighting
from scenegroups.recompute import recompute
from tests.fakeserver import FakeServer
from tests.scenegroups.feeds import Feed, own_feeds, serve, with_seeders
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 2, 1, tzinfo=UTC)  # recency is measured from here, so the ranking cannot drift


def shared_feeds() -> list[Feed]:
    captures = SHARED_FIXTURES / "indexers"
    return [
        Feed.of("hdbits", "HDBits", captures / "HdBits" / "RecentFeedLongIDs.json"),
        Feed.of("hdaccess", "Torznab", captures / "Torznab" / "torznab_hdaccess_net.xml"),
        Feed.of("tpb", "Torznab", captures / "Torznab" / "torznab_tpb.xml"),
        Feed.of("animetosho", "Torznab", captures / "Torznab" / "torznab_animetosho.xml"),
        Feed.of("prowlarr", "Torznab", captures / "autobrr-torznab" / "torznab_response.xml"),
        Feed.of("nzbsu", "Newznab", captures / "Newznab" / "newznab_nzb_su.xml"),
    ]


# (feeds, the Torznab feed whose seeders a test raises, the group whose seeders it raises)
FEED_SETS = {
    "own": (own_feeds, "orchard", "EVO"),
    "shared": (shared_feeds, "hdaccess", "HDX"),
}


@pytest.fixture(params=["own", pytest.param("shared", marks=requires_shared)])
def feed_set(request: pytest.FixtureRequest) -> tuple[list[Feed], str, str]:
    feeds, tracker, group = FEED_SETS[request.param]
    return feeds(), tracker, group


def ingest(server: FakeServer, feeds: list[Feed]) -> None:
    """Each feed as an RSS sync reads it (one indexer at a time, in this order), recorded as evidence."""
    for feed in feeds:
        indexer = serve(server, feed)
        assert record_batch(gather_recent([indexer]), source="rss"), f"{feed.name} gave no group"


def ranking() -> list[tuple[str, float, str]]:
    """Recompute every group as of NOW: (group, score, confidence), best first."""
    recompute(now=NOW)
    groups = SceneGroup.objects.order_by("-score", "key")
    return [(group.key, group.score, group.confidence) for group in groups]


def test_the_ranking_is_the_same_on_every_recompute(fake_server, feed_set):
    feeds, _, _ = feed_set
    ingest(fake_server, feeds)

    first, second = ranking(), ranking()

    assert first == second
    assert len(first) == Sighting.objects.values("group").distinct().count() >= 4


def test_the_ranking_does_not_depend_on_the_order_the_feeds_arrived_in(fake_server, feed_set):
    feeds, _, _ = feed_set
    ingest(fake_server, feeds)
    forward = ranking()
    forward_factors = dict(SceneGroup.objects.values_list("key", "factors"))
    Sighting.objects.all().delete()
    SceneGroup.objects.all().delete()

    ingest(fake_server, list(reversed(feeds)))

    assert ranking() == forward
    assert dict(SceneGroup.objects.values_list("key", "factors")) == forward_factors


def test_each_ranked_group_explains_its_score_with_its_factors(fake_server, feed_set):
    feeds, _, _ = feed_set
    ingest(fake_server, feeds)

    ranking()

    for group in SceneGroup.objects.all():
        assert len(group.factors) == 8
        assert all(factor["evidence"].strip() for factor in group.factors), group.key
        scored = [factor for factor in group.factors if factor["score"] is not None]
        assert scored, f"{group.key} has a score without any factor behind it"
        total = sum(factor["weight"] for factor in scored)
        expected = sum(factor["score"] * factor["weight"] for factor in scored) / total
        assert group.score == pytest.approx(expected, abs=0.1), group.key  # factors are shown rounded


def test_raising_a_groups_seeders_raises_its_seeder_health_and_its_score(fake_server, feed_set):
    feeds, tracker_name, group = feed_set
    ingest(fake_server, feeds)
    ranking()
    before = SceneGroup.objects.get(key=group.lower())
    tracker = next(feed for feed in feeds if feed.name == tracker_name)

    ingest(
        fake_server, [Feed(tracker.name, tracker.implementation, with_seeders(tracker.content, group, 900))]
    )
    ranking()

    after = SceneGroup.objects.get(key=group.lower())
    assert _factor(after, "seeder_health") > _factor(before, "seeder_health")
    assert after.score > before.score
    assert "900 seeders" in _evidence(after, "seeder_health")


def test_our_feeds_rank_the_groups_as_their_evidence_reads(fake_server):
    ingest(fake_server, own_feeds())

    order = [key for key, _, _ in ranking()]

    # FraMeSToR: internal, well seeded, often completed; SPARKS: scene, fewer seeders; FLUX: usenet
    # and one HDBits torrent; EVO: barely seeded, rarely completed
    assert order == ["framestor", "sparks", "flux", "evo"]


def test_the_usenet_only_group_is_not_judged_on_seeders(fake_server):
    ingest(fake_server, [feed for feed in own_feeds() if feed.implementation == "Newznab"])

    ranking()

    flux = SceneGroup.objects.get(key="flux")
    assert _factor(flux, "seeder_health") is None and _factor(flux, "completion_rate") is not None


def _factor(group: SceneGroup, key: str) -> float | None:
    return next(factor["score"] for factor in group.factors if factor["key"] == key)


def _evidence(group: SceneGroup, key: str) -> str:
    return next(factor["evidence"] for factor in group.factors if factor["key"] == key)
