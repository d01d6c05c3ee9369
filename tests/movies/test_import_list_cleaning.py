"""Clean library's dry run (GET /api/v3/config/importlist/preview and the page's Preview) and the
confirmation "Remove and delete files" needs on the settings page (issue 19)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from movies.importlistsync import SyncOutcome, clean_library, preview_clean, sync_lists
from movies.models import ImportList, ImportListConfig, ImportListItem, Movie
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

FROM_LIST = {"addMethod": "list"}  # clean library only touches movies a list added


def synced_list(root, tmdb_ids, **columns):
    """An enabled list that answered at its last sync, naming `tmdb_ids`."""
    values = {
        "name": "My list",
        "implementation": "RadarrListImport",
        "settings": {"url": "http://127.0.0.1:9/list.json"},
        "enabled": True,
        "enable_auto": False,
        "root_folder_path": str(root),
        "quality_profile_id": QualityProfile.objects.first().pk,
        "last_sync": timezone.now(),
        **columns,
    }
    row = ImportList.objects.create(**values)
    ImportListItem.objects.bulk_create(ImportListItem(import_list=row, tmdb_id=i) for i in tmdb_ids)
    return row


@pytest.fixture
def library(root):
    """A listed movie, an unlisted monitored one, an unlisted unmonitored one, an unlisted tagged one."""
    keep = TagFactory()
    synced_list(root, [10])
    movies = {
        "listed": MovieFactory(add_options=FROM_LIST, tmdb_id=10, title="Listed", monitored=True),
        "stale": MovieFactory(add_options=FROM_LIST, tmdb_id=11, title="Stale", monitored=True),
        "idle": MovieFactory(add_options=FROM_LIST, tmdb_id=12, title="Idle", monitored=False),
        "kept": MovieFactory(add_options=FROM_LIST, tmdb_id=13, title="Kept", monitored=True),
    }
    movies["kept"].tags.set([keep])
    return movies, keep


def snapshot():
    return sorted(Movie.objects.values_list("pk", "monitored"))


@pytest.mark.parametrize(
    ("level", "affected", "action"),
    [
        ("keepAndUnmonitor", ["Stale"], "unmonitored"),
        ("removeAndKeep", ["Idle", "Stale"], "removed (files kept)"),
        ("removeAndDelete", ["Idle", "Stale"], "removed with its files (recycle bin)"),
        ("logOnly", ["Idle", "Stale"], "logged only"),
    ],
)
def test_the_preview_says_what_the_level_would_do_and_does_nothing(library, level, affected, action):
    movies, keep = library
    ImportListConfig(pk=1, list_sync_level=level, list_sync_tag=keep.pk).save()
    before = snapshot()

    preview = preview_clean()

    assert preview.blocked == ""
    assert [(m.title, m.action) for m in preview.affected] == [(title, action) for title in affected]
    skipped = {m.title: m.reason for m in preview.skipped}
    assert skipped["Kept"] == "protected by the list sync tag"
    assert ("Idle" in skipped) == (level == "keepAndUnmonitor")
    assert "Listed" not in skipped and snapshot() == before


def test_the_preview_matches_what_the_sync_then_does(library, fake_server, root):
    movies, keep = library
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor", list_sync_tag=keep.pk).save()
    fake_server.add("/list.json", body=json.dumps([{"id": 10}]))
    ImportList.objects.update(settings={"url": fake_server.url + "/list.json"})

    predicted = [m.id for m in preview_clean().affected]
    outcome = sync_lists(ImportList.objects.get().pk)

    assert predicted == outcome.cleaned == [movies["stale"].pk]


def test_the_preview_refuses_to_act_when_a_list_failed(library, root):
    movies, keep = library
    ImportListConfig(pk=1, list_sync_level="removeAndDelete").save()
    synced_list(
        root, [], name="Broken", escalation_level=2, disabled_until=timezone.now() + timedelta(hours=1)
    )

    preview = preview_clean()

    assert "Broken" in preview.blocked and preview.as_resource()["wouldAct"] is False
    assert {m.title for m in preview.affected} == {"Stale", "Idle", "Kept"}  # shown, not acted on


@pytest.mark.parametrize("method", [None, "manual", "collection"])
def test_clean_library_never_touches_a_movie_no_list_added(root, method):
    ImportListConfig(pk=1, list_sync_level="removeAndKeep").save()
    synced_list(root, [10])
    added = MovieFactory(add_options={"addMethod": method} if method else {}, tmdb_id=11, monitored=True)
    stale = MovieFactory(add_options=FROM_LIST, tmdb_id=12, monitored=True)

    preview = preview_clean()
    outcome = SyncOutcome()
    clean_library(outcome)

    assert [m.title for m in preview.affected] == [stale.title]
    assert list(Movie.objects.values_list("pk", flat=True)) == [added.pk]


def test_the_preview_says_so_when_disabled_or_no_list(db, root):
    MovieFactory(add_options=FROM_LIST, tmdb_id=11)

    assert "disabled" in preview_clean().blocked.lower()
    assert "No import list" in preview_clean("keepAndUnmonitor").blocked


def test_the_preview_endpoint_answers_the_dry_run_in_a_fixed_number_of_queries(
    api_client, library, django_assert_max_num_queries
):
    movies, keep = library
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor", list_sync_tag=keep.pk).save()
    MovieFactory.create_batch(5, monitored=True, add_options=FROM_LIST)
    MovieFactory(monitored=True)  # added by hand: never cleaned, not even listed
    before = snapshot()

    with django_assert_max_num_queries(8):
        body = api_client.get("/api/v3/config/importlist/preview").json()

    assert body["wouldAct"] is True and body["listSyncLevel"] == "keepAndUnmonitor"
    assert len(body["movies"]) == 6 and {"movieId", "title", "year", "action", "reason"} <= set(
        body["movies"][0]
    )
    assert [s["title"] for s in body["skipped"]] == ["Idle", "Kept"]
    # another level asked for: previewed without saving it
    other = api_client.get(
        "/api/v3/config/importlist/preview?listSyncLevel=removeAndKeep&listSyncTag=0"
    ).json()
    assert other["listSyncLevel"] == "removeAndKeep" and len(other["movies"]) == 8
    assert ImportListConfig.load().list_sync_level == "keepAndUnmonitor" and snapshot() == before


def test_the_preview_endpoint_refuses_a_bad_level_with_radarrs_400(api_client):
    response = api_client.get("/api/v3/config/importlist/preview?listSyncLevel=burn")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "listSyncLevel"
    assert api_client.get("/api/v3/config/importlist/preview?listSyncTag=-1").status_code == 400


def test_the_page_previews_the_chosen_level_without_saving_it(admin_client, library):
    movies, keep = library

    response = admin_client.get(
        "/settings/importlists",
        {"preview": "1", "list_sync_level": "removeAndKeep", "list_sync_tag": str(keep.pk)},
    )

    page = response.content.decode()
    assert response.status_code == 200 and 'id="clean-preview"' in page
    assert "Stale (" in page and "removed (files kept)" in page and "protected by the list sync tag" in page
    assert ImportListConfig.load().list_sync_level == "disabled"


def test_the_page_preview_says_a_failed_list_stops_the_cleaning(admin_client, library, root):
    synced_list(root, [], name="Broken", escalation_level=1)

    page = admin_client.get("/settings/importlists", {"preview": "1", "list_sync_level": "removeAndKeep"})

    assert "Not cleaning" in page.content.decode() and "Broken" in page.content.decode()


# ---- "Remove movie and delete files" needs a typed confirmation on the page


def test_the_page_refuses_remove_and_delete_without_the_typed_confirmation(admin_client, library):
    ImportListConfig(pk=1, list_sync_level="keepAndUnmonitor").save()

    for typed in (None, "", "yes", "DELET"):
        form = {"list_sync_level": "removeAndDelete", "list_sync_tag": "0"}
        if typed is not None:
            form["delete_confirmation"] = typed
        response = admin_client.post("/settings/importlists", form)
        page = response.content.decode()
        assert response.status_code == 400 and "in the confirmation box to choose it" in page
        assert "Now that would be 3 movies." in page  # Stale, Idle and Kept: no tag protects here
        assert ImportListConfig.load().list_sync_level == "keepAndUnmonitor"


def test_the_page_takes_remove_and_delete_once_delete_is_typed(admin_client, caplog):
    form = {"list_sync_level": "removeAndDelete", "list_sync_tag": "0", "delete_confirmation": " delete "}

    response = admin_client.post("/settings/importlists", form)

    assert response.status_code == 302 and ImportListConfig.load().list_sync_level == "removeAndDelete"
    assert "without confirmation" not in caplog.text
    # other levels need no confirmation
    assert admin_client.post("/settings/importlists", {"list_sync_level": "removeAndKeep"}).status_code == 302


def test_the_api_sets_remove_and_delete_as_radarr_but_logs_a_warning(api_client, caplog):
    body = {"listSyncLevel": "removeAndDelete", "listSyncTag": 0}

    with caplog.at_level("WARNING", logger="movies.importlistediting"):
        response = api_client.put(
            "/api/v3/config/importlist", json.dumps(body), content_type="application/json"
        )

    assert response.status_code == 202 and ImportListConfig.load().list_sync_level == "removeAndDelete"
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "removeAndDelete" in r.getMessage()]
    assert len(warnings) == 1 and "without confirmation" in warnings[0].getMessage()
