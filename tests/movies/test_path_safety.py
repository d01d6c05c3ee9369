"""Issue 14, must-show 2 and 4: a movie's folder stays inside a root folder, and deletes never leave one.

Each test has a configured root folder and a marker folder outside it (tests/pathsafety.py), points a
movie, the editor, a collection or a library import at the marker every way a request can, then deletes
with deleteFiles=true, and checks the marker is exactly as it was and the request was a 400 in Radarr's
validation shape.
"""

import json
import os
from pathlib import Path

import pytest

from movies.libraryimport import ImportRequest, import_movies
from movies.metadata import MovieMetadata
from movies.models import Collection, Movie
from movies.rootfolders import placement
from releases.models import QualityProfile
from tests.movies.factories import CollectionFactory, MovieFactory, RootFolderFactory
from tests.pathsafety import (
    MARKER_NAME,
    assert_radarr_validation,
    assert_untouched,
    make_marker,
    snapshot,
    store_old_row,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

MATRIX_PART = {"tmdbId": 603, "title": "The Matrix", "year": 1999, "status": "released"}


def put(client, url: str, body: object):
    return client.put(url, json.dumps(body), content_type="application/json")


def delete_everything_with_files(client) -> None:
    """What a user cleaning up does last: every movie deleted with its files, through the bulk editor."""
    ids = list(Movie.objects.values_list("pk", flat=True))
    if ids:
        body = json.dumps({"movieIds": ids, "deleteFiles": True})
        client.delete("/api/v3/movie/editor", body, content_type="application/json")


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return make_marker(tmp_path)


@pytest.fixture
def arrival(root: Path) -> Movie:
    """Arrival in its own folder inside the root folder, with a file."""
    folder = root / "Arrival (2016)"
    folder.mkdir()
    (folder / "arrival.mkv").write_bytes(b"video")
    return MovieFactory(title="Arrival", year=2016, root_folder_path=str(root), path=str(folder))


def outside_paths(root: Path, marker: Path) -> dict[str, str]:
    """The marker reached as written, through `..`, through a link to it, through a link to its parent."""
    (root / "link").symlink_to(marker, target_is_directory=True)
    (root / "escape").symlink_to(marker.parent, target_is_directory=True)
    return {
        "outside": str(marker),
        "dot-dot": f"{root}/../outside/{MARKER_NAME}",
        "link to the marker": str(root / "link"),
        "link to its parent": str(root / "escape" / MARKER_NAME),
    }


# ---- movie PUT


@pytest.mark.parametrize(
    "way", ["outside", "dot-dot", "link to the marker", "link to its parent"], ids=lambda way: way
)
def test_a_path_outside_every_root_folder_is_refused_and_a_later_delete_spares_the_marker(
    api_client, root, marker, arrival, way
):
    before = snapshot(marker)
    path = outside_paths(root, marker)[way]

    response = put(api_client, f"/api/v3/movie/{arrival.pk}", {"id": arrival.pk, "path": path})
    deleted = api_client.delete(f"/api/v3/movie/{arrival.pk}?deleteFiles=true")

    assert_untouched(marker, before)
    assert_radarr_validation(response, "Path", path)
    assert deleted.status_code == 200
    assert not (root / "Arrival (2016)").exists()  # the movie's own folder was its to delete


def test_move_files_to_a_folder_outside_every_root_folder_moves_nothing(api_client, root, marker, arrival):
    outside = marker.parent
    before = snapshot(outside)
    target = str(outside / "Arrival (2016)")

    response = put(api_client, f"/api/v3/movie/{arrival.pk}?moveFiles=true", {"path": target})

    assert_untouched(outside, before)
    assert_radarr_validation(response, "Path", target)
    assert (root / "Arrival (2016)" / "arrival.mkv").read_bytes() == b"video"
    assert Movie.objects.get(pk=arrival.pk).path == str(root / "Arrival (2016)")


def test_a_new_path_takes_the_configured_root_folder_holding_it_not_its_parent(api_client, root, arrival):
    nested = root / "Sci-Fi" / "Arrival"

    response = put(api_client, f"/api/v3/movie/{arrival.pk}", {"path": str(nested)})

    assert response.status_code == 202
    arrival.refresh_from_db()
    assert (arrival.path, arrival.root_folder_path) == (str(nested), str(root))
    assert response.json()["rootFolderPath"] == str(root)


# ---- rows written before the rule


def test_a_movie_stored_outside_every_root_folder_is_never_deleted_or_moved_but_can_be_repointed(
    api_client, root, marker, arrival
):
    before = snapshot(marker)
    movie = store_old_row(arrival, marker, marker.parent)

    shown = api_client.get(f"/api/v3/movie/{movie.pk}")
    deleted = api_client.delete(f"/api/v3/movie/{movie.pk}?deleteFiles=true")
    moved = put(api_client, f"/api/v3/movie/{movie.pk}?moveFiles=true", {"path": str(root / "Matrix")})
    edited = put(api_client, f"/api/v3/movie/{movie.pk}", {"path": str(marker), "monitored": False})
    repointed = put(api_client, f"/api/v3/movie/{movie.pk}", {"path": str(root / "Matrix")})

    assert_untouched(marker, before)
    assert shown.status_code == 200 and shown.json()["path"] == str(marker)
    assert deleted.status_code == 409 and "not inside a root folder" in deleted.json()["message"]
    assert moved.status_code == 409 and "not inside a root folder" in moved.json()["message"]
    assert edited.status_code == 202  # other settings still save while the path stays as it was
    assert repointed.status_code == 202 and repointed.json()["rootFolderPath"] == str(root)
    assert Movie.objects.filter(pk=movie.pk).exists()


def test_a_movie_folder_that_is_a_link_out_of_the_root_folder_loses_only_the_link(
    api_client, root, marker, arrival
):
    before = snapshot(marker)
    link = root / MARKER_NAME
    link.symlink_to(marker, target_is_directory=True)
    movie = store_old_row(arrival, link, root)

    response = api_client.delete(f"/api/v3/movie/{movie.pk}?deleteFiles=true")

    assert_untouched(marker, before)
    assert response.status_code == 200
    assert not os.path.lexists(link)


def test_a_movie_folder_reached_through_a_linked_parent_is_never_deleted(api_client, root, marker, arrival):
    before = snapshot(marker)
    (root / "escape").symlink_to(marker.parent, target_is_directory=True)
    movie = store_old_row(arrival, root / "escape" / MARKER_NAME, root)

    response = api_client.delete(f"/api/v3/movie/{movie.pk}?deleteFiles=true")

    assert_untouched(marker, before)
    assert response.status_code == 409 and "symbolic link" in response.json()["message"]
    assert Movie.objects.filter(pk=movie.pk).exists()


def test_a_movie_whose_path_is_the_root_folder_never_deletes_the_root_folder(api_client, root, arrival):
    other = store_old_row(MovieFactory(), root, root)
    before = snapshot(root)

    refused_put = put(api_client, f"/api/v3/movie/{arrival.pk}", {"path": f"{root}//"})
    deleted = api_client.delete(f"/api/v3/movie/{other.pk}?deleteFiles=true")

    assert_untouched(root, before)
    assert_radarr_validation(refused_put, "Path")
    assert deleted.status_code == 409


# ---- the bulk editor


def test_the_editor_refuses_a_root_folder_that_is_not_configured(api_client, root, marker, arrival):
    outside = marker.parent
    before = snapshot(outside)
    body = {"movieIds": [arrival.pk], "rootFolderPath": str(outside), "moveFiles": True}

    response = put(api_client, "/api/v3/movie/editor", body)

    assert_untouched(outside, before)
    assert_radarr_validation(response, "RootFolderPath", str(outside))
    assert Movie.objects.get(pk=arrival.pk).root_folder_path == str(root)
    assert (root / "Arrival (2016)" / "arrival.mkv").exists()


def test_the_editors_delete_removes_the_movies_it_may_and_spares_the_marker(
    api_client, root, marker, arrival
):
    before = snapshot(marker)
    old = store_old_row(MovieFactory(), marker, marker.parent)
    body = {"movieIds": [old.pk, arrival.pk], "deleteFiles": True}

    response = api_client.delete("/api/v3/movie/editor", json.dumps(body), content_type="application/json")

    assert_untouched(marker, before)
    assert response.status_code == 409 and "not inside a root folder" in response.json()["description"]
    assert list(Movie.objects.values_list("pk", flat=True)) == [old.pk]
    assert not (root / "Arrival (2016)").exists()


# ---- adding, collections, library import


def test_adding_a_movie_outside_every_root_folder_is_refused(api_client, fake_tmdb, root, marker):
    before = snapshot(marker)
    profile = QualityProfile.objects.first().pk
    by_path = {"tmdbId": 603, "qualityProfileId": profile, "path": str(marker)}
    by_root = {"tmdbId": 603, "qualityProfileId": profile, "rootFolderPath": str(marker.parent)}

    refused_path = api_client.post("/api/v3/movie", json.dumps(by_path), content_type="application/json")
    refused_root = api_client.post("/api/v3/movie", json.dumps(by_root), content_type="application/json")
    delete_everything_with_files(api_client)

    assert_untouched(marker, before)
    assert_radarr_validation(refused_path, "Path", str(marker))
    assert_radarr_validation(refused_root, "RootFolderPath", str(marker.parent))


def test_a_collection_never_adds_movies_outside_every_root_folder(api_client, root, marker):
    before = snapshot(marker)
    collection = CollectionFactory(parts=[MATRIX_PART], root_folder_path=str(root))
    old = CollectionFactory(parts=[{**MATRIX_PART, "tmdbId": 604}], root_folder_path=str(marker.parent))
    body = {"monitored": True, "rootFolderPath": str(marker.parent)}

    response = put(api_client, f"/api/v3/collection/{collection.pk}", body)
    monitored_old = put(api_client, f"/api/v3/collection/{old.pk}", {"monitored": True})
    delete_everything_with_files(api_client)

    assert_untouched(marker, before)
    assert_radarr_validation(response, "RootFolderPath", str(marker.parent))
    assert Collection.objects.get(pk=collection.pk).root_folder_path == str(root)
    assert monitored_old.status_code == 202  # its stored root folder is refused when adding: logged
    assert not Movie.objects.exists()


def test_library_import_of_a_folder_outside_every_root_folder_is_refused(api_client, root, marker):
    before = snapshot(marker)
    profile = QualityProfile.objects.first().pk
    item = {
        "tmdbId": 603,
        "title": "The Matrix",
        "year": 1999,
        "path": str(marker),
        "qualityProfileId": profile,
    }

    response = api_client.post("/api/v3/movie/import", json.dumps([item]), content_type="application/json")
    added, refused = import_movies(
        [ImportRequest(str(marker), MovieMetadata(603, "The Matrix", 1999), profile)]
    )
    delete_everything_with_files(api_client)

    assert_untouched(marker, before)
    assert_radarr_validation(response, "Path", str(marker))
    assert added == [] and "not inside a root folder" in refused[0][1]


# ---- must-show 4: a path that is not text


@pytest.mark.parametrize("value", [["/movies"], {"path": "/movies"}, 42, True], ids=repr)
def test_a_movie_path_that_is_not_a_string_is_a_400_and_nothing_is_stored(api_client, root, arrival, value):
    path_put = put(api_client, f"/api/v3/movie/{arrival.pk}", {"path": value})
    root_put = put(api_client, f"/api/v3/movie/{arrival.pk}", {"rootFolderPath": value})
    editor = put(api_client, "/api/v3/movie/editor", {"movieIds": [arrival.pk], "rootFolderPath": value})

    assert_radarr_validation(path_put, "Path", value)
    assert_radarr_validation(root_put, "RootFolderPath", value)
    assert_radarr_validation(editor, "RootFolderPath", value)
    arrival.refresh_from_db()
    assert (arrival.path, arrival.root_folder_path) == (str(root / "Arrival (2016)"), str(root))


@pytest.mark.parametrize("value", [["/movies"], 42], ids=repr)
def test_adding_importing_or_a_collection_with_a_path_that_is_not_a_string_is_a_400(
    api_client, fake_tmdb, root, value
):
    collection = CollectionFactory(root_folder_path=str(root))
    profile = QualityProfile.objects.first().pk
    item = {"tmdbId": 603, "title": "The Matrix", "year": 1999, "qualityProfileId": profile}

    added = api_client.post(
        "/api/v3/movie", json.dumps({**item, "rootFolderPath": value}), content_type="application/json"
    )
    imported = api_client.post(
        "/api/v3/movie/import", json.dumps([{**item, "path": value}]), content_type="application/json"
    )
    collection_put = put(api_client, f"/api/v3/collection/{collection.pk}", {"rootFolderPath": value})

    assert_radarr_validation(added, "RootFolderPath", value)
    assert_radarr_validation(imported, "Path", value)
    assert_radarr_validation(collection_put, "RootFolderPath", value)
    assert Collection.objects.get(pk=collection.pk).root_folder_path == str(root)
    assert not Movie.objects.exists()


# ---- the rule itself


def test_a_root_folder_that_is_itself_a_link_still_holds_its_movies(tmp_path):
    share = tmp_path / "nas" / "movies"
    share.mkdir(parents=True)
    (tmp_path / "movies").symlink_to(share, target_is_directory=True)
    RootFolderFactory(path=f"{tmp_path}/movies/")  # a row from before paths were normalised

    inside = placement(f"{tmp_path}//movies/./Heat (1995)")

    assert inside.problem == ""
    assert (inside.path, inside.root_folder) == (f"{tmp_path}/movies/Heat (1995)", f"{tmp_path}/movies")
