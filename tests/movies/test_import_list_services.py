"""Import list kinds that read a service (issue 19): IMDb, Plex, Plex RSS, Trakt, Simkl, Letterboxd,
each against a loopback fake answering as the service's API or pages do (our fixtures in
tests/movies/fixtures/importlists)."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from movies.importlists import IMPLEMENTATIONS, ListMovie
from movies.importlistsync import sync_lists
from movies.models import ImportList, ImportListItem, Movie
from radarr.providers import ProviderError
from releases.models import QualityProfile

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "importlists"


@pytest.fixture
def services(fake_server, settings):
    """Every list service's base pointed at the fake, under its own prefix."""
    settings.RADARR_LIST_SERVICE_URLS = {
        name: f"{fake_server.url}/{name}" for name in ("imdb", "plex", "trakt", "simkl", "letterboxd")
    }
    return fake_server


def provider(implementation, **settings):
    return IMPLEMENTATIONS[implementation](SimpleNamespace(settings=settings))


def saved_list(root, implementation, settings, **columns):
    values = {
        "name": implementation,
        "implementation": implementation,
        "settings": settings,
        "enabled": True,
        "enable_auto": True,
        "root_folder_path": str(root),
        "quality_profile_id": QualityProfile.objects.first().pk,
        **columns,
    }
    return ImportList.objects.create(**values)


def schema(client):
    return {t["implementation"]: t for t in client.get("/api/v3/importlist/schema").json()}


@pytest.mark.parametrize(
    ("implementation", "contract", "fields", "interval", "list_type"),
    [
        ("IMDbListImport", "IMDbListImportSettings", ["listId"], "12:00:00", "other"),
        ("PlexImport", "PlexImportSettings", ["accessToken"], "06:00:00", "plex"),
        ("PlexRssImport", "PlexRssImportSettings", ["url"], "06:00:00", "plex"),
    ],
)
def test_the_schema_offers_the_kind_as_radarr(
    api_client, implementation, contract, fields, interval, list_type
):
    template = schema(api_client)[implementation]

    assert template["configContract"] == contract
    assert [field["name"] for field in template["fields"]] == fields
    assert template["minRefreshInterval"] == interval and template["listType"] == list_type


# ---- IMDb


def test_imdb_list_reads_the_export_csv_and_skips_series(services):
    services.add(
        "/imdb/list/ls012345678/export", file=FIXTURES / "imdb-ls-export.csv", content_type="text/csv"
    )

    movies = provider("IMDbListImport", listId="ls012345678").fetch()

    assert movies == [
        ListMovie(imdb_id="tt0133093", title="The Matrix", year=1999),
        ListMovie(imdb_id="tt0234215", title="The Matrix Reloaded", year=2003),
    ]


def test_imdb_watchlist_reads_the_pages_embedded_titles_only(services):
    services.add("/imdb/user/ur12345678/watchlist/", file=FIXTURES / "imdb-watchlist.html")

    movies = provider("IMDbListImport", listId="ur12345678").fetch()

    assert [(m.imdb_id, m.title, m.year) for m in movies] == [
        ("tt0133093", "The Matrix", 1999),
        ("tt1375666", "Inception", 2010),
    ]
    assert services.requests[-1].headers.get("Accept-Language") == "en-US"


def test_imdb_top250_reads_the_charts_title_links_once_each(services):
    services.add("/imdb/chart/top/", file=FIXTURES / "imdb-chart-top.html")

    movies = provider("IMDbListImport", listId="top250").fetch()

    assert [m.imdb_id for m in movies] == ["tt0111161", "tt0068646", "tt0133093"]


@pytest.mark.parametrize("value", ["", "tt0133093", "ls", "top", "https://www.imdb.com/list/ls1/"])
def test_imdb_list_id_must_be_a_list_a_user_or_a_chart(api_client, value):
    body = schema(api_client)["IMDbListImport"]
    body["fields"][0]["value"] = value
    body |= {"name": "IMDb", "enableAuto": False}

    response = api_client.post("/api/v3/importlist", json.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert "listId" in {failure["propertyName"] for failure in response.json()}


def test_imdb_list_adds_its_movies_through_tmdbs_find(services, fake_tmdb, root, empty_cache):
    services.add(
        "/imdb/list/ls012345678/export", file=FIXTURES / "imdb-ls-export.csv", content_type="text/csv"
    )
    saved_list(root, "IMDbListImport", {"listId": "ls012345678"})

    outcome = sync_lists()

    assert list(ImportListItem.objects.values_list("tmdb_id", "imdb_id")) == [(603, "tt0133093")]
    assert Movie.objects.get(tmdb_id=603).pk in outcome.added


def test_imdb_refusing_fails_the_list(services, root):
    services.add("/imdb/user/ur1/watchlist/", status=403, body="<html>private</html>")
    row = saved_list(root, "IMDbListImport", {"listId": "ur1"})

    outcome = sync_lists()

    row.refresh_from_db()
    assert outcome.failed == ["IMDbListImport"] and "403" in row.last_error


# ---- Plex


def test_plex_watchlist_pages_with_the_token_and_reads_guids(services):
    services.add("/plex/library/sections/watchlist/all", file=FIXTURES / "plex-watchlist-page1.json")
    services.add(
        "/plex/library/sections/watchlist/all",
        file=FIXTURES / "plex-watchlist-page2.json",
        query={"X-Plex-Container-Start": "2"},
    )

    movies = provider("PlexImport", accessToken="plex-token-1").fetch()

    assert movies == [
        ListMovie(603, "tt0133093", "The Matrix", 1999),
        ListMovie(0, "tt1375666", "Inception", 2010),
        ListMovie(329865, "", "Arrival", 2016),
    ]
    assert [r.query["X-Plex-Container-Start"] for r in services.requests] == [["0"], ["2"]]
    assert {r.headers["X-Plex-Token"] for r in services.requests} == {"plex-token-1"}
    assert all(r.query["type"] == ["1"] for r in services.requests)


def test_plex_token_is_a_secret_and_required(api_client):
    body = schema(api_client)["PlexImport"] | {"name": "Plex", "enableAuto": False}

    response = api_client.post("/api/v3/importlist", json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()[0]["propertyName"] == "accessToken"

    row = ImportList.objects.create(name="Plex", implementation="PlexImport", settings={"accessToken": "abc"})
    fields = api_client.get(f"/api/v3/importlist/{row.pk}").json()["fields"]
    assert fields[0]["value"] == "********"


def test_plex_refusing_the_token_is_a_permanent_failure(services):
    services.add("/plex/library/sections/watchlist/all", status=401, body='{"error": "unauthorized"}')

    with pytest.raises(ProviderError) as error:
        provider("PlexImport", accessToken="expired").fetch()

    assert error.value.permanent


def test_plex_rss_reads_movie_items_by_their_guid(services, fake_tmdb, root, empty_cache):
    fake_tmdb.add("/feed.rss", file=FIXTURES / "plex-watchlist.rss", content_type="application/rss+xml")

    movies = provider("PlexRssImport", url=fake_tmdb.url + "/feed.rss").fetch()

    assert movies == [ListMovie(0, "tt0133093", "The Matrix"), ListMovie(329865, "", "Arrival")]
