"""Release group reputation in decisions: opt-in points per quality profile, explained in every decision.

Reputations come from SceneGroup rows made here directly; the context is loaded from the database
as the app loads it, movies are built in memory (the movies app passes them in the same way).
"""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from releases import qualities as q
from releases.decisions.context import ExistingFile, GrabbedRelease, MovieFacts, ProfileFacts, QueuedRelease
from releases.decisions.engine import Decision, decide, evaluate
from releases.decisions.loading import load_context
from releases.decisions.reputation import explanation, group_points, preload_reputations, reputation_points
from releases.models import QualityProfile
from releases.qualities import QualityModel
from releases.releaseinfo import ReleaseInfo
from scenegroups.models import SceneGroup, group_key
from scenegroups.reputation import Reputation

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
GB = 1024**3
FACTORS = [
    {"key": "seeder_health", "name": "Seeder health", "score": 95, "weight": 25, "evidence": ""},
    {"key": "internal_ratio", "name": "Internal ratio", "score": 90, "weight": 20, "evidence": ""},
    {"key": "completion_rate", "name": "Completion rate", "score": 80, "weight": 15, "evidence": ""},
    {"key": "recency", "name": "Recency", "score": 100, "weight": 10, "evidence": ""},
    {"key": "volume", "name": "Volume", "score": None, "weight": 5, "evidence": ""},
]


def hd_profile(**changes: Any) -> QualityProfile:
    """Radarr's default HD-1080p profile (cutoff Bluray-1080p), changed and saved."""
    profile = QualityProfile.objects.get(name="HD-1080p")
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def scene_group(name: str, score: float, confidence: str = "high", **changes: Any) -> SceneGroup:
    return SceneGroup.objects.create(
        key=group_key(name), name=name, score=score, confidence=confidence, factors=FACTORS, **changes
    )


def movie_for(profile: QualityProfile, **changes: Any) -> MovieFacts:
    movie = MovieFacts(id=10, title="Heat", year=1995, quality_profile_id=profile.pk, runtime=170)
    return replace(movie, **changes)


def release(title: str, age: timedelta = timedelta(days=2), **changes: Any) -> ReleaseInfo:
    info = ReleaseInfo(guid=title, title=title, size=12 * GB, protocol="usenet", publish_date=NOW - age)
    return replace(info, **changes)


def reasons(decision: Decision) -> list[str]:
    return [rejection.reason for rejection in decision.rejections]


def outcome(decisions: list[Decision]) -> list[tuple[str, int, list[str]]]:
    return [(d.release.guid, d.candidate.format_score if d.candidate else 0, reasons(d)) for d in decisions]


# ---- the points


@pytest.mark.parametrize(
    ("score", "confidence", "most", "points"),
    [
        (82, "high", 10, 8),
        (82, "medium", 10, 5),  # 4.92
        (82, "low", 10, 2),  # 2.05
        (50, "low", 10, 1),  # 1.25
        (100, "high", 25, 25),
        (30, "medium", 25, 5),  # 4.5, half rounds up
        (82, "high", 0, 0),  # off
    ],
)
def test_points_scale_the_profile_setting_by_score_and_confidence(score, confidence, most, points):
    reputation = Reputation(name="GRP", score=score, confidence=confidence)

    assert reputation_points(reputation, most) == points


def test_an_unknown_group_earns_no_points():
    assert reputation_points(None, 50) == 0


def test_the_bonus_is_added_to_the_custom_format_score():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)

    decision = decide(
        [(release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie_for(profile))], load_context()
    )[0]

    assert decision.candidate.reputation_points == 8 and decision.candidate.format_score == 8


def test_a_pinned_group_counts_as_high_confidence_at_its_pinned_score():
    scene_group("PinMe", 40, confidence="low", pinned_score=90)
    profile = hd_profile(scene_group_points=10)

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-PinMe"), movie_for(profile))], load_context())[0]

    assert decision.candidate.format_score == 9


def test_group_names_match_whatever_their_case():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)

    decision = decide(
        [(release("Heat.1995.1080p.BluRay.x264-FRAMESTOR"), movie_for(profile))], load_context()
    )[0]

    assert decision.candidate.reputation_points == 8


def test_the_bonus_counts_towards_the_profiles_minimum_score():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10, min_format_score=5)
    movie = movie_for(profile)
    batch = [
        (release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie),
        (release("Heat.1995.1080p.BluRay.x264-NOGRP"), movie),
    ]

    decisions = {d.release.guid: d for d in decide(batch, load_context())}

    assert decisions["Heat.1995.1080p.BluRay.x264-FraMeSToR"].approved
    assert reasons(decisions["Heat.1995.1080p.BluRay.x264-NOGRP"]) == ["CustomFormatMinimumScore"]


# ---- ranking


def mixed_batch(movie: MovieFacts) -> list[tuple[ReleaseInfo, MovieFacts]]:
    titles = [
        ("Heat.1995.1080p.BluRay.x264-FraMeSToR", timedelta(days=2)),
        ("Heat.1995.1080p.BluRay.x264-NOGRP", timedelta(minutes=30)),
        ("Heat.1995.1080p.BluRay.x264-LowRep", timedelta(hours=5)),
        ("Heat.1995.1080p.WEB-DL.DDP5.1.H.264-FLUX", timedelta(hours=1)),
        ("Heat.1995.720p.BluRay.x264-SPARKS", timedelta(days=1)),
        ("Heat.1995.1080p.BluRay.x264", timedelta(days=3)),
        ("Heat.1995.2160p.UHD.BluRay.x265-TERMiNAL", timedelta(days=1)),
    ]
    return [(release(title, age), movie) for title, age in titles]


def test_with_the_setting_off_a_batch_ranks_exactly_as_without_reputations():
    profile = hd_profile(scene_group_points=0)
    movie = movie_for(profile)
    without = outcome(decide(mixed_batch(movie), load_context(now=NOW)))
    scene_group("FraMeSToR", 100)
    scene_group("LowRep", 5, confidence="medium")
    scene_group("FLUX", 60, pinned_score=100)

    with_rows = outcome(decide(mixed_batch(movie), load_context(now=NOW)))

    assert with_rows == without
    assert without[0][0] == "Heat.1995.1080p.BluRay.x264-NOGRP"  # the freshest post of the best quality


def test_with_the_setting_on_a_reputable_group_ranks_first_within_its_quality():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)

    ranked = decide(mixed_batch(movie_for(profile)), load_context(now=NOW))

    assert ranked[0].release.guid == "Heat.1995.1080p.BluRay.x264-FraMeSToR"
    assert ranked[1].release.guid == "Heat.1995.1080p.BluRay.x264-NOGRP"


# ---- no upgrade loops: the file being replaced gets the same bonus


def bluray_file(group: str | None) -> ExistingFile:
    return ExistingFile(
        QualityModel(q.BLURAY_1080P), release_group=group, date_added=NOW - timedelta(days=30)
    )


def test_a_release_of_the_files_group_and_quality_is_not_an_upgrade_of_it():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile, file=bluray_file("FraMeSToR"))

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie)], load_context(now=NOW))[0]

    assert reasons(decision) == ["DiskCustomFormatScore"]
    assert "Custom format score 8 does not beat the existing file's 8" in decision.rejections[0].message


def test_a_release_of_a_better_group_upgrades_a_file_of_a_worse_one():
    scene_group("FraMeSToR", 82)
    scene_group("LowRep", 20, confidence="low")
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile, file=bluray_file("LowRep"))

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie)], load_context(now=NOW))[0]

    assert decision.approved, decision.explain()


def test_a_release_of_a_queued_releases_group_and_quality_does_not_replace_it():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile)
    context = load_context(now=NOW)
    queued = QueuedRelease("Heat.1995.1080p.BluRay.x264-FraMeSToR", QualityModel(q.BLURAY_1080P))
    context.downloads.queued = {movie.id: [queued]}

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-FraMeSToR.v2"), movie)], context)[0]

    assert reasons(decision) == ["QueueCustomFormatScore"]


def test_a_release_of_a_worse_group_does_not_upgrade_a_file_of_a_better_one():
    scene_group("FraMeSToR", 82)
    scene_group("LowRep", 20, confidence="low")
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile, file=bluray_file("FraMeSToR"))

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-LowRep"), movie)], load_context(now=NOW))[0]

    assert reasons(decision) == ["DiskCustomFormatScore"]
    assert "Custom format score 1 does not beat the existing file's 8" in decision.rejections[0].message


def test_a_recent_grab_of_a_better_group_is_not_replaced_by_a_release_of_a_worse_one():
    scene_group("FraMeSToR", 82)
    scene_group("LowRep", 20, confidence="low")
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile)
    context = load_context(now=NOW)
    grab = GrabbedRelease(
        "Heat.1995.1080p.BluRay.x264-FraMeSToR", QualityModel(q.BLURAY_1080P), NOW - timedelta(hours=1)
    )
    context.downloads.grabs = {movie.id: [grab]}

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-LowRep"), movie)], context)[0]

    assert reasons(decision) == ["HistoryCustomFormatScore"]


def test_upgrades_with_the_setting_on_need_no_reputation_for_the_file_when_the_group_is_unknown():
    profile = hd_profile(scene_group_points=10, cutoff_format_score=100)
    movie = movie_for(profile, file=bluray_file("NOGRP"))
    scene_group("FraMeSToR", 82)

    decision = decide([(release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie)], load_context(now=NOW))[0]

    assert decision.approved and decision.candidate.format_score == 8


# ---- one query per batch


def test_a_batch_reads_reputations_in_one_query_whatever_its_size(django_assert_num_queries):
    for n in range(30):
        scene_group(f"GRP{n}", 50 + n)
    profile = hd_profile(scene_group_points=10)
    context = load_context(now=NOW)
    movie = movie_for(profile, file=bluray_file("OldGroup"))
    batch = [(release(f"Heat.1995.1080p.BluRay.x264-GRP{n}"), movie) for n in range(30)]

    with django_assert_num_queries(1):
        decisions = decide(batch, context)

    assert sum(1 for d in decisions if d.reputation is not None) == 30


def test_deciding_again_for_groups_already_read_costs_no_query(django_assert_num_queries):
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)
    context = load_context(now=NOW)
    decide([(release("Heat.1995.1080p.BluRay.x264-FraMeSToR"), movie_for(profile))], context)

    with django_assert_num_queries(0):
        decision = evaluate(release("Heat.1995.1080p.WEB-DL.x264-FraMeSToR"), movie_for(profile), context)

    assert decision.candidate.reputation_points == 8


def test_preloading_lets_releases_be_evaluated_one_by_one_without_a_query_each(django_assert_num_queries):
    for n in range(5):
        scene_group(f"GRP{n}", 90)
    profile = hd_profile(scene_group_points=10)
    context = load_context(now=NOW)
    pairs = [(release(f"Heat.1995.1080p.BluRay.x264-GRP{n}"), movie_for(profile)) for n in range(5)]

    with django_assert_num_queries(1):
        preload_reputations(context, [(info.title, movie) for info, movie in pairs])
        decisions = [evaluate(info, movie, context) for info, movie in pairs]

    assert [d.candidate.reputation_points for d in decisions] == [9] * 5


def test_group_points_outside_a_batch_read_the_group_once(django_assert_num_queries):
    scene_group("FraMeSToR", 82)
    profile_id = hd_profile(scene_group_points=10).pk
    context = load_context(now=NOW)
    profile = context.profiles[profile_id]

    with django_assert_num_queries(1):
        first = group_points(context, profile, "FraMeSToR")
        again = group_points(context, profile, "framestor")

    assert first == again == 8


def test_group_points_cost_no_query_with_the_setting_off(django_assert_num_queries):
    scene_group("FraMeSToR", 82)
    profile_id = hd_profile(scene_group_points=0).pk
    context = load_context(now=NOW)
    profile = context.profiles[profile_id]

    with django_assert_num_queries(0):
        assert group_points(context, profile, "FraMeSToR") == 0


# ---- explanations


def explained(title: str, profile: QualityProfile, movie: bool = True) -> list[str]:
    pair = (release(title), movie_for(profile) if movie else None)
    return decide([pair], load_context(now=NOW))[0].explain()


def test_the_explanation_gives_score_confidence_top_factors_and_points():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)

    lines = explained("Heat.1995.1080p.BluRay.x264-FraMeSToR", profile)

    assert (
        "Release group FraMeSToR: reputation 82/100 (high confidence; seeder health 95, internal ratio 90, "
        "completion rate 80): +8 custom format points"
    ) in lines
    assert "Custom format score 8 in profile HD-1080p" in lines


def test_the_explanation_says_when_a_group_is_pinned():
    scene_group("PinMe", 40, confidence="low", pinned_score=90)
    profile = hd_profile(scene_group_points=10)

    lines = explained("Heat.1995.1080p.BluRay.x264-PinMe", profile)

    assert (
        "Release group PinMe: reputation 90/100 (pinned; seeder health 95, internal ratio 90, "
        "completion rate 80): +9 custom format points"
    ) in lines


def test_with_the_setting_off_the_explanation_still_shows_the_reputation():
    scene_group("FraMeSToR", 82, confidence="medium")
    profile = hd_profile(scene_group_points=0)

    lines = explained("Heat.1995.1080p.BluRay.x264-FraMeSToR", profile)

    assert (
        "Release group FraMeSToR: reputation 82/100 (medium confidence; seeder health 95, internal ratio 90, "
        "completion rate 80): no custom format points (off in profile HD-1080p)"
    ) in lines


def test_an_unknown_confidence_counts_as_low():
    assert reputation_points(Reputation(name="GRP", score=80, confidence="unheard-of"), 100) == 20


def test_the_explanation_of_a_group_without_factors_and_of_a_one_point_setting():
    reputation = Reputation(name="NEW", score=100, confidence="low")
    one_point = ProfileFacts(1, "HD-1080p", True, 7, (), scene_group_points=1)

    assert explanation("NEW", reputation, None, 0) == "Release group NEW: reputation 100/100 (low confidence)"
    assert explanation("NEW", reputation, one_point, 0) == (
        "Release group NEW: reputation 100/100 (low confidence): +0 custom format points"
    )


def test_the_explanation_says_when_a_group_is_not_scored_or_absent():
    profile = hd_profile(scene_group_points=10)

    assert "Release group NOGRP: not scored" in explained("Heat.1995.1080p.BluRay.x264-NOGRP", profile)
    assert "No release group in the title" in explained("Heat.1995.1080p.BluRay.x264", profile)


def test_a_release_for_no_library_movie_still_explains_its_groups_reputation():
    scene_group("FraMeSToR", 82)
    profile = hd_profile(scene_group_points=10)

    lines = explained("Heat.1995.1080p.BluRay.x264-FraMeSToR", profile, movie=False)

    assert any(
        line.startswith("Release group FraMeSToR: reputation 82/100 (high confidence;") for line in lines
    )
    assert not any("custom format points" in line for line in lines)


# ---- the quality profile setting: API (ours, beside Radarr's fields) and the editor


def send(api_client, method: str, path: str, body: object):
    return getattr(api_client, method)(path, json.dumps(body), content_type="application/json")


def test_the_profile_resource_shows_the_setting(api_client):
    hd_profile(scene_group_points=12)

    body = api_client.get("/api/v3/qualityprofile").json()

    assert {p["name"]: p["sceneGroupReputationPoints"] for p in body}["HD-1080p"] == 12
    assert api_client.get("/api/v3/qualityprofile/schema").json()["sceneGroupReputationPoints"] == 0


def test_a_put_that_sends_the_setting_stores_it(api_client):
    profile = hd_profile()
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()

    response = send(
        api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body | {"sceneGroupReputationPoints": 30}
    )

    assert response.status_code == 202 and response.json()["sceneGroupReputationPoints"] == 30
    profile.refresh_from_db()
    assert profile.scene_group_points == 30


@pytest.mark.parametrize("missing", ["absent", "null"])
def test_a_put_without_the_setting_keeps_the_stored_value(api_client, missing):
    profile = hd_profile(scene_group_points=25)
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()
    if missing == "absent":
        del body["sceneGroupReputationPoints"]  # what Recyclarr, pyarr and Radarr's UI send
    else:
        body["sceneGroupReputationPoints"] = None
    body["minUpgradeFormatScore"] = 5

    response = send(api_client, "put", f"/api/v3/qualityprofile/{profile.pk}", body)

    assert response.status_code == 202
    profile.refresh_from_db()
    assert profile.scene_group_points == 25 and profile.min_upgrade_format_score == 5


def test_a_new_profile_without_the_setting_has_it_off(api_client):
    body = api_client.get("/api/v3/qualityprofile/schema").json()
    del body["sceneGroupReputationPoints"]
    body["name"] = "Radarr client"
    body["items"][-1]["allowed"] = True
    body["cutoff"] = body["items"][-1].get("id") or body["items"][-1]["quality"]["id"]

    response = send(api_client, "post", "/api/v3/qualityprofile", body)

    assert response.status_code == 201, response.content
    assert QualityProfile.objects.get(name="Radarr client").scene_group_points == 0


@pytest.mark.parametrize("value", [101, -1, "many", 2.5])
def test_the_setting_must_be_a_whole_number_from_0_to_100(api_client, value):
    profile = hd_profile(scene_group_points=7)
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()

    response = send(
        api_client,
        "put",
        f"/api/v3/qualityprofile/{profile.pk}",
        body | {"sceneGroupReputationPoints": value},
    )

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == ["sceneGroupReputationPoints"]
    profile.refresh_from_db()
    assert profile.scene_group_points == 7


def editor_post(profile: QualityProfile, **fields: str) -> dict[str, Any]:
    """What the profile editor posts for `profile` unchanged (its rows highest first)."""
    shown = list(reversed(profile.items))
    keys = [f"g{item['id']}" if "qualities" in item else f"q{item['quality']}" for item in shown]
    data: dict[str, Any] = {
        "name": profile.name,
        "cutoff": str(profile.cutoff),
        "language": str(profile.language_id),
        "min_format_score": "0",
        "cutoff_format_score": "0",
        "min_upgrade_format_score": "1",
        "item": keys,
        "allowed": [key for key, item in zip(keys, shown, strict=True) if item["allowed"]],
    }
    for key, item in zip(keys, shown, strict=True):
        if "qualities" in item:
            data[f"name_{key}"] = item["name"]
            data[f"members_{key}"] = ",".join(str(quality) for quality in item["qualities"])
    return data | fields


def test_the_profile_editor_shows_the_setting_and_what_it_does(admin_client):
    profile = hd_profile(scene_group_points=15)

    body = admin_client.get(f"/settings/profiles/{profile.pk}").content.decode()

    assert 'name="scene_group_points" value="15"' in body
    assert "0 turns it off: releases rank exactly as in Radarr." in body


def test_the_profile_editor_saves_the_setting(admin_client):
    profile = hd_profile()

    response = admin_client.post(
        f"/settings/profiles/{profile.pk}", editor_post(profile, scene_group_points="40")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.scene_group_points == 40


def test_the_profile_editor_refuses_more_than_100(admin_client):
    profile = hd_profile(scene_group_points=3)

    response = admin_client.post(
        f"/settings/profiles/{profile.pk}", editor_post(profile, scene_group_points="150")
    )

    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.scene_group_points == 3
