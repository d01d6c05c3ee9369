"""arrapi against a real seeded instance: every read of its RadarrAPI and of the raw API under it (found
by looking at the classes, so reads a new arrapi adds are tried too), and the writes it offers."""

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from tests.clients.calls import case

arrapi = pytest.importorskip("arrapi")
raws = pytest.importorskip("arrapi.raws.radarr")

pytestmark = pytest.mark.sqlite_pass

WRITES = ("add_", "create_", "delete_", "edit_", "remove_", "send_", "post_", "put_")
# reads that need arguments, from the seeded server
ARGUMENTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "get_movie": lambda server: {"movie_id": server.seeded["movieIds"][0]},
    "get_tag": lambda server: {"tag_id": server.seeded["tagIds"][0], "detail": True},
    "get_command": lambda server: {"command_id": 1},
    "search_movies": lambda server: {"term": "The Matrix"},
    "raw get_movie_id": lambda server: {"movie_id": server.seeded["movieIds"][0]},
    "raw get_tag_id": lambda server: {"tag_id": server.seeded["tagIds"][0], "detail": True},
    "raw get_command_id": lambda server: {"command_id": 1},
    "raw get_qualityProfileId": lambda server: {"qualityProfileId": 1},
    "raw get_movie_lookup": lambda server: {"term": "tmdb:603"},
}


def _public(cls: type) -> list[str]:
    return sorted(
        name
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and not name.startswith(WRITES)
    )


def read_calls() -> list[str]:
    high = _public(arrapi.RadarrAPI)
    raw = [f"raw {name}" for name in _public(raws.RadarrRawAPI) if name.startswith("get_")]
    return high + raw


def test_the_client_offers_what_the_test_expects():
    calls = read_calls()

    assert {"all_movies", "get_movie", "raw get_movie", "raw get_queue"} <= set(calls)
    assert set(ARGUMENTS) <= set(calls)


@pytest.mark.parametrize("name", [case(f"arrapi {name}") for name in read_calls()])
def test_every_read_call_succeeds(radarr_server, name):
    name = name.removeprefix("arrapi ")
    client = arrapi.RadarrAPI(radarr_server.url, radarr_server.api_key)
    target = client._raw if name.startswith("raw ") else client
    arguments = ARGUMENTS.get(name, lambda server: {})(radarr_server)

    answer = getattr(target, name.removeprefix("raw "))(**arguments)

    # arrapi builds its objects from the answer: a missing or mistyped key raises on the way here
    assert answer is not None or name == "respect_list_exclusions_when_adding"


def test_a_movie_is_added_edited_and_deleted(radarr_server):
    client = arrapi.RadarrAPI(radarr_server.url, radarr_server.api_key)
    profile = client.quality_profile()[0]

    added = client.add_movie(radarr_server.root, profile, tmdb_id=603, search=False)
    edited = client.edit_movie(movie_id=added.id, monitored=False, tags=["arrapi"])
    client.delete_movie(movie_id=added.id)

    assert added.tmdbId == 603 and added.path.startswith(radarr_server.root)
    assert edited.monitored is False and [tag.label for tag in edited.tags] == ["arrapi"]
    assert all(movie.tmdbId != 603 for movie in client.all_movies())


def test_several_movies_are_edited_at_once(radarr_server):
    client = arrapi.RadarrAPI(radarr_server.url, radarr_server.api_key)
    tmdb_ids = radarr_server.seeded["tmdbIds"][1:]  # arrapi names movies by TMDB id

    edited, missing = client.edit_multiple_movies(tmdb_ids, monitored=True, minimum_availability="released")

    assert sorted(movie.tmdbId for movie in edited) == sorted(tmdb_ids) and missing == []


def test_tags_and_commands(radarr_server):
    client = arrapi.RadarrAPI(radarr_server.url, radarr_server.api_key)

    tag = client.create_tag("arrapi-tag")
    renamed = client.edit_tag(tag.id, "arrapi-renamed")
    client.delete_tag(tag.id)
    command = client.send_command("RefreshMonitoredDownloads")

    assert renamed.label == "arrapi-renamed"
    assert all(item.id != tag.id for item in client.all_tags())
    assert client.get_command(command.id).name == "RefreshMonitoredDownloads"


def test_movies_are_added_and_deleted_several_at_a_time(radarr_server):
    client = arrapi.RadarrAPI(radarr_server.url, radarr_server.api_key)
    profile = client.quality_profile()[0]

    added, existing, invalid, excluded = client.add_multiple_movies(
        [603], radarr_server.root, profile, search=False
    )
    not_deleted = client.delete_multiple_movies([603])

    assert [movie.tmdbId for movie in added] == [603] and existing == [] and invalid == [] and excluded == []
    assert not_deleted == [] and all(movie.tmdbId != 603 for movie in client.all_movies())
