"""pyarr 6 against a real seeded instance: every read call its Radarr client offers (found by looking at
the client, so calls a new pyarr adds are tried too), and the writes clients make."""

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.clients.calls import FAILS_ON_RADARR, case

pyarr = pytest.importorskip("pyarr")

pytestmark = pytest.mark.sqlite_pass

# calls that change or stop the server, not reads
NOT_READS = {"system.request_restart", "system.request_shutdown"}
# reads that need arguments: the call's keyword arguments, from the seeded server
ARGUMENTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "manual_import.get": lambda server: {"folder": server.root},
    "movie.lookup": lambda server: {"term": "The Matrix"},
    "movie_file.get": lambda server: {"movie_id": server.seeded["movieIds"][0]},
}


def _offline_client() -> Any:
    return pyarr.Radarr("127.0.0.1", "x", port=1, tls=False, api_ver="v3")


def read_calls() -> list[str]:
    """`resource.method` for every get/get_*/lookup method of pyarr's Radarr client."""
    client = _offline_client()
    calls = []
    for resource in sorted(vars(client)):
        group = getattr(client, resource)
        for name, _method in inspect.getmembers(group, inspect.ismethod):
            call = f"{resource}.{name}"
            if (name == "get" or name.startswith("get_") or name == "lookup") and call not in NOT_READS:
                calls.append(call)
    return calls


def by_id_calls() -> list[str]:
    """Reads that also take one item's id (`get(item_id=...)`)."""
    client = _offline_client()
    return [
        call
        for call in read_calls()
        if "item_id"
        in inspect.signature(getattr(getattr(client, call.split(".")[0]), call.split(".")[1])).parameters
    ]


def client_for(server: Any) -> Any:
    address = urlsplit(server.url)
    return pyarr.Radarr(address.hostname, server.api_key, port=address.port, tls=False)  # asks /api for v3


def call(client: Any, name: str, **arguments: Any) -> Any:
    resource, method = name.split(".")
    return getattr(getattr(client, resource), method)(**arguments)


def test_the_client_offers_what_the_test_expects():
    calls = read_calls()

    assert {"movie.get", "movie_file.get", "queue.get", "history.get", "system.get_status"} <= set(calls)
    assert all(required in calls for required in ARGUMENTS)


@pytest.mark.parametrize("name", [case(f"pyarr {name}") for name in read_calls()])
def test_every_read_call_succeeds(radarr_server, name):
    name = name.removeprefix("pyarr ")
    arguments = ARGUMENTS.get(name, lambda server: {})(radarr_server)

    answer = call(client_for(radarr_server), name, **arguments)

    assert isinstance(answer, list | dict)


@pytest.mark.parametrize("name", [case(f"pyarr {name} by id") for name in by_id_calls()])
def test_every_read_by_id_succeeds_for_the_first_item(radarr_server, name):
    failure = FAILS_ON_RADARR.get(name)
    name = name.removeprefix("pyarr ").removesuffix(" by id")
    client = client_for(radarr_server)
    arguments = ARGUMENTS.get(name, lambda server: {})(radarr_server)
    items = call(client, name, **arguments)
    items = items.get("records", []) if isinstance(items, dict) else items
    if not items:
        pytest.skip(f"{name}: the seeded server holds none (nothing to read by id)")

    if failure:  # as Radarr answers: the same error
        with pytest.raises(getattr(pyarr, failure[0])):
            call(client, name, item_id=items[0]["id"])
        return
    answer = call(client, name, item_id=items[0]["id"])

    assert answer["id"] == items[0]["id"]


def test_a_movie_is_looked_up_added_edited_and_deleted(radarr_server):
    client = client_for(radarr_server)
    profile = client.quality_profile.get()[0]
    found = client.movie.lookup("The Matrix")[0]

    added = client.movie.add(found, radarr_server.root, profile["id"], search_for_movie=False, tags=[])
    added["monitored"] = False
    edited = client.movie.update(added)
    by_tmdb = client.movie.get(tmdb_id=603)
    client.movie.delete(added["id"], add_exclusion=False)

    assert added["tmdbId"] == 603 and added["path"].startswith(radarr_server.root)
    assert edited["monitored"] is False
    assert [movie["id"] for movie in by_tmdb] == [added["id"]]
    assert all(movie["tmdbId"] != 603 for movie in client.movie.get())


def test_tags_are_created_renamed_and_deleted(radarr_server):
    client = client_for(radarr_server)

    created = client.tag.create("pyarr")
    renamed = client.tag.update(created["id"], "pyarr-renamed")
    detail = client.tag.get_detail(created["id"])
    client.tag.delete(created["id"])

    assert renamed["label"] == "pyarr-renamed" and detail["movieIds"] == []
    assert all(tag["id"] != created["id"] for tag in client.tag.get())


def test_a_command_is_queued_and_read_back(radarr_server):
    client = client_for(radarr_server)

    queued = client.command.execute("RefreshMonitoredDownloads")
    read = client.command.get(queued["id"])

    assert read["name"] == "RefreshMonitoredDownloads" and read["id"] == queued["id"]


def test_a_root_folder_is_added_and_deleted(radarr_server, tmp_path):
    client = client_for(radarr_server)
    folder = tmp_path / "more-movies"
    folder.mkdir()

    added = client.root_folder.add(str(folder))
    listed = [item["path"] for item in client.root_folder.get()]
    client.root_folder.delete(added["id"])

    assert added["path"].rstrip("/") == str(folder) and any(
        path.rstrip("/") == str(folder) for path in listed
    )
    assert all(item["id"] != added["id"] for item in client.root_folder.get())


@pytest.mark.parametrize("resource", ["quality_profile", "indexer", "notification", "download_client"])
def test_a_provider_or_profile_sent_back_unchanged_stays_the_same(radarr_server, resource):
    client = client_for(radarr_server)
    group = getattr(client, resource)
    before = group.get()[0]

    arguments = {"force_save": True} if resource == "indexer" else {}
    after = group.update(before["id"], before, **arguments)

    assert after == before


def test_movies_are_deleted_in_bulk(radarr_server):
    client = client_for(radarr_server)
    profile = client.quality_profile.get()[0]
    added = client.movie.add(client.movie.lookup("The Matrix")[0], radarr_server.root, profile["id"], False)

    client.movie.delete([added["id"]])  # pyarr sends a list to /movie/editor

    assert all(movie["id"] != added["id"] for movie in client.movie.get())


def test_an_import_list_is_added_from_its_schema_edited_and_deleted(radarr_server):
    client = client_for(radarr_server)
    template = next(t for t in client.import_list.get_schema() if t["implementation"] == "StevenLuImport")
    profile = client.quality_profile.get()[0]
    template |= {
        "name": "pyarr list",
        "enabled": False,  # not tested before the save: the default URL is on the internet
        "enableAuto": False,
        "rootFolderPath": radarr_server.root,
        "qualityProfileId": profile["id"],
    }

    added = client.import_list.add(template)
    added["minimumAvailability"] = "announced"
    edited = client.import_list.update(added["id"], added)
    client.import_list.delete(added["id"])

    assert added["implementation"] == "StevenLuImport" and added["minRefreshInterval"] == "1.00:00:00"
    assert edited["minimumAvailability"] == "announced"
    assert all(item["id"] != added["id"] for item in client.import_list.get())
