"""GET/POST/PUT/DELETE /api/v3/movie, /movie/editor and /movie/import in Radarr's shapes."""

import json

import pytest

from movies.models import Collection, ImportExclusion, Movie
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


def test_the_list_holds_every_movie_with_its_id_and_title(api_client):
    movie = MovieFactory(title="Arrival")

    body = api_client.get("/api/v3/movie").json()

    assert [(item["id"], item["title"]) for item in body] == [(movie.pk, "Arrival")]


def test_tmdb_id_filter_matches_any_case_of_the_parameter(api_client):
    MovieFactory(tmdb_id=603)
    MovieFactory(tmdb_id=604)

    body = api_client.get("/api/v3/movie?tmdbid=603").json()

    assert [item["tmdbId"] for item in body] == [603]


def test_an_unknown_tmdb_id_gives_an_empty_list(api_client):
    MovieFactory(tmdb_id=603)

    assert api_client.get("/api/v3/movie?tmdbId=1").json() == []


def test_movie_file_key_is_absent_without_a_file(api_client):
    movie = MovieFactory()

    body = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    assert "movieFile" not in body
    assert body["hasFile"] is False
    assert body["movieFileId"] == 0


def test_the_primary_file_is_shown_with_statistics_over_all_files(api_client):
    movie = MovieFactory()
    primary = MovieFileFactory(movie=movie, size=5, release_group="AAA")
    MovieFileFactory(movie=movie, relative_path="other.mkv", size=3, release_group="BBB")

    body = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    assert body["movieFile"]["id"] == primary.pk
    assert body["movieFile"]["path"] == f"{movie.path}/{primary.relative_path}"
    assert body["movieFile"]["quality"]["quality"]["name"] == "Bluray-1080p"
    assert body["hasFile"] is True and body["sizeOnDisk"] == 8
    assert body["statistics"] == {"movieFileCount": 2, "sizeOnDisk": 8, "releaseGroups": ["AAA", "BBB"]}


def test_dates_are_midnight_utc_and_title_slug_is_the_tmdb_id(api_client):
    movie = MovieFactory(tmdb_id=603)

    body = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    assert body["inCinemas"] == "2010-05-01T00:00:00Z"
    assert body["releaseDate"] == "2010-09-01T00:00:00Z"
    assert body["titleSlug"] == "603"
    assert body["added"].endswith("Z") and "." not in body["added"]


def test_images_carry_a_local_url_and_the_remote_one(api_client):
    movie = MovieFactory()

    images = api_client.get(f"/api/v3/movie/{movie.pk}").json()["images"]

    assert [image["coverType"] for image in images] == ["poster", "fanart"]
    assert images[0]["url"].startswith(f"/MediaCover/{movie.pk}/poster.jpg")
    assert images[0]["remoteUrl"].startswith("https://image.tmdb.org/")


def test_exclude_local_covers_gives_the_remote_url(api_client):
    MovieFactory()

    images = api_client.get("/api/v3/movie?excludeLocalCovers=true").json()[0]["images"]

    assert images[0]["url"] == images[0]["remoteUrl"]


def test_a_missing_movie_is_a_404(api_client):
    assert api_client.get("/api/v3/movie/999").status_code == 404


def test_availability_follows_the_minimum_availability(api_client):
    released = MovieFactory(minimum_availability="released")
    future = MovieFactory(minimum_availability="released", digital_release=None, physical_release=None)
    future.in_cinemas = future.in_cinemas.replace(year=2999)
    future.save()

    body = {item["id"]: item["isAvailable"] for item in api_client.get("/api/v3/movie").json()}

    assert body == {released.pk: True, future.pk: False}


def test_overseerrs_add_body_fetches_metadata_from_tmdb(api_client, fake_tmdb, root):
    profile = QualityProfile.objects.first()
    tag = TagFactory()
    body = {
        "title": "The Matrix",
        "qualityProfileId": profile.pk,
        "profileId": profile.pk,
        "titleSlug": "603",
        "minimumAvailability": "released",
        "tmdbId": 603,
        "year": 1999,
        "rootFolderPath": str(root),
        "monitored": True,
        "tags": [tag.pk],
        "addOptions": {"searchForMovie": False},
    }

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    created = response.json()
    assert created["id"] > 0 and created["imdbId"] == "tt0133093"
    assert created["path"] == f"{root}/The Matrix (1999)"
    assert created["tags"] == [tag.pk]
    assert created["collection"] == {"title": "The Matrix Collection", "tmdbId": 2344}


def test_adding_a_duplicate_is_refused_with_radarrs_message(api_client, root):
    MovieFactory(tmdb_id=603)
    body = {"tmdbId": 603, "qualityProfileId": 1, "rootFolderPath": str(root)}

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "TmdbId"
    assert response.json()[0]["errorMessage"] == "This movie has already been added"


def test_adding_without_tmdb_answers_503_json_not_a_stack_trace(api_client, root, settings):
    settings.RADARR_TMDB_API_KEY = ""
    body = {"tmdbId": 603, "qualityProfileId": 1, "rootFolderPath": str(root)}

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.status_code == 503
    assert "message" in response.json() and "Traceback" not in response.content.decode()


def test_put_without_id_in_the_path_updates_the_movie_of_the_body(api_client):
    movie = MovieFactory(monitored=False)
    resource = api_client.get(f"/api/v3/movie/{movie.pk}").json()

    response = put(api_client, "/api/v3/movie", {**resource, "monitored": True})

    assert response.status_code == 202
    assert response.json()["monitored"] is True
    movie.refresh_from_db()
    assert movie.monitored is True


def test_put_with_a_new_path_and_move_files_moves_the_folder(api_client, root):
    source = root / "Old Name (2010)"
    source.mkdir()
    (source / "film.mkv").write_bytes(b"x" * 10)
    movie = MovieFactory(path=str(source), root_folder_path=str(root))

    response = put(api_client, f"/api/v3/movie/{movie.pk}?moveFiles=true", {"path": str(root / "New (2010)")})

    assert response.status_code == 202
    assert (root / "New (2010)" / "film.mkv").read_bytes() == b"x" * 10
    assert not source.exists()


def test_put_with_a_new_path_without_move_files_leaves_the_disk_alone(api_client, root):
    source = root / "Old (2010)"
    source.mkdir()
    movie = MovieFactory(path=str(source), root_folder_path=str(root))

    put(api_client, f"/api/v3/movie/{movie.pk}", {"path": str(root / "New (2010)")})

    movie.refresh_from_db()
    assert movie.path == str(root / "New (2010)")
    assert source.exists() and not (root / "New (2010)").exists()


def test_delete_keeps_the_files_unless_asked(api_client, root):
    folder = root / "Kept (2010)"
    folder.mkdir()
    (folder / "film.mkv").write_bytes(b"x")
    movie = MovieFactory(path=str(folder), root_folder_path=str(root))

    response = api_client.delete(f"/api/v3/movie/{movie.pk}")

    assert response.status_code == 200 and response.content == b""
    assert not Movie.objects.exists()
    assert (folder / "film.mkv").exists()


def test_delete_files_and_exclusion_remove_the_folder_and_exclude(api_client, root):
    folder = root / "Gone (2010)"
    folder.mkdir()
    (folder / "film.mkv").write_bytes(b"x")
    movie = MovieFactory(path=str(folder), root_folder_path=str(root), tmdb_id=77)

    api_client.delete(f"/api/v3/movie/{movie.pk}?deleteFiles=true&addImportExclusion=true")

    assert not folder.exists()
    assert ImportExclusion.objects.filter(tmdb_id=77).exists()


def test_editor_put_sets_monitored_and_adds_tags(api_client):
    movies = MovieFactory.create_batch(2, monitored=False)
    tag = TagFactory()
    body = {"movieIds": [m.pk for m in movies], "monitored": True, "tags": [tag.pk], "applyTags": "add"}

    response = put(api_client, "/api/v3/movie/editor", body)

    assert response.status_code == 202
    assert all(item["monitored"] and item["tags"] == [tag.pk] for item in response.json())


def test_editor_delete_reads_pyarrs_json_body(api_client):
    movies = MovieFactory.create_batch(2)
    body = {"movieIds": [movies[0].pk], "deleteFiles": False, "addImportExclusion": True}

    response = api_client.delete("/api/v3/movie/editor", json.dumps(body), content_type="application/json")

    assert response.status_code == 200
    assert list(Movie.objects.values_list("pk", flat=True)) == [movies[1].pk]
    assert ImportExclusion.objects.filter(tmdb_id=movies[0].tmdb_id).exists()


def test_import_adds_the_folder_and_recognises_its_file(api_client, root):
    folder = root / "The Matrix (1999)"
    folder.mkdir()
    (folder / "The.Matrix.1999.1080p.BluRay.x264-GRP.mkv").write_bytes(b"x" * 100)
    body = [
        {
            "tmdbId": 603,
            "title": "The Matrix",
            "year": 1999,
            "path": str(folder),
            "qualityProfileId": QualityProfile.objects.first().pk,
            "monitored": True,
            "minimumAvailability": "released",
        }
    ]

    response = api_client.post("/api/v3/movie/import", json.dumps(body), content_type="application/json")

    assert response.status_code == 200
    (imported,) = response.json()
    assert imported["hasFile"] is True
    assert imported["movieFile"]["quality"]["quality"]["name"] == "Bluray-1080p"
    assert imported["movieFile"]["releaseGroup"] == "GRP"


def test_import_without_a_path_names_the_folder_in_the_root_folder_as_radarr(api_client, root):
    body = [
        {
            "tmdbId": 603,
            "title": "The Matrix",
            "year": 1999,
            "rootFolderPath": str(root),
            "qualityProfileId": 1,
        }
    ]

    response = api_client.post("/api/v3/movie/import", json.dumps(body), content_type="application/json")

    assert response.status_code == 200  # arrapi's add_multiple_movies sends this
    assert [movie["path"] for movie in response.json()] == [f"{root}/The Matrix (1999)"]


def test_import_with_neither_path_nor_root_folder_is_a_400(api_client, root):
    body = [{"tmdbId": 603, "title": "The Matrix", "year": 1999, "qualityProfileId": 1}]

    response = api_client.post("/api/v3/movie/import", json.dumps(body), content_type="application/json")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "Path"
    assert not Movie.objects.exists()


def test_deleting_a_profile_in_use_by_a_movie_is_refused(api_client):
    movie = MovieFactory()

    response = api_client.delete(f"/api/v3/qualityprofile/{movie.quality_profile_id}")

    assert response.status_code == 400
    assert QualityProfile.objects.filter(pk=movie.quality_profile_id).exists()


def test_adding_with_movie_and_collection_monitors_the_collection(api_client, fake_tmdb, root):
    body = {
        "tmdbId": 603,
        "qualityProfileId": QualityProfile.objects.first().pk,
        "rootFolderPath": str(root),
        "addOptions": {"monitor": "movieAndCollection", "searchForMovie": False},
    }

    api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    collection = Collection.objects.get(tmdb_id=2344)
    assert collection.monitored is True
    assert collection.root_folder_path == str(root)


def test_a_move_onto_a_folder_with_files_is_refused_and_nothing_changes(api_client, root):
    source = root / "Mine (2010)"
    source.mkdir()
    (source / "film.mkv").write_bytes(b"mine")
    taken = root / "Taken"
    taken.mkdir()
    (taken / "other.mkv").write_bytes(b"other")
    movie = MovieFactory(path=str(source), root_folder_path=str(root))

    response = put(api_client, f"/api/v3/movie/{movie.pk}?moveFiles=true", {"path": str(taken)})

    assert response.status_code == 409 and "not empty" in response.json()["message"]
    movie.refresh_from_db()
    assert movie.path == str(source)
    assert (source / "film.mkv").read_bytes() == b"mine" and (taken / "other.mkv").read_bytes() == b"other"


def test_pyarr_may_give_a_path_instead_of_a_root_folder(api_client, fake_tmdb, root):
    body = {"tmdbId": 603, "qualityProfileId": QualityProfile.objects.first().pk, "path": f"{root}/Matrix"}

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    assert (response.json()["path"], response.json()["rootFolderPath"]) == (f"{root}/Matrix", str(root))


def test_minimum_availability_may_come_as_radarrs_number(api_client, fake_tmdb, root):
    profile = QualityProfile.objects.first()
    body = {"tmdbId": 603, "qualityProfileId": profile.pk, "rootFolderPath": str(root)}
    body["minimumAvailability"] = 2  # Radarr's MovieStatusType number for inCinemas

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.json()["minimumAvailability"] == "inCinemas"
