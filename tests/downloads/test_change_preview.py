"""Preview of a quality profile or custom format change: which files it would newly upgrade or stop
upgrading, and which releases in the queue it would reject, before anything is saved."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from downloads.models import PendingRelease
from downloads.pending import release_to_json
from radarr.models import Command
from releases.defaults import profile_items
from releases.models import ProfileFormatScore, QualityProfile
from releases.qualities import QUALITIES_BY_ID
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory, release
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.movies.test_rules_agree import _format
from tests.releases.test_profile_pages import editor_post

pytestmark = pytest.mark.django_db

HDTV_720, BLURAY_720, BLURAY_1080 = 4, 6, 7


def _profile(name: str, scores: dict[int, int], **fields: object) -> QualityProfile:
    """A profile a client could save: every quality listed, 720p and up allowed, Bluray-720p the cutoff."""
    allowed = [QUALITIES_BY_ID[q] for q in (HDTV_720, BLURAY_720, BLURAY_1080)]
    items, cutoff = profile_items(allowed, QUALITIES_BY_ID[BLURAY_720])
    profile = QualityProfile.objects.create(name=name, items=items, cutoff=cutoff, **fields)
    ProfileFormatScore.objects.bulk_create(
        ProfileFormatScore(profile=profile, custom_format_id=format_id, score=score)
        for format_id, score in scores.items()
    )
    return profile


def _with_file(title: str, profile: QualityProfile, quality: int, tokens: str, imported_days_ago: int = 30):
    movie = MovieFactory(title=title, year=2010, quality_profile=profile)
    added = timezone.now() - timedelta(days=imported_days_ago)
    name = f"{title} (2010) {tokens} 1080p BluRay-GRP.mkv".replace("  ", " ")
    MovieFileFactory(movie=movie, quality_id=quality, relative_path=name, date_added=added)
    return movie


def _queue(movie, title: str) -> None:
    TrackedDownloadFactory(client=DownloadClientFactory(), movie=movie, title=title)


def _pending(movie, title: str) -> None:
    info = release(title)
    PendingRelease.objects.create(
        movie=movie,
        guid=info.guid,
        title=title,
        added=timezone.now(),
        release=release_to_json(info),
        reason="Delay",
    )


@pytest.fixture
def library():
    """A profile (cutoff Bluray-720p and score 50) and its movies; the other profile's are left alone."""
    x265 = _format("x265", r"\b(x265)\b")
    profile = _profile("Previewed", {x265: 80}, cutoff_format_score=50)
    other = _profile("Other", {x265: 80}, cutoff_format_score=50)
    stops = _with_file("Window Ends", profile, HDTV_720, "", imported_days_ago=20)
    _queue(stops, "Window Ends 2010 1080p BluRay x264-GRP")
    upgrading = _with_file("Still Upgrading", profile, HDTV_720, "", imported_days_ago=2)
    _pending(upgrading, "Still Upgrading 2010 1080p BluRay x264-GRP")
    _with_file("Scores Eighty", profile, BLURAY_1080, "x265", imported_days_ago=1)
    _with_file("Elsewhere", other, HDTV_720, "", imported_days_ago=20)
    return {"profile": profile, "x265": x265}


def _profile_body(api_client, profile: QualityProfile, **changes: object) -> dict:
    return api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json() | changes


def _preview(api_client, profile: QualityProfile, body: dict):
    return api_client.post(
        f"/api/v3/qualityprofile/{profile.pk}/preview", json.dumps(body), content_type="application/json"
    )


def test_a_window_and_a_higher_score_cutoff_show_what_they_would_change(library, api_client):
    profile = library["profile"]
    body = _profile_body(api_client, profile, upgradeWindowDays=7, cutoffFormatScore=100)

    response = _preview(api_client, profile, body)

    assert response.status_code == 200, response.content
    preview = response.json()
    assert preview["filesChecked"] == 3 and preview["queueChecked"] == 2
    assert [(c["title"], c["customFormatScoreAfter"]) for c in preview["newlyCutoffUnmet"]] == [
        ("Scores Eighty", 80)
    ]
    assert [c["title"] for c in preview["noLongerCutoffUnmet"]] == ["Window Ends"]
    [rejected] = preview["queueRejected"]
    assert (rejected["movieTitle"], rejected["source"]) == ("Window Ends", "download")
    assert [r["reason"] for r in rejected["rejections"]] == ["UpgradeWindowEnded"]


def test_a_preview_saves_nothing_and_queues_nothing(library, api_client, django_capture_on_commit_callbacks):
    profile = library["profile"]

    with django_capture_on_commit_callbacks(execute=True):
        _preview(api_client, profile, _profile_body(api_client, profile, upgradeWindowDays=7))

    profile.refresh_from_db()
    assert profile.upgrade_window_days is None and not Command.objects.exists()


def test_an_unchanged_profile_changes_nothing(library, api_client):
    profile = library["profile"]

    preview = _preview(api_client, profile, _profile_body(api_client, profile)).json()

    assert (preview["newlyCutoffUnmet"], preview["noLongerCutoffUnmet"], preview["queueRejected"]) == (
        [],
        [],
        [],
    )


def test_a_profile_that_could_not_be_saved_is_a_400_as_a_save_would_be(library, api_client):
    profile = library["profile"]

    response = _preview(api_client, profile, _profile_body(api_client, profile, upgradeWindowDays=-1))

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == ["upgradeWindowDays"]


def test_a_preview_of_a_missing_profile_is_a_404(api_client):
    assert _preview(api_client, QualityProfile(pk=999_999), {}).status_code == 404


def _grow(profile: QualityProfile, count: int) -> None:
    """More movies with files and queued releases for the same profile."""
    for number in range(count):
        movie = _with_file(f"Extra {number}", profile, HDTV_720, "", imported_days_ago=20)
        _queue(movie, f"Extra {number} 2010 1080p BluRay x264-GRP")
        _pending(movie, f"Extra {number} 2010 720p BluRay x264-GRP")


def _queries(api_client, path: str, body: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api_client.post(path, json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return len(captured)


def test_a_profile_preview_costs_the_same_queries_for_a_bigger_library(library, api_client):
    profile = library["profile"]
    body = _profile_body(api_client, profile, upgradeWindowDays=7)
    path = f"/api/v3/qualityprofile/{profile.pk}/preview"
    small = _queries(api_client, path, body)

    _grow(profile, 12)

    assert _queries(api_client, path, body) == small
    assert len(_preview(api_client, profile, body).json()["queueRejected"]) == 1 + 12 * 2


def _format_body(pattern: str) -> dict:
    condition = {
        "name": "x265",
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": True,
        "fields": [{"name": "value", "value": pattern}],
    }
    return {"name": "x265", "specifications": [condition]}


def test_a_format_matching_more_files_shows_the_files_it_lifts_over_the_cutoff(library, api_client):
    x265 = library["x265"]
    lifted = _with_file("Hevc Named", library["profile"], BLURAY_1080, "HEVC")

    response = api_client.post(
        f"/api/v3/customformat/{x265}/preview",
        _format_body(r"\b(x265|HEVC)\b"),
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    preview = response.json()
    assert [change["movieId"] for change in preview["noLongerCutoffUnmet"]] == [lifted.pk]
    assert preview["newlyCutoffUnmet"] == [] and preview["filesChecked"] == 5  # both profiles score it


def test_a_format_matching_less_rejects_the_queued_releases_the_profile_needs_it_for(library, api_client):
    profile = library["profile"]
    QualityProfile.objects.filter(pk=profile.pk).update(min_format_score=10)
    movie = _with_file("Needs It", profile, HDTV_720, "", imported_days_ago=1)
    _queue(movie, "Needs It 2010 1080p BluRay x265-GRP")

    response = api_client.post(
        f"/api/v3/customformat/{library['x265']}/preview",
        _format_body(r"\bHEVC\b"),
        content_type="application/json",
    )

    [rejected] = response.json()["queueRejected"]
    assert rejected["title"] == "Needs It 2010 1080p BluRay x265-GRP"
    assert [r["reason"] for r in rejected["rejections"]] == ["CustomFormatMinimumScore"]


def test_a_format_preview_costs_the_same_queries_for_a_bigger_library(library, api_client):
    path = f"/api/v3/customformat/{library['x265']}/preview"
    body = _format_body(r"\b(x265|HEVC)\b")
    small = _queries(api_client, path, body)

    _grow(library["profile"], 12)

    assert _queries(api_client, path, body) == small


def test_an_invalid_format_is_a_400(library, api_client):
    response = api_client.post(
        f"/api/v3/customformat/{library['x265']}/preview",
        _format_body("(unclosed"),
        content_type="application/json",
    )

    assert response.status_code == 400


# ---- the editors' Preview buttons


def _editor_post(profile: QualityProfile, **changes: str) -> dict:
    """What the editor posts for the stored profile, with `changes`."""
    scores = {f"score_{row.custom_format_id}": str(row.score) for row in profile.format_scores.all()}
    stored = {"name": profile.name, "cutoff": str(profile.cutoff), "upgrade_allowed": "on"}
    return editor_post(profile.items, **stored, **scores) | changes


def test_the_profile_editors_preview_answers_a_fragment_under_the_editor(library, admin_client):
    profile = library["profile"]
    post = _editor_post(profile, upgrade_window_days="7", cutoff_format_score="50")

    response = admin_client.post(
        f"/settings/profiles/{profile.pk}/preview", post, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "No longer upgraded" in body and "Window Ends" in body and "UpgradeWindowEnded" in body
    assert "Still Upgrading" not in body
    profile.refresh_from_db()
    assert profile.upgrade_window_days is None


def test_without_javascript_the_preview_is_a_page_with_a_way_back(library, admin_client):
    profile = library["profile"]

    response = admin_client.post(f"/settings/profiles/{profile.pk}/preview", _editor_post(profile))

    body = response.content.decode()
    assert "<html" in body and f'href="/settings/profiles/{profile.pk}"' in body
    assert "Nothing changes for the library or the queue." in body


def test_the_editor_preview_of_a_profile_that_could_not_be_saved_says_why(library, admin_client):
    profile = library["profile"]
    post = _editor_post(profile, name="")

    response = admin_client.post(
        f"/settings/profiles/{profile.pk}/preview", post, headers={"HX-Request": "true"}
    )

    assert "cannot be saved" in response.content.decode()


def test_the_profile_editor_offers_the_preview_button(library, admin_client):
    profile = library["profile"]

    body = admin_client.get(f"/settings/profiles/{profile.pk}").content.decode()

    assert f'hx-post="/settings/profiles/{profile.pk}/preview"' in body and 'id="change-preview"' in body


def test_the_custom_format_editors_preview(library, admin_client):
    x265 = library["x265"]
    lifted = _with_file("Hevc Named", library["profile"], BLURAY_1080, "HEVC")
    post = {
        "name": "x265",
        "spec-0-implementation": "ReleaseTitleSpecification",
        "spec-0-name": "x265",
        "spec-0-value": r"\b(x265|HEVC)\b",
        "spec-0-required": "on",
    }

    response = admin_client.post(
        f"/settings/customformats/{x265}/preview", post, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200 and lifted.title in body and "No longer upgraded" in body
    assert (
        f'hx-post="/settings/customformats/{x265}/preview"'
        in admin_client.get(f"/settings/customformats/{x265}").content.decode()
    )
