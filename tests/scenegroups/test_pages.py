"""Scene Groups pages: the sortable list with search and paging, the weights form, a group's page
with factors, chart and latest evidence, pinning and unpinning."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from radarr import jobs
from radarr.models import Command
from scenegroups.charts import score_chart
from scenegroups.listing import PAGE_SIZE
from scenegroups.models import DEFAULT_WEIGHTS, ReputationSettings, SceneGroup
from tests.scenegroups.factories import (
    OutcomeFactory,
    SceneGroupFactory,
    ScoreHistoryFactory,
    SightingFactory,
    factors,
)

pytestmark = pytest.mark.django_db

LIST = "/scenegroups/"


def row_order(body: str, *names: str) -> list[str]:
    """The names in the order the table shows them (each linked to its page)."""
    return sorted(names, key=lambda name: body.index(f'/scenegroups/{name.lower()}/"'))


@pytest.fixture
def recompute_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """The RecomputeSceneGroups job as radarr/jobs.py lists it (added here until it is registered)."""
    if jobs.find_job("RecomputeSceneGroups") is None:
        job = jobs.Job(
            "RecomputeSceneGroups", "scenegroups.tasks.recompute_scene_groups", "Recompute Scene Groups"
        )
        monkeypatch.setattr(jobs, "JOBS", [*jobs.JOBS, job])


def test_the_pages_need_a_login(client):
    SceneGroupFactory(name="SPARKS")

    assert client.get(LIST).status_code == 302
    assert client.get("/scenegroups/sparks/").status_code == 302


def test_the_list_shows_each_column_with_a_confidence_badge_and_pin_mark(admin_client):
    SceneGroupFactory(
        name="FraMeSToR",
        score=91.2,
        confidence="high",
        releases=120,
        indexers=["BeyondHD", "Blutopia"],
        qualities=["Remux-2160p", "Remux-1080p"],
        last_seen=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    )
    SceneGroupFactory(name="SPARKS", score=30.0, pinned_score=75)

    body = admin_client.get(LIST).content.decode()

    assert "FraMeSToR" in body and "91.2" in body and "120" in body
    assert "BeyondHD, Blutopia" in body and "Remux-2160p, Remux-1080p" in body and "2026-03-01" in body
    assert '<span class="badge confidence-high">high</span>' in body
    sparks_row = body[body.index("/scenegroups/sparks/") : body.index("/scenegroups/sparks/") + 400]
    assert "75.0" in sparks_row and "pinned" in sparks_row


def test_the_list_opens_best_first(admin_client):
    SceneGroupFactory(name="Low", score=10.0)
    SceneGroupFactory(name="High", score=90.0)
    SceneGroupFactory(name="Pinned", score=5.0, pinned_score=95)

    body = admin_client.get(LIST).content.decode()

    assert row_order(body, "Low", "High", "Pinned") == ["Pinned", "High", "Low"]


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("group", "asc", ["Alpha", "Bravo", "Charlie"]),
        ("group", "desc", ["Charlie", "Bravo", "Alpha"]),
        ("confidence", "desc", ["Bravo", "Charlie", "Alpha"]),
        ("releases", "asc", ["Charlie", "Alpha", "Bravo"]),
        ("indexers", "desc", ["Alpha", "Charlie", "Bravo"]),
        ("qualities", "asc", ["Bravo", "Charlie", "Alpha"]),  # by name: Bluray-1080p, Bluray-720p, WEBDL
        ("lastSeen", "desc", ["Bravo", "Alpha", "Charlie"]),
        ("lastSeen", "asc", ["Alpha", "Bravo", "Charlie"]),  # never seen goes last either way
    ],
)
def test_each_column_sorts_server_side(admin_client, sort, direction, expected):
    SceneGroupFactory(
        name="Alpha",
        confidence="low",
        releases=50,
        indexers=["A", "B", "C"],
        qualities=["WEBDL-1080p"],
        last_seen=datetime(2026, 1, 1, tzinfo=UTC),
    )
    SceneGroupFactory(
        name="Bravo",
        confidence="high",
        releases=90,
        indexers=["A"],
        qualities=["Bluray-1080p"],
        last_seen=datetime(2026, 2, 1, tzinfo=UTC),
    )
    SceneGroupFactory(
        name="Charlie",
        confidence="medium",
        releases=5,
        indexers=["A", "B"],
        qualities=["Bluray-720p"],
        last_seen=None,
    )

    body = admin_client.get(f"{LIST}?sort={sort}&dir={direction}").content.decode()

    assert row_order(body, "Alpha", "Bravo", "Charlie") == expected


def test_a_sort_header_links_to_the_other_direction_with_a_real_href(admin_client):
    SceneGroupFactory(name="Alpha")

    body = admin_client.get(f"{LIST}?sort=releases&dir=desc").content.decode()

    assert 'href="/scenegroups/?sort=releases&amp;dir=asc"' in body
    assert 'hx-get="/scenegroups/?sort=releases&amp;dir=asc"' in body


def test_the_htmx_request_gets_only_the_table(admin_client):
    SceneGroupFactory(name="Alpha")

    response = admin_client.get(f"{LIST}?sort=group", headers={"HX-Request": "true", "HX-Target": "groups"})

    body = response.content.decode()
    assert 'id="groups"' in body and "/scenegroups/alpha/" in body
    assert "<html" not in body and "Factor weights" not in body


def test_the_search_box_filters_by_name_ignoring_case(admin_client):
    SceneGroupFactory(name="FraMeSToR")
    SceneGroupFactory(name="SPARKS")

    body = admin_client.get(f"{LIST}?search=frame").content.decode()

    assert "/scenegroups/framestor/" in body and "/scenegroups/sparks/" not in body


def test_the_list_pages_by_50(admin_client):
    SceneGroupFactory.create_batch(PAGE_SIZE + 5, score=50.0)

    body = admin_client.get(f"{LIST}?sort=group&dir=asc&page=2").content.decode()

    assert len(re.findall(r'href="/scenegroups/[^"?/]+/"', body)) == 5
    assert "Page 2 of 2" in body
    assert 'href="/scenegroups/?sort=group&amp;dir=asc"' in body  # Previous: page 1 leaves the page out


@pytest.mark.parametrize("count", [5, 120])
def test_the_table_costs_the_same_queries_for_few_or_many_groups(
    admin_client, django_assert_num_queries, count
):
    SceneGroupFactory.create_batch(count)
    fragment = {"HX-Request": "true", "HX-Target": "groups"}

    with django_assert_num_queries(5):  # session, user, the UI date settings, the count and one page of rows
        response = admin_client.get(f"{LIST}?sort=indexers&dir=desc", headers=fragment)

    assert response.status_code == 200


def weights_post(**changes: object) -> dict[str, object]:
    return {**DEFAULT_WEIGHTS, **changes}


def test_the_weights_form_shows_the_current_weights(admin_client):
    settings = ReputationSettings.load()
    settings.weights = {**DEFAULT_WEIGHTS, "seeder_health": 30, "internal_ratio": 15}
    settings.save()

    body = admin_client.get(LIST).content.decode()

    assert 'name="seeder_health" value="30"' in body and 'name="internal_ratio" value="15"' in body
    assert "Scores update at the next recompute" in body


def test_saving_weights_that_add_up_to_100_stores_them(admin_client):
    response = admin_client.post(
        reverse("scenegroups:weights"), weights_post(seeder_health=30, internal_ratio=15)
    )

    assert response.status_code == 302
    assert ReputationSettings.load().weight_map()["seeder_health"] == 30
    assert ReputationSettings.load().weight_map()["internal_ratio"] == 15


def test_weights_not_adding_up_to_100_are_refused_with_the_total_and_kept_in_the_form(admin_client):
    response = admin_client.post(reverse("scenegroups:weights"), weights_post(seeder_health=40))

    body = response.content.decode()
    assert response.status_code == 400
    assert "The weights add up to 115%; they must add up to exactly 100%" in body
    assert 'name="seeder_health" value="40"' in body  # nothing the user typed is lost
    assert ReputationSettings.load().weight_map() == DEFAULT_WEIGHTS


def test_a_weight_outside_0_to_100_is_named_in_the_form(admin_client):
    response = admin_client.post(reverse("scenegroups:weights"), weights_post(volume=-5, recency="ten"))

    body = response.content.decode()
    assert response.status_code == 400
    assert "Volume must be a whole number from 0 to 100" in body
    assert "Recency must be a whole number from 0 to 100" in body
    assert 'name="recency" value="ten"' in body


def test_recompute_now_queues_the_command(admin_client, recompute_job):
    response = admin_client.post(reverse("scenegroups:recompute"), follow=True)

    assert Command.objects.filter(name="RecomputeSceneGroups").count() == 1
    assert "Recompute queued" in response.content.decode()


def test_the_group_page_shows_scores_factors_and_evidence(admin_client):
    group = SceneGroupFactory(name="FraMeSToR", score=62.4, confidence="medium", factors=factors(70.0))
    SightingFactory(
        group="framestor",
        title="Arrival.2016.2160p.UHD.BluRay.REMUX-FraMeSToR",
        indexer="BeyondHD",
        quality="Remux-2160p",
        size=60_000_000_000,
        seeders=42,
        published=datetime(2026, 2, 20, 8, 0, tzinfo=UTC),
    )
    OutcomeFactory(group="framestor", kind="failed", title="Dune.2021.REMUX-FraMeSToR")
    ScoreHistoryFactory(group=group, day=date(2026, 2, 1), score=55.0)
    ScoreHistoryFactory(group=group, day=date(2026, 2, 2), score=62.4)

    body = admin_client.get("/scenegroups/FRAMESTOR/").content.decode()

    assert "<h1>FraMeSToR</h1>" in body and "62.4" in body and "medium confidence" in body
    assert "Seeder health" in body and "Evidence for Size appropriateness." in body and "25%" in body
    assert "Arrival.2016.2160p.UHD.BluRay.REMUX-FraMeSToR" in body and "BeyondHD" in body
    assert "Remux-2160p" in body and "55.9 GiB" in body and "42" in body and "Feb 20 2026 8am" in body
    assert "Failed" in body and "Dune.2021.REMUX-FraMeSToR" in body
    assert "<polyline" in body and "Feb 1 2026: 55.0" in body


def test_the_group_page_shows_what_hdbits_says_about_a_release(admin_client):
    SceneGroupFactory(name="CtrlHD", factors=factors(60.0))
    SightingFactory(
        group="ctrlhd",
        title="Heat.1995.1080p.BluRay.DTS.x264-CtrlHD",
        indexer="HDBits",
        medium="Encode",
        codec="H.264",
        times_completed=1234,
        internal=True,
    )

    body = admin_client.get("/scenegroups/ctrlhd/").content.decode()

    assert "(Encode, H.264)" in body and "1234" in body and "internal" in body


def test_a_factor_without_evidence_says_so(admin_client):
    stored = factors()
    stored[0]["score"] = None
    SceneGroupFactory(name="NTb", factors=stored)

    body = admin_client.get("/scenegroups/ntb/").content.decode()

    assert "no evidence" in body


def test_an_unknown_group_page_is_a_404(admin_client):
    assert admin_client.get("/scenegroups/nobody/").status_code == 404


def test_pinning_keeps_the_learned_score_apart(admin_client):
    SceneGroupFactory(name="SPARKS", score=40.0, confidence="low")

    response = admin_client.post(
        reverse("scenegroups:pin", args=["sparks"]), {"score": "85", "pinNote": "Good encodes"}, follow=True
    )

    group = SceneGroup.objects.get(key="sparks")
    assert (group.pinned_score, group.pin_note, group.score, group.confidence) == (
        85,
        "Good encodes",
        40.0,
        "low",
    )
    body = response.content.decode()
    learned = body[body.index('id="learned-score"') : body.index('id="pinned-score"')]
    pinned = body[body.index('id="pinned-score"') : body.index("</section>", body.index('id="pinned-score"'))]
    assert "40.0" in learned and "85" in pinned and "Good encodes" in pinned


def test_an_invalid_pin_is_shown_in_the_form_with_what_was_typed(admin_client):
    SceneGroupFactory(name="SPARKS")

    response = admin_client.post(
        reverse("scenegroups:pin", args=["sparks"]), {"score": "150", "pinNote": "Too keen"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Score must be a whole number from 0 to 100" in body
    assert 'name="score" value="150"' in body and 'value="Too keen"' in body
    assert SceneGroup.objects.get(key="sparks").pinned_score is None


def test_unpinning_goes_back_to_the_learned_score(admin_client):
    SceneGroupFactory(name="SPARKS", score=40.0, pinned_score=90, pin_note="old")

    response = admin_client.post(reverse("scenegroups:unpin", args=["sparks"]), follow=True)

    group = SceneGroup.objects.get(key="sparks")
    assert (group.pinned_score, group.pin_note) == (None, "")
    assert "Not pinned" in response.content.decode()


def test_the_nav_links_to_scene_groups(admin_client):
    body = admin_client.get(LIST).content.decode()

    assert '<a href="/scenegroups/" aria-current="page">Scene Groups</a>' in body


def test_the_chart_places_points_by_date_on_a_0_to_100_scale():
    chart = score_chart([(date(2026, 1, 1), 0.0), (date(2026, 1, 2), 100.0), (date(2026, 1, 11), 50.0)])

    first, second, last = chart.points
    assert first.x == chart.left and last.x == chart.right_edge
    assert second.x - first.x == pytest.approx((last.x - first.x) / 10)  # 1 day of 10
    assert first.y == chart.grid[0][0] and second.y == chart.grid[-1][0]  # 0 at the bottom, 100 at the top
    assert last.y == pytest.approx((first.y + second.y) / 2)
    assert chart.pin_y is None


def test_the_chart_draws_a_pin_line_and_a_lone_point_in_the_middle():
    chart = score_chart([(date(2026, 1, 1), 60.0)], pinned=75)

    assert chart.points[0].x == pytest.approx((chart.left + chart.right_edge) / 2)
    assert chart.pin_y == pytest.approx(chart.grid[0][0] - (chart.grid[0][0] - chart.grid[-1][0]) * 0.75)


def test_there_is_no_chart_without_history():
    assert score_chart([]) is None
