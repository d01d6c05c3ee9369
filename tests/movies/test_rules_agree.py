"""One rule, many readers: "cutoff unmet" and "available" give the same answer everywhere they show.

A library built from the tricky cases (a score-only cutoff, upgrades off, reputation points that lift a
file over the score cutoff, Radarr's availability delay, a profile's upgrade window and its cutoff
custom format) is read through every consumer: the movie index's filter, Wanted (page and API), the
movie and movie file JSON, the searches, the backlog and the decision engine's upgrade rules.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from downloads import tasks
from downloads.backlog import wanted_movies
from downloads.decisionfacts import queue_and_history_facts
from downloads.views.dashboard import library_counts
from indexers.models import BacklogSettings, IndexerConfig
from movies.decisionfacts import movie_facts
from movies.models import MinimumAvailability, Movie
from releases.customformats.editing import save_custom_format
from releases.decisions.engine import evaluate
from releases.decisions.loading import load_context
from releases.models import ProfileFormatScore, QualityProfile
from releases.releaseinfo import ReleaseInfo
from scenegroups.models import SceneGroup
from tests.fakeserver import FakeServer
from tests.indexers.searchsupport import newznab_indexer, serve_newznab
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

SDTV, DVD, HDTV_720, BLURAY_720, BLURAY_1080 = 1, 2, 4, 6, 7
ITEMS = [{"quality": q, "allowed": q != SDTV} for q in (SDTV, DVD, HDTV_720, BLURAY_720, BLURAY_1080)]
DELAY_DAYS = 10


def _format(name: str, pattern: str) -> int:
    condition = {
        "name": name,
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": True,
        "fields": {"value": pattern},
    }
    return save_custom_format(name, False, [condition]).pk


def _profile(name: str, scores: dict[int, int], **fields: object) -> QualityProfile:
    profile = QualityProfile.objects.create(name=name, items=ITEMS, cutoff=BLURAY_720, **fields)
    for format_id, score in scores.items():
        ProfileFormatScore.objects.update_or_create(
            profile=profile, custom_format_id=format_id, defaults={"score": score}
        )
    return profile


def _movie(title: str, profile: QualityProfile, released_days_ago: int = 400, **fields: object) -> object:
    day = timezone.localdate() - timedelta(days=released_days_ago)
    return MovieFactory(
        title=title,
        quality_profile=profile,
        minimum_availability=MinimumAvailability.RELEASED,
        in_cinemas=day - timedelta(days=60),
        digital_release=day,
        physical_release=day,
        **fields,
    )


def _with_file(
    title: str,
    profile: QualityProfile,
    quality: int,
    tokens: str,
    group: str,
    imported_days_ago: int = 30,
    **fields: object,
):
    movie = _movie(title, profile, **fields)
    name = f"{title} (2010) {tokens} 1080p BluRay-{group}.mkv".replace("  ", " ")
    added = timezone.now() - timedelta(days=imported_days_ago)
    MovieFileFactory(
        movie=movie, quality_id=quality, relative_path=name, release_group=group, date_added=added
    )
    return movie


@pytest.fixture
def library():
    """Every case, by title, with what the one rule says of it."""
    x265, hdr = _format("x265", r"\bx265\b"), _format("HDR", r"\bHDR\b")
    upgrading = _profile(
        "Upgrading", {x265: 80, hdr: 30}, upgrade_allowed=True, cutoff_format_score=100, scene_group_points=30
    )
    settled = _profile("Settled", {}, upgrade_allowed=False, cutoff_format_score=1000)
    SceneGroup.objects.create(key="goodgrp", name="GoodGrp", score=10, pinned_score=100)
    IndexerConfig.objects.update_or_create(pk=1, defaults={"availability_delay": DELAY_DAYS})
    _with_file("Below Quality", upgrading, HDTV_720, "x265 HDR", "NoRep")
    _with_file("Score Only", upgrading, BLURAY_1080, "x265", "NoRep")
    _with_file("Met", upgrading, BLURAY_1080, "x265 HDR", "NoRep")
    _with_file("Lifted By Reputation", upgrading, BLURAY_1080, "x265", "GoodGrp")
    _with_file("Upgrades Off Allowed", settled, HDTV_720, "", "NoRep")
    _with_file("Upgrades Off Not Allowed", settled, SDTV, "", "NoRep")
    _with_file("Unmet In Delay", upgrading, HDTV_720, "", "NoRep", released_days_ago=DELAY_DAYS // 2)
    _movie("Missing In Delay", upgrading, released_days_ago=DELAY_DAYS // 2)
    _movie("Missing Out", upgrading, released_days_ago=DELAY_DAYS * 2)
    windowed = _profile("Windowed", {x265: 80, hdr: 30}, cutoff_format_score=100, upgrade_window_days=7)
    _with_file("Window Ended", windowed, HDTV_720, "x265", "NoRep", imported_days_ago=20)
    _with_file("Inside Window", windowed, HDTV_720, "x265", "NoRep", imported_days_ago=3)
    upgraded = _with_file(
        "Window Ended Since An Upgrade", windowed, HDTV_720, "", "NoRep", imported_days_ago=1
    )
    Movie.objects.filter(pk=upgraded.pk).update(first_imported=timezone.now() - timedelta(days=20))
    until_hdr = _profile("Until HDR", {x265: 80, hdr: 30}, cutoff_format_score=100, cutoff_format_id=hdr)
    _with_file("Has Cutoff Format", until_hdr, HDTV_720, "HDR", "NoRep")
    _with_file("Lacks Cutoff Format", until_hdr, BLURAY_1080, "x265", "NoRep")
    return {
        "unmet": {
            "Below Quality",
            "Score Only",
            "Upgrades Off Not Allowed",
            "Unmet In Delay",
            "Inside Window",
            "Lacks Cutoff Format",
        },
        "unavailable": {"Unmet In Delay", "Missing In Delay"},
    }


def _titles(html: str) -> set[str]:
    return set(re.findall(r'<a href="/movie/\d+">([^<]+)</a>', html))


def test_the_index_filter_and_wanted_list_exactly_the_cutoff_unmet_movies(library, admin_client, api_client):
    index = admin_client.get("/?view=table&filter=cutoffUnmet").content.decode()
    page = admin_client.get("/wanted/cutoff").content.decode()
    api = api_client.get("/api/v3/wanted/cutoff?pageSize=100").json()

    assert _titles(index) == library["unmet"]
    assert _titles(page) == library["unmet"]
    assert {record["title"] for record in api["records"]} == library["unmet"]


def test_the_movie_and_movie_file_json_say_the_same(library, api_client):
    movies = api_client.get("/api/v3/movie").json()
    file_ids = ",".join(str(movie["movieFile"]["id"]) for movie in movies if "movieFile" in movie)
    files = {
        row["movieId"]: row for row in api_client.get(f"/api/v3/moviefile?movieFileIds={file_ids}").json()
    }

    with_files = [movie for movie in movies if "movieFile" in movie]
    assert {m["title"] for m in with_files if m["movieFile"]["qualityCutoffNotMet"]} == library["unmet"]
    assert {m["title"] for m in with_files if files[m["id"]]["qualityCutoffNotMet"]} == library["unmet"]
    assert {m["title"] for m in movies if not m["isAvailable"]} == library["unavailable"]


def test_scores_in_the_json_count_the_reputation_bonus(library, api_client):
    movies = {movie["title"]: movie for movie in api_client.get("/api/v3/movie").json()}

    lifted, plain = movies["Lifted By Reputation"]["movieFile"], movies["Score Only"]["movieFile"]

    assert (lifted["customFormatScore"], plain["customFormatScore"]) == (110, 80)
    assert [fmt["name"] for fmt in movies["Met"]["movieFile"]["customFormats"]] == ["HDR", "x265"]


@pytest.fixture
def indexer_server(fake_server):
    serve_newznab(fake_server, [])
    newznab_indexer(fake_server)
    return fake_server


def _searched_titles(server: FakeServer, api_client) -> set[str]:
    movies = api_client.get("/api/v3/movie").json()
    asked = {
        value
        for request in server.requests
        if request.query.get("t") == ["movie"]
        for key in ("imdbid", "tmdbid")
        for value in request.query.get(key, [])
    }
    return {
        movie["title"]
        for movie in movies
        if str(movie["tmdbId"]) in asked or movie.get("imdbId", "").removeprefix("tt") in asked
    }


def test_the_cutoff_unmet_search_takes_the_unmet_movies_that_are_available(
    library, indexer_server, api_client
):
    tasks.search_cutoff_unmet_movies()

    assert _searched_titles(indexer_server, api_client) == library["unmet"] - library["unavailable"]


def test_the_missing_search_wanted_missing_and_the_dashboard_skip_movies_inside_the_delay(
    library, indexer_server, api_client
):
    tasks.search_missing_movies()
    wanted = api_client.get("/api/v3/wanted/missing?pageSize=100").json()

    assert _searched_titles(indexer_server, api_client) == {"Missing Out"}
    assert {record["title"] for record in wanted["records"]} == {"Missing Out"}
    assert library_counts()["missing"] == 1


def test_the_backlog_takes_missing_and_unmet_movies_that_are_available(library):
    BacklogSettings.objects.update_or_create(
        pk=1, defaults={"enabled": True, "include_cutoff_unmet": True, "movies_per_run": 100}
    )

    due = {movie.title for movie in wanted_movies(BacklogSettings.load(), timezone.now())}

    assert due == (library["unmet"] | {"Missing Out"}) - library["unavailable"]


# what the first stage says when a file leaves no room for an upgrade (the one rule said "met")
CUTOFF_REACHED = {"DiskCutoffMet", "DiskCutoffFormatMet", "UpgradeWindowEnded"}


def test_the_upgrade_rules_refuse_exactly_the_files_that_met_the_cutoff(library):
    context = load_context()
    movies = Movie.objects.filter(has_file=True)
    facts = movie_facts(movies, context.formats)
    context.downloads = queue_and_history_facts(list(facts))

    refused = set()
    for movie in movies:
        title = f"{movie.title} 2010 1080p BluRay x265 HDR-GoodGrp"
        release = ReleaseInfo(title, title, 10 * 1024**3, "usenet", publish_date=timezone.now())
        decision = evaluate(release, facts[movie.pk], context)
        if CUTOFF_REACHED & {rejection.reason for rejection in decision.rejections}:
            refused.add(movie.title)

    assert refused == {movie.title for movie in movies} - library["unmet"]


def test_when_a_window_ends_the_cached_movie_list_and_wanted_change_on_the_same_day(api_client, monkeypatch):
    profile = _profile("Week", {}, cutoff_format_score=0, upgrade_window_days=7)
    _with_file("Last Day", profile, HDTV_720, "", "NoRep", imported_days_ago=7)

    def unmet_now() -> tuple[bool, bool]:
        [movie] = api_client.get("/api/v3/movie").json()  # the cached list
        wanted = api_client.get("/api/v3/wanted/cutoff").json()["totalRecords"]
        return movie["movieFile"]["qualityCutoffNotMet"], wanted == 1

    today, real_localdate = timezone.localdate(), timezone.localdate

    def tomorrow(value=None, timezone=None):
        return real_localdate(value, timezone) if value is not None else today + timedelta(days=1)

    assert unmet_now() == (True, True)  # the seventh day after the import's: still upgrading
    monkeypatch.setattr("django.utils.timezone.localdate", tomorrow)
    assert unmet_now() == (False, False)
