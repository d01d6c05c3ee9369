"""Import list kinds that read a service (issue 19): IMDb, Plex, Plex RSS, Trakt, Simkl, Letterboxd,
each against a loopback fake answering as the service's API or pages do (our fixtures in
tests/movies/fixtures/importlists)."""

import json
from datetime import UTC, datetime, timedelta
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
TOKEN_FIELDS = ["accessToken", "refreshToken", "expires", "authUser"]
APP_FIELDS = ["limit", "clientId", "clientSecret"]


@pytest.fixture
def services(fake_server, settings):
    """Every list service's base pointed at the fake, under its own prefix."""
    settings.RADARR_LIST_SERVICE_URLS = {
        name: f"{fake_server.url}/{name}" for name in ("imdb", "plex", "plextv", "trakt", "simkl")
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


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def schema(client):
    return {t["implementation"]: t for t in client.get("/api/v3/importlist/schema").json()}


@pytest.mark.parametrize(
    ("implementation", "contract", "fields", "interval", "list_type"),
    [
        ("IMDbListImport", "IMDbListImportSettings", ["listId"], "12:00:00", "other"),
        ("PlexImport", "PlexImportSettings", ["accessToken"], "06:00:00", "plex"),
        ("PlexRssImport", "PlexRssImportSettings", ["url"], "06:00:00", "plex"),
        ("LetterboxdImport", "LetterboxdImportSettings", ["url"], "12:00:00", "other"),
        (
            "SimklUserImport",
            "SimklUserImportSettings",
            [*TOKEN_FIELDS, "listType", "clientId"],
            "06:00:00",
            "simkl",
        ),
        (
            "TraktListImport",
            "TraktListImportSettings",
            [*TOKEN_FIELDS, "username", "listname", *APP_FIELDS],
            "12:00:00",
            "trakt",
        ),
        (
            "TraktPopularImport",
            "TraktPopularImportSettings",
            [
                *TOKEN_FIELDS,
                "traktListType",
                "rating",
                "certification",
                "genres",
                "years",
                "traktAdditionalParameters",
                *APP_FIELDS,
            ],
            "12:00:00",
            "trakt",
        ),
        (
            "TraktUserImport",
            "TraktUserImportSettings",
            [*TOKEN_FIELDS, "traktListType", "traktWatchSorting", "username", *APP_FIELDS],
            "12:00:00",
            "trakt",
        ),
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


def test_imdb_offers_radarrs_presets(api_client):
    presets = schema(api_client)["IMDbListImport"]["presets"]

    assert [(p["name"], p["fields"][0]["value"], p["implementation"]) for p in presets] == [
        ("IMDb Top 250", "top250", "IMDbListImport"),
        ("IMDb Popular Movies", "popular", "IMDbListImport"),
    ]
    assert all(p["configContract"] == "IMDbListImportSettings" and p["enableAuto"] for p in presets)


def test_imdb_list_reads_the_export_csv_and_skips_series(services):
    services.add(
        "/imdb/list/ls012345678/export", file=FIXTURES / "imdb-ls-export.csv", content_type="text/csv"
    )

    movies = provider("IMDbListImport", listId="ls012345678").fetch()

    assert movies == [
        ListMovie(imdb_id="tt0133093", title="The Matrix", year=1999),
        ListMovie(imdb_id="tt0234215", title="The Matrix Reloaded", year=2003),
    ]


def test_imdb_list_without_an_export_reads_the_lists_page(services):
    services.add("/imdb/list/ls012345678/export", body="<html>Sign in</html>", content_type="text/html")
    services.add("/imdb/list/ls012345678/", file=FIXTURES / "imdb-watchlist.html")

    movies = provider("IMDbListImport", listId="ls012345678").fetch()

    assert [m.imdb_id for m in movies] == ["tt0133093", "tt1375666"]


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


def test_plex_sign_in_makes_a_pin_then_reads_its_token(api_client, services):
    services.add(
        "/plextv/api/v2/pins",
        method="POST",
        status=201,
        body=json.dumps({"id": 1234567, "code": "abcd1234efgh", "trusted": False, "authToken": None}),
    )
    services.add(
        "/plextv/api/v2/pins/1234567", body='{"id": 1234567, "code": "abcd1234efgh", "authToken": null}'
    )
    body = schema(api_client)["PlexImport"]
    action = "/api/v3/importlist/action/{}"

    started = post(
        api_client, action.format("startOAuth") + "?callbackUrl=http://radarr.local/done", body
    ).json()
    assert started["pinId"] == 1234567 and "code=abcd1234efgh" in started["oauthUrl"]
    assert (
        started["oauthUrl"].startswith("https://app.plex.tv/auth#?") and "forwardUrl=" in started["oauthUrl"]
    )
    client = services.requests[-1].headers["X-Plex-Client-Identifier"]
    assert client and services.requests[-1].query["strong"] == ["true"]
    assert post(api_client, action.format("getOAuthToken") + "?pinId=1234567", body).json() == {
        "pending": True
    }

    services.routes.pop(("GET", "/plextv/api/v2/pins/1234567"))
    services.add("/plextv/api/v2/pins/1234567", body='{"id": 1234567, "authToken": "plex-token-9"}')
    answer = post(api_client, action.format("getOAuthToken") + "?pinId=1234567", body).json()
    assert answer == {"accessToken": "plex-token-9"}
    assert services.requests[-1].headers["X-Plex-Client-Identifier"] == client


def test_plex_rss_reads_movie_items_by_their_guid(services, fake_tmdb, root, empty_cache):
    fake_tmdb.add("/feed.rss", file=FIXTURES / "plex-watchlist.rss", content_type="application/rss+xml")

    movies = provider("PlexRssImport", url=fake_tmdb.url + "/feed.rss").fetch()

    assert movies == [ListMovie(0, "tt0133093", "The Matrix"), ListMovie(329865, "", "Arrival")]


# ---- Trakt


def trakt_tokens(**extra):
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    return {
        "accessToken": "old-token",
        "refreshToken": "refresh-1",
        "expires": later,
        "clientId": "app-id",
    } | extra


def test_trakt_list_reads_the_lists_movies_with_the_token_and_app(services):
    services.add(
        "/trakt/users/sean/lists/my-best-films/items/movies", file=FIXTURES / "trakt-list-items.json"
    )

    movies = provider(
        "TraktListImport", username="sean", listname="My Best  Films!", **trakt_tokens()
    ).fetch()

    assert movies == [
        ListMovie(603, "tt0133093", "The Matrix", 1999),
        ListMovie(329865, "tt2543164", "Arrival", 2016),
    ]
    request = services.requests[-1]
    assert (
        request.headers["Authorization"] == "Bearer old-token"
        and request.headers["trakt-api-key"] == "app-id"
    )
    assert request.headers["trakt-api-version"] == "2" and request.query["limit"] == ["100"]


def test_trakt_popular_sends_its_filters_and_reads_bare_movies(services):
    services.add("/trakt/movies/popular", file=FIXTURES / "trakt-popular.json")
    settings = trakt_tokens(
        years="2000-2010", genres="Action,Sci-Fi", limit=20, traktAdditionalParameters="&languages=en"
    )

    movies = provider("TraktPopularImport", **settings).fetch()

    assert [movie.tmdb_id for movie in movies] == [27205, 155]
    query = services.requests[-1].query
    assert (
        query["years"] == ["2000-2010"] and query["genres"] == ["action,sci-fi"] and query["limit"] == ["20"]
    )
    assert query["certifications"] == ["nr,g,pg,pg-13,r,nc-17"] and query["languages"] == ["en"]


@pytest.mark.parametrize(
    ("list_type", "sorting", "path"),
    [(0, 1, "/trakt/users/sean/watchlist/movies/added"), (1, 0, "/trakt/users/sean/watched/movies"),
     (2, 0, "/trakt/users/sean/collection/movies")],
)  # fmt: skip
def test_trakt_user_reads_the_auth_users_list_kind(services, list_type, sorting, path):
    services.add(path, file=FIXTURES / "trakt-list-items.json")
    settings = trakt_tokens(authUser="sean", traktListType=list_type, traktWatchSorting=sorting)

    movies = provider("TraktUserImport", **settings).fetch()

    assert len(movies) == 2 and services.requests[-1].path == path


def test_trakt_refreshes_an_expiring_token_and_saves_it_on_the_list(services, root):
    services.add("/trakt/oauth/token", method="POST", file=FIXTURES / "trakt-token.json")
    services.add("/trakt/users/sean/watchlist/movies/rank", file=FIXTURES / "trakt-list-items.json")
    soon = (datetime.now(UTC) + timedelta(minutes=2)).isoformat()
    row = saved_list(
        root,
        "TraktUserImport",
        trakt_tokens(authUser="sean", expires=soon, clientSecret="app-secret"),
        enable_auto=False,
    )

    outcome = sync_lists()

    assert outcome.synced == ["TraktUserImport"]
    refresh = json.loads(services.requests[0].body)
    assert refresh["grant_type"] == "refresh_token" and refresh["refresh_token"] == "refresh-1"
    assert refresh["client_id"] == "app-id" and refresh["client_secret"] == "app-secret"
    token = json.loads((FIXTURES / "trakt-token.json").read_text())
    assert services.requests[1].headers["Authorization"] == f"Bearer {token['access_token']}"
    row.refresh_from_db()
    assert row.settings["accessToken"] == token["access_token"]
    assert row.settings["refreshToken"] == token["refresh_token"]
    assert datetime.fromisoformat(row.settings["expires"]) > datetime.now(UTC) + timedelta(days=80)


def test_trakt_refreshes_once_when_the_token_is_refused(services):
    list_path = "/trakt/users/sean/lists/best/items/movies"
    services.add("/trakt/oauth/token", method="POST", file=FIXTURES / "trakt-token.json")
    token = json.loads((FIXTURES / "trakt-token.json").read_text())["access_token"]
    services.add(list_path, status=401, body='{"error": "invalid_grant"}')

    with pytest.raises(ProviderError):
        provider("TraktListImport", username="sean", listname="best", **trakt_tokens()).fetch()

    list_requests = [r for r in services.requests if r.path == list_path]
    assert [r.headers["Authorization"] for r in list_requests] == ["Bearer old-token", f"Bearer {token}"]


def test_trakt_device_flow_gives_the_code_then_the_tokens(api_client, services):
    services.add("/trakt/oauth/device/code", method="POST", file=FIXTURES / "trakt-device-code.json")
    services.add("/trakt/users/settings", file=FIXTURES / "trakt-user-settings.json")
    body = schema(api_client)["TraktUserImport"]
    for field in body["fields"]:
        field["value"] = {"clientId": "app-id", "clientSecret": "app-secret"}.get(
            field["name"], field["value"]
        )
    action = "/api/v3/importlist/action/{}"

    started = post(api_client, action.format("startOAuth"), body).json()
    assert started["userCode"] == "5055CC52" and started["verificationUrl"] == "https://trakt.tv/activate"
    assert json.loads(services.requests[-1].body) == {"client_id": "app-id"}

    services.add("/trakt/oauth/device/token", method="POST", status=400, body="")
    query = f"?deviceCode={started['deviceCode']}"
    assert post(api_client, action.format("getOAuthToken") + query, body).json() == {"pending": True}

    services.routes.pop(("POST", "/trakt/oauth/device/token"))
    services.add("/trakt/oauth/device/token", method="POST", file=FIXTURES / "trakt-token.json")
    tokens = post(api_client, action.format("getOAuthToken") + query, body).json()
    token = json.loads((FIXTURES / "trakt-token.json").read_text())
    assert tokens["accessToken"] == token["access_token"] and tokens["refreshToken"] == token["refresh_token"]
    assert tokens["authUser"] == "sean"
    sent = json.loads([r for r in services.requests if r.path == "/trakt/oauth/device/token"][-1].body)
    assert sent == {"code": started["deviceCode"], "client_id": "app-id", "client_secret": "app-secret"}


def test_trakt_tokens_are_secrets(api_client):
    row = ImportList.objects.create(
        name="Trakt",
        implementation="TraktListImport",
        settings=trakt_tokens(clientSecret="s", username="u", listname="l"),
    )
    fields = {f["name"]: f["value"] for f in api_client.get(f"/api/v3/importlist/{row.pk}").json()["fields"]}

    assert fields["accessToken"] == fields["refreshToken"] == fields["clientSecret"] == "********"
    assert fields["clientId"] == "app-id"


def test_trakt_without_sign_in_is_refused(api_client):
    body = schema(api_client)["TraktPopularImport"] | {"name": "Trakt", "enableAuto": False}

    response = post(api_client, "/api/v3/importlist", body)

    assert response.status_code == 400 and "signIn" in {f["propertyName"] for f in response.json()}


# ---- Simkl


def test_simkl_reads_the_chosen_list_with_the_token(services):
    services.add("/simkl/sync/all-items/movies/plantowatch", file=FIXTURES / "simkl-plantowatch.json")

    movies = provider("SimklUserImport", listType=1, accessToken="simkl-token", clientId="app").fetch()

    assert movies == [ListMovie(603, "tt0133093", "The Matrix", 1999), ListMovie(329865, "", "Arrival", 2016)]
    request = services.requests[-1]
    assert (
        request.headers["Authorization"] == "Bearer simkl-token" and request.headers["simkl-api-key"] == "app"
    )


def test_simkl_answering_null_is_an_empty_list(services):
    services.add("/simkl/sync/all-items/movies/watching", body="null")

    assert provider("SimklUserImport", accessToken="t").fetch() == []


def test_simkl_pin_flow_gives_the_code_then_the_token(api_client, services):
    services.add("/simkl/oauth/pin", file=FIXTURES / "simkl-pin.json")
    services.add("/simkl/oauth/pin/4C8FC", body='{"result": "KO", "message": "Authorization pending"}')
    body = schema(api_client)["SimklUserImport"]
    for field in body["fields"]:
        field["value"] = "app" if field["name"] == "clientId" else field["value"]
    action = "/api/v3/importlist/action/{}"

    started = post(api_client, action.format("startOAuth"), body).json()
    assert started["userCode"] == "4C8FC" and services.requests[-1].query["client_id"] == ["app"]
    assert post(api_client, action.format("getOAuthToken") + "?userCode=4C8FC", body).json() == {
        "pending": True
    }

    services.routes.pop(("GET", "/simkl/oauth/pin/4C8FC"))
    services.add("/simkl/oauth/pin/4C8FC", body='{"result": "OK", "access_token": "simkl-token"}')
    services.add("/simkl/users/settings", body='{"user": {"name": "Sam"}, "account": {"id": 42}}')
    tokens = post(api_client, action.format("getOAuthToken") + "?userCode=4C8FC", body).json()
    assert tokens["accessToken"] == "simkl-token" and tokens["authUser"] == "42"


# ---- Letterboxd


def letterboxd_site(server):
    server.add("/sam/list/sci-fi-favourites/", file=FIXTURES / "letterboxd-list-page1.html")
    server.add("/sam/list/sci-fi-favourites/page/2/", file=FIXTURES / "letterboxd-list-page2.html")
    for slug in ("the-matrix", "arrival-2016", "chernobyl"):
        server.add(f"/film/{slug}/", file=FIXTURES / f"letterboxd-film-{slug}.html")


def test_letterboxd_list_reads_every_page_and_each_films_ids_once(fake_server, empty_cache):
    letterboxd_site(fake_server)
    url = fake_server.url + "/sam/list/sci-fi-favourites/"

    movies = provider("LetterboxdImport", url=url).fetch()

    assert [(m.tmdb_id, m.imdb_id) for m in movies] == [(603, "tt0133093"), (329865, "tt2543164")]
    film_requests = [r.path for r in fake_server.requests if r.path.startswith("/film/")]
    assert sorted(film_requests) == ["/film/arrival-2016/", "/film/chernobyl/", "/film/the-matrix/"]

    provider("LetterboxdImport", url=url).fetch()  # film pages are remembered
    assert len([r for r in fake_server.requests if r.path.startswith("/film/")]) == 3


def test_letterboxd_list_adds_its_movies(fake_tmdb, root, empty_cache):
    letterboxd_site(fake_tmdb)
    saved_list(root, "LetterboxdImport", {"url": fake_tmdb.url + "/sam/list/sci-fi-favourites/"})

    outcome = sync_lists()

    assert sorted(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [603, 329865]
    assert Movie.objects.get(tmdb_id=603).pk in outcome.added


def test_letterboxd_rss_reads_each_films_tmdb_id_once(fake_server):
    fake_server.add("/sam/rss/", file=FIXTURES / "letterboxd-rss.xml", content_type="application/rss+xml")

    movies = provider("LetterboxdImport", url=fake_server.url + "/sam/rss/").fetch()

    assert movies == [ListMovie(603, "", "The Matrix", 1999), ListMovie(329865, "", "Arrival", 2016)]


NEW_KINDS = [
    *("IMDbListImport", "PlexImport", "PlexRssImport", "TraktListImport", "TraktPopularImport"),
    *("TraktUserImport", "SimklUserImport", "LetterboxdImport", "TMDbCollectionImport", "TMDbUserImport"),
]


@pytest.mark.parametrize("implementation", NEW_KINDS)
def test_the_page_offers_a_form_for_each_new_kind(admin_client, implementation):
    response = admin_client.get(f"/settings/importlists/new?implementation={implementation}")

    assert response.status_code == 200
    assert (
        f"implementation={implementation}" in admin_client.get("/settings/importlists/new").content.decode()
    )


def test_the_plex_page_form_keeps_the_token_masked(admin_client):
    row = ImportList.objects.create(
        name="Plex", implementation="PlexImport", settings={"accessToken": "plex-secret"}
    )

    response = admin_client.get(f"/settings/importlists/{row.pk}")

    assert response.status_code == 200 and 'name="field-accessToken"' in response.content.decode()
    assert "plex-secret" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        *(("rating", "high"), ("certification", "PG,XXX"), ("years", "199x"), ("limit", 0)),
        *(("traktListType", 6), ("traktListType", [1])),
    ],
)
def test_trakt_popular_filters_are_checked_as_radarr(api_client, name, value):
    body = schema(api_client)["TraktPopularImport"] | {"name": "Trakt", "enableAuto": False}
    for field in body["fields"]:
        field["value"] = {"accessToken": "t", name: value}.get(field["name"], field["value"])

    response = post(api_client, "/api/v3/importlist?forceSave=true", body)

    assert response.status_code == 400
    assert {failure["propertyName"] for failure in response.json()} == {name}


# ---- TMDb Collection and TMDb User


def test_tmdb_collection_and_user_are_in_the_schema_as_radarr(api_client):
    templates = schema(api_client)
    collection, user = templates["TMDbCollectionImport"], templates["TMDbUserImport"]

    assert collection["configContract"] == "TMDbCollectionImportSettings"
    assert [f["name"] for f in collection["fields"]] == ["collectionId"]
    assert user["configContract"] == "TMDbUserImportSettings"
    assert [f["name"] for f in user["fields"]] == ["accountId", "accessToken", "listType"]
    options = next(f for f in user["fields"] if f["name"] == "listType")["selectOptions"]
    assert [(o["value"], o["name"]) for o in options] == [
        (1, "Watchlist"),
        (2, "Recommendations"),
        (3, "Rated"),
        (4, "Favorite"),
    ]
    for template in (collection, user):
        assert template["minRefreshInterval"] == "12:00:00" and template["listType"] == "tmdb"


def test_tmdb_collection_adds_the_collections_parts(fake_tmdb, root, empty_cache):
    parts = [
        {"id": 603, "title": "The Matrix", "release_date": "1999-03-30"},
        {"id": 604, "title": "The Matrix Reloaded", "release_date": "2003-05-15"},
    ]
    fake_tmdb.add("/3/collection/2344", body=json.dumps({"id": 2344, "name": "The Matrix", "parts": parts}))
    saved_list(root, "TMDbCollectionImport", {"collectionId": "2344"}, enable_auto=False)

    sync_lists()

    assert sorted(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [603, 604]


def test_tmdb_collection_id_must_be_a_number(api_client):
    template = schema(api_client)["TMDbCollectionImport"]
    template["fields"][0]["value"] = "matrix"
    response = post(api_client, "/api/v3/importlist", template | {"name": "C", "enableAuto": False})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "collectionId"


@pytest.mark.parametrize(("list_type", "path"), [(1, "watchlist"), (3, "rated"), (4, "favorites")])
def test_tmdb_user_reads_every_page_of_the_v4_account_list_with_the_token(
    fake_server, settings, list_type, path
):
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    for page in (1, 2):
        answer = {"page": page, "total_pages": 2, "results": [{"id": 900 + page, "title": f"Film {page}"}]}
        fake_server.add(f"/4/account/abc123/movie/{path}", body=json.dumps(answer), query={"page": str(page)})

    movies = provider(
        "TMDbUserImport", accountId="abc123", accessToken="user-token", listType=list_type
    ).fetch()

    assert [movie.tmdb_id for movie in movies] == [901, 902]
    assert {r.headers.get("Authorization") for r in fake_server.requests} == {"Bearer user-token"}


def test_tmdb_user_token_refused_fails_the_list_for_good(fake_server, settings):
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    fake_server.add("/4/account/abc123/movie/watchlist", body="{}", status=401)

    with pytest.raises(ProviderError) as error:
        provider("TMDbUserImport", accountId="abc123", accessToken="old", listType=1).fetch()

    assert error.value.permanent and "old" not in error.value.message


def test_tmdb_user_token_is_a_secret_and_required(api_client):
    template = schema(api_client)["TMDbUserImport"]
    body = template | {"name": "Mine", "enableAuto": False}
    assert post(api_client, "/api/v3/importlist", body).status_code == 400

    for field in body["fields"]:
        field["value"] = {"accountId": "abc123", "accessToken": "user-token", "listType": 2}[field["name"]]
    created = post(api_client, "/api/v3/importlist", body | {"enable": False}).json()

    fields = {
        f["name"]: f["value"] for f in api_client.get(f"/api/v3/importlist/{created['id']}").json()["fields"]
    }
    assert fields == {"accountId": "abc123", "accessToken": "********", "listType": 2}
    assert ImportList.objects.get(pk=created["id"]).settings["accessToken"] == "user-token"
