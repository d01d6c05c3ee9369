"""Import lists (issue 19): /api/v3/importlist as a provider family, config/importlist, importlist/movie
and the list sync, against loopback fakes of the lists and TMDB."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from movies.importlistsync import sync_lists
from movies.models import ImportExclusion, ImportList, ImportListConfig, ImportListItem, Movie
from radarr.commands import execute_command
from radarr.models import Command
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.factories import ImportExclusionFactory, MovieFactory
from tests.movies.test_openapi_shapes import with_our_extensions
from tests.shared import SHARED_DIR

pytestmark = pytest.mark.django_db

FROM_LIST = {"addMethod": "list"}  # clean library only touches movies a list added


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


def template(client, implementation):
    return next(
        t for t in client.get("/api/v3/importlist/schema").json() if t["implementation"] == implementation
    )


def with_field(body, name, value):
    for field in body["fields"]:
        if field["name"] == name:
            field["value"] = value
    return body


def custom_list(root, url, **columns):
    """A saved Custom Lists row reading `url`, adding with the default profile into `root`."""
    values = {
        "name": "My list",
        "implementation": "RadarrListImport",
        "settings": {"url": url},
        "enabled": True,
        "enable_auto": True,
        "root_folder_path": str(root),
        "quality_profile_id": QualityProfile.objects.first().pk,
        **columns,
    }
    return ImportList.objects.create(**values)


# ---- the provider family


def test_schema_offers_radarrs_kinds_with_their_contracts_and_intervals(api_client):
    templates = {t["implementation"]: t for t in api_client.get("/api/v3/importlist/schema").json()}

    assert {"RadarrListImport", "StevenLuImport", "RadarrImport", "TMDbListImport"} <= set(templates)
    custom = templates["RadarrListImport"]
    assert custom["name"] == custom["implementationName"] == "Custom Lists"
    assert custom["configContract"] == "RadarrListImportSettings"
    assert custom["listType"] == "advanced" and custom["minRefreshInterval"] == "12:00:00"
    assert [field["name"] for field in custom["fields"]] == ["url"]
    assert templates["StevenLuImport"]["minRefreshInterval"] == "1.00:00:00"
    # enabled when the kind's default settings are valid, as Radarr's templates
    assert custom["enabled"] is False and templates["StevenLuImport"]["enabled"] is True
    assert templates["RadarrImport"]["minRefreshInterval"] == "00:15:00"
    assert [field["name"] for field in templates["RadarrImport"]["fields"]] == [
        "baseUrl",
        "apiKey",
        "profileIds",
        "tagIds",
        "rootFolderPaths",
    ]


def test_a_list_is_created_tested_and_read_back_in_radarrs_shape(api_client, fake_server, root):
    fake_server.add("/list.json", body="[]")
    tag = TagFactory()
    body = with_field(template(api_client, "RadarrListImport"), "url", fake_server.url + "/list.json")
    body |= {
        "name": "Friends",
        "enabled": True,
        "enableAuto": True,
        "rootFolderPath": str(root),
        "qualityProfileId": QualityProfile.objects.first().pk,
        "minimumAvailability": "inCinemas",
        "monitor": "movieAndCollection",
        "searchOnAdd": True,
        "tags": [tag.pk],
    }

    response = post(api_client, "/api/v3/importlist", body)

    assert response.status_code == 201, response.content
    created = api_client.get(f"/api/v3/importlist/{response.json()['id']}").json()
    assert created["minimumAvailability"] == "inCinemas" and created["monitor"] == "movieAndCollection"
    assert created["searchOnAdd"] is True and created["tags"] == [tag.pk]
    assert created["rootFolderPath"] == str(root) and created["enableAuto"] is True
    assert any(request.path == "/list.json" for request in fake_server.requests)  # tested before the save


def test_a_list_that_adds_movies_needs_a_root_folder_and_profile(api_client, fake_server):
    body = with_field(template(api_client, "RadarrListImport"), "url", fake_server.url + "/list.json")
    body |= {"name": "Incomplete", "enabled": True, "enableAuto": True}

    response = post(api_client, "/api/v3/importlist?forceSave=true", body)

    assert response.status_code == 400
    assert {failure["propertyName"] for failure in response.json()} >= {"rootFolderPath", "qualityProfileId"}


def test_bad_values_are_radarrs_400_not_a_crash(api_client, fake_server, root):
    body = with_field(template(api_client, "RadarrListImport"), "url", "not a url")
    body |= {"name": "Bad", "monitor": "sometimes", "minimumAvailability": 5, "enabled": "yes"}

    response = post(api_client, "/api/v3/importlist", body)

    assert response.status_code == 400
    names = {failure["propertyName"] for failure in response.json()}
    assert {"url", "monitor", "minimumAvailability", "enabled"} <= names


def test_a_failing_list_fails_its_test(api_client, fake_server):
    fake_server.add("/list.json", body="oops", status=500)
    body = with_field(template(api_client, "RadarrListImport"), "url", fake_server.url + "/list.json")
    body["enableAuto"] = False  # a list that adds nothing needs no root folder

    response = post(api_client, "/api/v3/importlist/test", body)

    assert response.status_code == 400
    assert "500" in response.json()[0]["errorMessage"]


def test_another_radarrs_api_key_is_masked(api_client, root):
    ImportList.objects.create(
        name="Other",
        implementation="RadarrImport",
        settings={"baseUrl": "http://127.0.0.1:1", "apiKey": "secret-key"},
    )

    rows = api_client.get("/api/v3/importlist").json()

    api_key = next(field for field in rows[0]["fields"] if field["name"] == "apiKey")
    assert api_key["value"] == "********" and "secret-key" not in json.dumps(rows)


def test_bulk_edit_changes_only_what_is_sent(api_client, root):
    first = custom_list(root, "http://127.0.0.1:1/a", name="A")
    second = custom_list(root, "http://127.0.0.1:1/b", name="B", minimum_availability="announced")

    response = put(api_client, "/api/v3/importlist/bulk", {"ids": [first.pk, second.pk], "enableAuto": False})

    assert response.status_code == 202
    assert list(ImportList.objects.order_by("pk").values_list("enable_auto", flat=True)) == [False, False]
    assert ImportList.objects.get(pk=second.pk).minimum_availability == "announced"


def test_the_list_endpoint_does_not_query_per_list(api_client, root, django_assert_max_num_queries):
    tags = [TagFactory(), TagFactory()]
    for number in range(5):
        custom_list(root, "http://127.0.0.1:1/a", name=f"List {number}").tags.set(tags)

    with django_assert_max_num_queries(6):
        rows = api_client.get("/api/v3/importlist").json()

    assert len(rows) == 5 and all(len(row["tags"]) == 2 for row in rows)


def test_radarr_import_lists_the_source_profiles_for_its_select(api_client, fake_server):
    fake_server.add(
        "/api/v3/qualityprofile", body=json.dumps([{"id": 4, "name": "UHD"}, {"id": 1, "name": "Any"}])
    )
    body = template(api_client, "RadarrImport")
    with_field(body, "baseUrl", fake_server.url)
    with_field(body, "apiKey", "k")

    response = post(api_client, "/api/v3/importlist/action/getProfiles", body)

    assert response.json() == {"options": [{"value": 1, "name": "Any"}, {"value": 4, "name": "UHD"}]}
    assert fake_server.requests[-1].headers.get("X-Api-Key") == "k"


# ---- config/importlist


def test_config_importlist_reads_and_saves_the_clean_level(api_client):
    assert api_client.get("/api/v3/config/importlist").json()["listSyncLevel"] == "disabled"

    response = put(api_client, "/api/v3/config/importlist/1", {"id": 1, "listSyncLevel": "keepAndUnmonitor"})

    assert response.status_code == 202
    assert ImportListConfig.load().list_sync_level == "keepAndUnmonitor"
    assert api_client.get("/api/v3/config/importlist/1").json()["listSyncLevel"] == "keepAndUnmonitor"


def test_config_importlist_refuses_an_unknown_level(api_client):
    response = put(api_client, "/api/v3/config/importlist", {"listSyncLevel": "burnItAll"})

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "listSyncLevel"
    assert ImportListConfig.load().list_sync_level == "disabled"


# ---- the sync


def test_sync_adds_new_movies_with_the_lists_options(fake_tmdb, root, empty_cache):
    tag = TagFactory()
    fake_tmdb.add("/list.json", body=json.dumps([{"id": 603, "title": "The Matrix"}]))
    row = custom_list(root, fake_tmdb.url + "/list.json", minimum_availability="announced", monitor="none")
    row.tags.set([tag])

    outcome = sync_lists()

    movie = Movie.objects.get(tmdb_id=603)
    assert outcome.added == [movie.pk] and outcome.synced == ["My list"]
    assert movie.root_folder_path == str(root) and movie.minimum_availability == "announced"
    assert movie.monitored is False and movie.add_options["addMethod"] == "list"
    assert list(movie.tags.values_list("pk", flat=True)) == [tag.pk]
    assert list(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [603]


def test_sync_never_adds_an_excluded_movie_nor_one_in_the_library(fake_tmdb, root, empty_cache):
    fake_tmdb.add("/list.json", body=json.dumps([{"id": 604}, {"id": 605}]))
    ImportExclusionFactory(tmdb_id=604)
    MovieFactory(tmdb_id=605)
    custom_list(root, fake_tmdb.url + "/list.json")

    outcome = sync_lists()

    assert outcome.added == [] and Movie.objects.count() == 1
    assert not any(request.path.startswith("/3/movie/") for request in fake_tmdb.requests)


def test_a_list_known_by_imdb_ids_is_mapped_through_tmdbs_find(fake_tmdb, root, empty_cache):
    fake_tmdb.add("/popular.json", body=json.dumps([{"title": "The Matrix", "imdb_id": "tt0133093"}]))
    custom_list(
        root,
        "",
        name="StevenLu",
        implementation="StevenLuImport",
        settings={"link": fake_tmdb.url + "/popular.json"},
    )

    sync_lists()

    assert Movie.objects.filter(tmdb_id=603).exists()


def test_a_list_without_enable_auto_is_only_remembered_for_discover(api_client, fake_tmdb, root, empty_cache):
    fake_tmdb.add("/list.json", body=json.dumps([{"id": 603, "title": "The Matrix", "year": 1999}]))
    row = custom_list(root, fake_tmdb.url + "/list.json", enable_auto=False)
    ImportExclusion.objects.create(tmdb_id=603, movie_title="The Matrix", movie_year=1999)

    sync_lists()

    assert not Movie.objects.exists()
    discover = api_client.get("/api/v3/importlist/movie").json()
    assert discover == [
        discover[0]
        | {"tmdbId": 603, "title": "The Matrix", "year": 1999, "lists": [row.pk], "isExcluded": True}
    ]


def test_each_list_is_fetched_once_per_its_interval_unless_asked(fake_server, root):
    fake_server.add("/list.json", body="[]")
    row = custom_list(root, fake_server.url + "/list.json", enable_auto=False)
    fetches = lambda: sum(request.path == "/list.json" for request in fake_server.requests)  # noqa: E731

    sync_lists()
    sync_lists()
    assert fetches() == 1
    sync_lists(now=timezone.now() + timedelta(hours=13))
    assert fetches() == 2
    sync_lists(definition_id=row.pk)
    assert fetches() == 3


def test_a_failing_list_backs_off_and_cleans_nothing(fake_server, root):
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor").save()
    fake_server.add("/good.json", body=json.dumps([{"id": 1}]))
    fake_server.add("/bad.json", body="down", status=503)
    custom_list(root, fake_server.url + "/good.json", name="Good", enable_auto=False)
    bad = custom_list(root, fake_server.url + "/bad.json", name="Bad", enable_auto=False)
    lonely = MovieFactory(add_options=FROM_LIST, tmdb_id=700, monitored=True)

    outcome = sync_lists()

    assert outcome.failed == ["Bad"] and outcome.cleaned == []
    lonely.refresh_from_db()
    bad.refresh_from_db()
    assert lonely.monitored is True
    assert bad.escalation_level == 1 and bad.disabled_until is not None and "503" in bad.last_error


def test_an_empty_answer_keeps_what_the_list_named_and_cleans_nothing(fake_server, root):
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor").save()
    fake_server.add("/list.json", body="[]")
    row = custom_list(root, fake_server.url + "/list.json", enable_auto=False)
    ImportListItem.objects.create(import_list=row, tmdb_id=800, title="Kept")
    movie = MovieFactory(add_options=FROM_LIST, tmdb_id=700, monitored=True)

    outcome = sync_lists()

    assert outcome.cleaned == [] and ImportListItem.objects.filter(tmdb_id=800).exists()
    movie.refresh_from_db()
    assert movie.monitored is True


@pytest.mark.parametrize("level", ["logOnly", "keepAndUnmonitor"])
def test_clean_library_unmonitors_movies_no_list_names_unless_tagged(fake_server, root, level):
    keep = TagFactory()
    ImportListConfig(pk=1, list_sync_level=level, list_sync_tag=keep.pk).save()
    fake_server.add("/list.json", body=json.dumps([{"id": 10}]))
    custom_list(root, fake_server.url + "/list.json", enable_auto=False)
    listed = MovieFactory(add_options=FROM_LIST, tmdb_id=10, monitored=True)
    stale = MovieFactory(add_options=FROM_LIST, tmdb_id=11, monitored=True)
    protected = MovieFactory(add_options=FROM_LIST, tmdb_id=12, monitored=True)
    protected.tags.set([keep])

    outcome = sync_lists()

    monitored = dict(Movie.objects.values_list("pk", "monitored"))
    assert monitored[listed.pk] is True and monitored[protected.pk] is True
    if level == "logOnly":
        assert monitored[stale.pk] is True and outcome.cleaned == []
    else:
        assert monitored[stale.pk] is False and outcome.cleaned == [stale.pk]


def test_remove_and_keep_removes_the_movie_but_never_its_files(fake_server, root):
    ImportListConfig(pk=1, list_sync_level="removeAndKeep").save()
    fake_server.add("/list.json", body=json.dumps([{"id": 10}]))
    custom_list(root, fake_server.url + "/list.json", enable_auto=False)
    folder = root / "Stale (2000)"
    folder.mkdir()
    (folder / "stale.mkv").write_bytes(b"x")
    MovieFactory(add_options=FROM_LIST, tmdb_id=11, path=str(folder), root_folder_path=str(root))

    sync_lists()

    assert not Movie.objects.filter(tmdb_id=11).exists() and (folder / "stale.mkv").is_file()


def test_radarr_import_keeps_only_the_chosen_profiles_and_tags(fake_tmdb, root, empty_cache):
    movies = [
        {
            "tmdbId": 603,
            "title": "The Matrix",
            "year": 1999,
            "qualityProfileId": 4,
            "tags": [2],
            "path": "/m/a",
        },
        {"tmdbId": 604, "title": "Other", "qualityProfileId": 1, "tags": [2], "path": "/m/b"},
        {"tmdbId": 605, "title": "Untagged", "qualityProfileId": 4, "tags": [], "path": "/m/c"},
    ]
    fake_tmdb.add("/api/v3/movie", body=json.dumps(movies))
    custom_list(
        root,
        "",
        name="Source",
        implementation="RadarrImport",
        enable_auto=False,
        settings={
            "baseUrl": fake_tmdb.url,
            "apiKey": "k",
            "profileIds": [4],
            "tagIds": [2],
            "rootFolderPaths": [],
        },
    )

    sync_lists()

    assert list(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [603]


def test_posting_to_importlist_movie_adds_the_movies(api_client, fake_tmdb, root, empty_cache):
    body = [
        {"tmdbId": 603, "qualityProfileId": QualityProfile.objects.first().pk, "rootFolderPath": str(root)}
    ]

    response = post(api_client, "/api/v3/importlist/movie", body)

    assert response.status_code == 200, response.content
    assert [movie["tmdbId"] for movie in response.json()] == [603]
    assert Movie.objects.get(tmdb_id=603).add_options["addMethod"] == "list"


def test_discover_does_not_query_per_movie(api_client, root, django_assert_max_num_queries):
    row = custom_list(root, "http://127.0.0.1:1/a", enable_auto=False)
    for tmdb_id in range(1, 30):
        ImportListItem.objects.create(import_list=row, tmdb_id=tmdb_id, title=f"Movie {tmdb_id}")
    MovieFactory(tmdb_id=1)

    with django_assert_max_num_queries(5):
        items = api_client.get("/api/v3/importlist/movie").json()

    assert len(items) == 29  # one in the library is flagged, as Radarr, not left out
    assert [item["tmdbId"] for item in items if item["isExisting"]] == [1]


# ---- health


def test_a_failing_list_shows_in_health_and_clears_once_it_works(api_client, fake_server, root):
    fake_server.add("/bad.json", body="down", status=503)
    fake_server.add("/fine.json", body="[]")
    custom_list(root, fake_server.url + "/fine.json", name="Fine", enable_auto=False)
    bad = custom_list(root, fake_server.url + "/bad.json", name="Broken", enable_auto=False)

    sync_lists()
    health = {issue["source"]: issue for issue in api_client.get("/api/v3/health").json()}

    assert health["ImportListStatusCheck"]["message"].endswith("Broken")
    assert health["ImportListStatusCheck"]["type"] == "warning"
    fixed = with_field(
        api_client.get(f"/api/v3/importlist/{bad.pk}").json(), "url", fake_server.url + "/fine.json"
    )
    assert post(api_client, "/api/v3/importlist/test", fixed).status_code == 200
    bad.refresh_from_db()
    sources = {issue["source"] for issue in api_client.get("/api/v3/health").json()}
    assert bad.disabled_until is None and "ImportListStatusCheck" not in sources


def test_a_list_adding_into_a_missing_root_folder_shows_in_health(api_client, root, tmp_path):
    custom_list(root, "http://127.0.0.1:1/a", name="Lost", root_folder_path=str(tmp_path / "gone"))

    health = {issue["source"]: issue for issue in api_client.get("/api/v3/health").json()}

    assert "gone" in health["ImportListRootFolderCheck"]["message"]
    assert "Lost" in health["ImportListRootFolderCheck"]["message"]


def test_the_root_folder_and_profile_sent_must_exist(api_client, fake_server, root, tmp_path):
    body = with_field(template(api_client, "RadarrListImport"), "url", fake_server.url + "/list.json")
    body |= {"name": "Nowhere", "rootFolderPath": str(tmp_path / "elsewhere"), "qualityProfileId": 9999}

    response = post(api_client, "/api/v3/importlist?forceSave=true", body)

    assert response.status_code == 400
    assert {failure["propertyName"] for failure in response.json()} >= {"rootFolderPath", "qualityProfileId"}
    assert not ImportList.objects.exists()


# ---- Settings → Import Lists


def test_the_page_adds_a_list_with_its_options(admin_client, fake_server, root):
    fake_server.add("/list.json", body="[]")
    profile = QualityProfile.objects.first()
    form = admin_client.get("/settings/importlists/new?implementation=RadarrListImport")
    assert form.status_code == 200 and str(root) in form.content.decode()

    response = admin_client.post(
        "/settings/importlists/new",
        {
            "implementation": "RadarrListImport",
            "name": "From the page",
            "enabled": "on",
            "enable_auto": "on",
            "monitor": "none",
            "root_folder_path": str(root),
            "quality_profile_id": str(profile.pk),
            "minimum_availability": "inCinemas",
            "field-url": fake_server.url + "/list.json",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    row = ImportList.objects.get(name="From the page")
    assert (row.enable_auto, row.monitor, row.minimum_availability) == (True, "none", "inCinemas")
    assert row.quality_profile_id == profile.pk and row.settings["url"].endswith("/list.json")
    page = admin_client.get("/settings/importlists").content.decode()
    assert "From the page" in page


def test_the_page_saves_the_clean_level_and_queues_a_sync(admin_client):
    response = admin_client.post(
        "/settings/importlists", {"list_sync_level": "logOnly", "list_sync_tag": "0"}
    )
    assert response.status_code == 302 and ImportListConfig.load().list_sync_level == "logOnly"

    bad = admin_client.post("/settings/importlists", {"list_sync_level": "explode"})
    assert bad.status_code == 400 and ImportListConfig.load().list_sync_level == "logOnly"

    admin_client.post("/settings/importlists", {"action": "sync"})
    assert Command.objects.filter(name="ImportListSync").exists()


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>My IMDb list</title>
<item><title>The Matrix (1999)</title><link>https://www.imdb.com/title/tt0133093/</link></item>
<item><title>Some Show (2005 TV Series)</title><link>https://www.imdb.com/title/tt7777777/</link></item>
<item><title>No id here</title><link>https://example.invalid/</link></item>
</channel></rss>"""


def test_an_rss_list_adds_its_movies_by_imdb_id_and_skips_tv(fake_tmdb, root, empty_cache):
    fake_tmdb.add("/feed.xml", body=RSS, content_type="application/rss+xml")
    custom_list(
        root, "", name="Feed", implementation="RSSImport", settings={"link": fake_tmdb.url + "/feed.xml"}
    )

    outcome = sync_lists()

    assert list(ImportListItem.objects.values_list("tmdb_id", "year")) == [(603, 1999)]
    assert Movie.objects.get(tmdb_id=603).pk in outcome.added
    assert not any("tt7777777" in request.path for request in fake_tmdb.requests)


def test_an_rss_list_declaring_entities_is_refused(fake_server, root):
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel></channel></rss>'
    fake_server.add("/feed.xml", body=bomb, content_type="application/rss+xml")
    row = custom_list(
        root, "", name="Feed", implementation="RSSImport", settings={"link": fake_server.url + "/feed.xml"}
    )

    outcome = sync_lists()

    row.refresh_from_db()
    assert outcome.failed == ["Feed"] and "refused" in row.last_error


def test_tmdb_person_reads_the_credits_chosen(fake_tmdb, root, empty_cache):
    credits = {
        "cast": [{"id": 603, "title": "The Matrix", "release_date": "1999-03-30"}],
        "crew": [
            {"id": 701, "title": "Directed", "department": "Directing"},
            {"id": 702, "title": "Produced", "department": "Production"},
        ],
    }
    fake_tmdb.add("/3/person/6384/movie_credits", body=json.dumps(credits))
    settings = {"personId": "6384", "personCast": True, "personCastDirector": True}
    custom_list(
        root, "", name="Keanu", implementation="TMDbPersonImport", enable_auto=False, settings=settings
    )

    sync_lists()

    assert sorted(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [603, 701]


def test_tmdb_company_reads_every_page_of_discover(fake_tmdb, root, empty_cache):
    for page in (1, 2):
        answer = {"page": page, "total_pages": 2, "results": [{"id": 800 + page, "title": f"Film {page}"}]}
        fake_tmdb.add(
            "/3/discover/movie", body=json.dumps(answer), query={"page": str(page), "with_companies": "3"}
        )
    custom_list(
        root,
        "",
        name="Studio",
        implementation="TMDbCompanyImport",
        enable_auto=False,
        settings={"companyId": "3"},
    )

    sync_lists()

    assert sorted(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [801, 802]


def test_a_tmdb_id_setting_must_be_a_number(api_client):
    body = with_field(template(api_client, "TMDbKeywordImport"), "keywordId", "abc") | {"enableAuto": False}

    response = post(api_client, "/api/v3/importlist?forceSave=true", body)

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "keywordId"


RECYCLE_BIN: list[str] = []


def recycle_bin() -> str:
    """The recycle bin the test sets (read through settings.RADARR_RECYCLE_BIN)."""
    return RECYCLE_BIN[0]


def test_remove_and_delete_sends_the_folder_to_the_recycle_bin(fake_server, root, tmp_path, settings):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    RECYCLE_BIN[:] = [str(bin_folder)]
    settings.RADARR_RECYCLE_BIN = f"{__name__}.recycle_bin"
    ImportListConfig(pk=1, list_sync_level="removeAndDelete").save()
    fake_server.add("/list.json", body=json.dumps([{"id": 10}]))
    custom_list(root, fake_server.url + "/list.json", enable_auto=False)
    folder = root / "Stale (2000)"
    folder.mkdir()
    (folder / "stale.mkv").write_bytes(b"x")
    MovieFactory(add_options=FROM_LIST, tmdb_id=11, path=str(folder), root_folder_path=str(root))

    sync_lists()

    assert not Movie.objects.filter(tmdb_id=11).exists() and not folder.exists()
    assert list(bin_folder.rglob("stale.mkv"))


def test_saving_an_enabled_list_queues_its_sync(
    api_client, fake_server, root, django_capture_on_commit_callbacks
):
    fake_server.add("/list.json", body="[]")
    body = with_field(template(api_client, "RadarrListImport"), "url", fake_server.url + "/list.json")
    body |= {"name": "Soon", "enabled": True, "enableAuto": False}

    with django_capture_on_commit_callbacks(execute=True):
        with_commit = post(api_client, "/api/v3/importlist", body)

    row = ImportList.objects.get(pk=with_commit.json()["id"])
    queued = Command.objects.filter(name="ImportListSync")
    assert [command.body for command in queued] == [{"definitionId": row.pk}]


def test_the_resource_has_radarrs_properties(api_client, root):
    openapi = SHARED_DIR / "radarr-api" / "openapi.json"
    if not openapi.is_file():
        pytest.skip(f"Radarr's spec {openapi} is absent (a user's clone has none)")
    radarr = json.loads(openapi.read_text())["components"]["schemas"]
    # Radarr's properties plus the ones our OpenAPI document marks as ours (versionTemplateIds)
    expected = with_our_extensions(radarr)["ImportListResource"]["properties"]
    custom_list(root, "http://127.0.0.1:1/a")

    row = api_client.get("/api/v3/importlist").json()[0]

    assert set(row) <= set(expected) and set(expected) - set(row) <= {"message"}  # nulls are left out


def test_couchpotato_lists_wanted_movies_not_done_ones(fake_server, root):
    movies = {
        "movies": [
            {
                "type": "movie",
                "title": "Wanted",
                "releases": [],
                "info": {"tmdb_id": 901, "imdb": "tt0000901"},
            },
            {"type": "movie", "title": "Done", "releases": [{"status": "done"}], "info": {"tmdb_id": 902}},
            {
                "type": "movie",
                "title": "Snatched",
                "releases": [{"status": "snatched"}],
                "info": {"tmdb_id": 903},
            },
        ]
    }
    fake_server.add("/cp/api/key/movie.list/", body=json.dumps(movies), query={"status": "active"})
    host, port = fake_server.url.rsplit(":", 1)
    settings = {"link": host, "port": int(port), "urlBase": "cp", "apiKey": "key", "onlyActive": True}
    custom_list(root, "", name="CP", implementation="CouchPotatoImport", enable_auto=False, settings=settings)

    sync_lists()

    assert sorted(ImportListItem.objects.values_list("tmdb_id", flat=True)) == [901, 903]


def test_mdblist_reads_the_lists_json_and_skips_shows(fake_server, root):
    items = [
        {
            "id": 603,
            "title": "The Matrix",
            "imdb_id": "tt0133093",
            "release_year": 1999,
            "mediatype": "movie",
        },
        {"id": 1399, "title": "A Show", "mediatype": "show"},
    ]
    fake_server.add("/lists/me/best/json", body=json.dumps(items))
    settings = {"listUrl": fake_server.url + "/lists/me/best"}
    custom_list(root, "", name="MDB", implementation="MDBListImport", enable_auto=False, settings=settings)

    sync_lists()

    assert list(ImportListItem.objects.values_list("tmdb_id", "year")) == [(603, 1999)]


def test_the_command_posted_by_a_client_syncs_the_list_it_names(api_client, fake_tmdb, root, empty_cache):
    fake_tmdb.add("/list.json", body=json.dumps([{"id": 603}]))
    row = custom_list(root, fake_tmdb.url + "/list.json", last_sync=timezone.now())  # not due on its own

    queued = post(api_client, "/api/v3/command", {"name": "ImportListSync", "definitionId": row.pk}).json()
    execute_command(queued["id"])

    command = Command.objects.get(pk=queued["id"])
    assert command.status == "completed" and "1 movie(s) added" in command.message
    assert Movie.objects.filter(tmdb_id=603).exists()


def test_discover_page_lists_new_movies_and_excludes_one(admin_client, root):
    row = custom_list(root, "http://127.0.0.1:1/a", name="Friends", enable_auto=False)
    ImportListItem.objects.create(import_list=row, tmdb_id=603, title="The Matrix", year=1999)
    ImportListItem.objects.create(import_list=row, tmdb_id=604, title="In Library", year=2003)
    MovieFactory(tmdb_id=604)

    page = admin_client.get("/discover").content.decode()
    assert "The Matrix" in page and "In Library" not in page and "term=tmdb:603" in page

    response = admin_client.post("/discover", {"tmdb_id": "603", "title": "The Matrix", "year": "1999"})

    assert response.status_code == 302
    assert ImportExclusion.objects.filter(tmdb_id=603, movie_year=1999).exists()
    assert 'id="discover-603"' not in admin_client.get("/discover").content.decode()
    assert admin_client.post("/discover", {"tmdb_id": "x"}).status_code == 302


def _queries_to_sync(fake_server, root, size, level):
    """The queries one sync of one list of `size` movies takes: all but two known or excluded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ImportListItem.objects.all().delete()
    ImportList.objects.all().delete()
    ImportExclusion.objects.all().delete()
    ImportListConfig(pk=1, list_sync_level=level).save()
    ImportExclusion.objects.bulk_create(ImportExclusion(tmdb_id=10_000 + n) for n in range(size))
    fake_server.add(f"/list{size}.json", body=json.dumps([{"id": 10_000 + n} for n in range(size)]))
    custom_list(root, fake_server.url + f"/list{size}.json", enable_auto=True)
    with CaptureQueriesContext(connection) as captured:
        outcome = sync_lists()
    assert outcome.synced == ["My list"] and outcome.added == []
    assert ImportListItem.objects.count() == size
    return len(captured)


@pytest.mark.parametrize("level", ["disabled", "keepAndUnmonitor"])
def test_the_sync_takes_as_many_queries_for_a_long_list_as_for_a_short_one(fake_server, root, level):
    for tmdb_id in (1, 2, 3):
        MovieFactory(
            add_options=FROM_LIST, tmdb_id=tmdb_id, monitored=True
        )  # on no list: unmonitored by keepAndUnmonitor

    short = _queries_to_sync(fake_server, root, 5, level)
    Movie.objects.update(monitored=True)
    long = _queries_to_sync(fake_server, root, 400, level)

    assert short == long
    assert Movie.objects.filter(monitored=True).count() == (3 if level == "disabled" else 0)
