"""PUT /api/v3/moviefile/{id}, /moviefile/editor and /moviefile/bulk: what is known about files."""

import orjson
import pytest

from movies.models import MovieFile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db
_REMUX = {
    "quality": {"id": 30, "name": "Remux-1080p"},
    "revision": {"version": 2, "real": 0, "isRepack": True},
}


def _put(api_client, path, body):
    return api_client.put(path, orjson.dumps(body), content_type="application/json")


def test_one_file_takes_the_quality_languages_edition_and_group_sent(api_client):
    movie_file = MovieFileFactory()
    body = {"id": movie_file.pk, "quality": _REMUX, "languages": [{"id": 2}, {"id": -1}],
            "edition": "Director's Cut", "releaseGroup": "FraMeSToR", "indexerFlags": 1}  # fmt: skip

    response = _put(api_client, f"/api/v3/moviefile/{movie_file.pk}", body)

    assert response.status_code == 202
    assert response.json()["quality"]["quality"]["name"] == "Remux-1080p"
    assert response.json()["edition"] == "Director's Cut"
    movie_file.refresh_from_db()
    assert (movie_file.quality_id, movie_file.revision["version"], movie_file.revision["isRepack"]) == (
        30,
        2,
        True,
    )
    assert movie_file.language_ids == [2]  # Any is for profiles, never a file's language
    assert (movie_file.release_group, movie_file.indexer_flags) == ("FraMeSToR", 1)


def test_a_scene_name_is_kept_only_when_it_looks_like_one(api_client):
    movie_file = MovieFileFactory(scene_name="")

    _put(api_client, f"/api/v3/moviefile/{movie_file.pk}", {"sceneName": "not a scene name"})
    kept_empty = MovieFile.objects.get(pk=movie_file.pk).scene_name
    _put(api_client, f"/api/v3/moviefile/{movie_file.pk}", {"sceneName": "Heat.1995.1080p.BluRay.x264-GRP"})

    assert kept_empty == ""
    assert MovieFile.objects.get(pk=movie_file.pk).scene_name == "Heat.1995.1080p.BluRay.x264-GRP"


def test_the_editor_makes_the_same_change_to_several_files_and_leaves_the_rest(api_client):
    files = [MovieFileFactory(edition="Theatrical"), MovieFileFactory(edition="Theatrical")]
    untouched = MovieFileFactory(edition="Theatrical")

    response = _put(
        api_client, "/api/v3/moviefile/editor", {"movieFileIds": [f.pk for f in files], "quality": _REMUX}
    )

    assert response.status_code == 202
    assert [f["id"] for f in response.json()] == [f.pk for f in files]
    assert list(MovieFile.objects.order_by("pk").values_list("quality_id", "edition")) == [
        (30, "Theatrical"),
        (30, "Theatrical"),
        (untouched.quality_id, "Theatrical"),
    ]


def test_bulk_gives_each_file_its_own_changes_and_skips_unknown_ids(api_client):
    movie = MovieFactory()
    first, second = MovieFileFactory(movie=movie), MovieFileFactory(movie=movie)
    body = [{"id": first.pk, "releaseGroup": "ONE"}, {"id": second.pk, "releaseGroup": "TWO"}, {"id": 99999}]

    response = _put(api_client, "/api/v3/moviefile/bulk", body)

    assert response.status_code == 202
    assert sorted(f["releaseGroup"] for f in response.json()) == ["ONE", "TWO"]


@pytest.mark.parametrize(
    ("path", "body", "property_name"),
    [
        ("/api/v3/moviefile/{id}", {"quality": {"quality": {"id": 999}}}, "quality"),
        (
            "/api/v3/moviefile/{id}",
            {"quality": {"quality": {"id": 7}, "revision": {"version": "x"}}},
            "quality",
        ),
        ("/api/v3/moviefile/{id}", {"languages": "English"}, "languages"),
        ("/api/v3/moviefile/{id}", {"edition": 5}, "edition"),
        ("/api/v3/moviefile/{id}", {"indexerFlags": -1}, "indexerFlags"),
        ("/api/v3/moviefile/editor", {"movieFileIds": []}, "movieFileIds"),
        ("/api/v3/moviefile/editor", {"movieFileIds": ["a"]}, "movieFileIds"),
    ],
)
def test_bad_input_is_a_400_and_changes_nothing(api_client, path, body, property_name):
    movie_file = MovieFileFactory(edition="Theatrical")

    response = _put(api_client, path.format(id=movie_file.pk), body)

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == property_name
    assert MovieFile.objects.get(pk=movie_file.pk).edition == "Theatrical"


def test_editing_an_unknown_file_is_a_404(api_client):
    assert _put(api_client, "/api/v3/moviefile/99999", {"edition": "x"}).status_code == 404
