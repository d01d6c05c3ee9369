"""Whole-library requests: POST movie/import and PUT/DELETE movie/editor take 20,000 movies in one body
(Radarr's UI and Kometa send such arrays), while every other endpoint keeps Django's tight body limit
and answers 413 with a JSON error past it."""

import json

import pytest
from django.conf import settings

from movies.models import Movie
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

WHOLE_LIBRARY = 20_000


def test_an_import_of_20000_movies_in_one_body_is_accepted(api_client, root):
    MovieFactory(tmdb_id=1, path=str(root / "Owned"))
    profile = QualityProfile.objects.first().pk
    body = [
        {
            # all but the last three are already in the library: refused one by one, cheaply
            "tmdbId": 1 if number < WHOLE_LIBRARY - 3 else 10 + number,
            "title": f"Film {number}",
            "year": 2000,
            "path": str(root / f"Film {number} (2000)"),
            "qualityProfileId": profile,
            "overview": "A film in a very large library, described at the length TMDB describes films. " * 2,
        }
        for number in range(WHOLE_LIBRARY)
    ]
    payload = json.dumps(body)
    assert len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = api_client.post("/api/v3/movie/import", payload, content_type="application/json")

    assert response.status_code == 200, response.content[:300]
    assert sorted(movie["tmdbId"] for movie in response.json()) == [10 + n for n in range(19_997, 20_000)]


def test_the_editor_takes_20000_ids_in_one_body(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # tighter than 20,000 ids: only the bulk limit applies
    movies = [MovieFactory(monitored=True) for _ in range(3)]
    ids = [movie.pk for movie in movies] + list(range(1_000_000, 1_000_000 + WHOLE_LIBRARY - 3))
    body = json.dumps({"movieIds": ids, "monitored": False})

    response = api_client.put("/api/v3/movie/editor", body, content_type="application/json")

    assert response.status_code == 202, response.content[:300]
    assert not Movie.objects.filter(monitored=True).exists()
    deleted = api_client.delete("/api/v3/movie/editor", body, content_type="application/json")
    assert deleted.status_code == 200 and not Movie.objects.exists()


def test_a_large_body_elsewhere_is_still_a_413_with_a_json_error(api_client):
    body = json.dumps({"label": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})

    response = api_client.post("/api/v3/tag", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["message"] == "Request body is too large"


def test_a_bulk_body_past_its_own_limit_is_a_413(api_client, settings):
    settings.RADARR_BULK_BODY_MAX_SIZE = 1_000
    body = json.dumps([{"tmdbId": n, "title": f"Film {n}", "path": f"/movies/Film {n}"} for n in range(100)])

    response = api_client.post("/api/v3/movie/import", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["message"] == "Request body is too large"
    assert not Movie.objects.exists()
