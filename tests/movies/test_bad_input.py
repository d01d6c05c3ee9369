"""Bad input to the movie endpoints is a 4xx that saves nothing (issue 14, item 4); one case per cause
the fuzzer found."""

import orjson
import pytest

from movies.models import Collection, ImportExclusion, Movie
from radarr.models import Tag
from releases.models import QualityProfile
from tests.movies.factories import CollectionFactory, ImportExclusionFactory, MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def _send(api_client, method, path, body):
    return api_client.generic(method, path, orjson.dumps(body), content_type="application/json")


def test_importing_no_movies_answers_an_empty_list(api_client):
    response = _send(api_client, "POST", "/api/v3/movie/import", [])

    assert response.status_code == 200
    assert response.json() == []


def test_importing_only_movies_already_in_the_library_answers_an_empty_list(api_client, root):
    movie = MovieFactory(tmdb_id=603, title="The Matrix", path=str(root / "The Matrix (1999)"))
    body = [{"tmdbId": 603, "title": "The Matrix", "year": 1999, "path": movie.path,
             "qualityProfileId": movie.quality_profile_id}]  # fmt: skip

    response = _send(api_client, "POST", "/api/v3/movie/import", body)

    assert response.status_code == 200
    assert response.json() == []
    assert Movie.objects.count() == 1


@pytest.mark.parametrize("movie_id", [2**63, 2**64 + 5])
def test_a_movie_id_past_64_bits_is_not_found(api_client, movie_id):
    response = api_client.get(f"/api/v3/movie/{movie_id}")

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["pastDays", "futureDays"])
@pytest.mark.parametrize("days", ["2147483648", "36526"])
def test_the_ical_feed_refuses_a_span_of_days_no_calendar_has(client, settings, name, days):
    response = client.get("/feed/v3/calendar/radarr.ics", {"apikey": settings.RADARR_API_KEY, name: days})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == name


def test_the_ical_feed_still_spans_a_century(client, settings):
    key = settings.RADARR_API_KEY

    response = client.get(
        "/feed/v3/calendar/radarr.ics", {"apikey": key, "pastDays": 36525, "futureDays": 36525}
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    "change", [{"movieYear": [None, None]}, {"movieYear": {}}, {"movieTitle": 5}, {"tmdbId": "603"}]
)
def test_an_exclusion_with_wrong_types_is_refused_and_not_saved(api_client, change):
    body = {"tmdbId": 603, "movieTitle": "The Matrix", "movieYear": 1999, **change}

    added = _send(api_client, "POST", "/api/v3/exclusions", body)
    bulk = _send(api_client, "POST", "/api/v3/exclusions/bulk", [body])

    assert added.status_code == 400 and bulk.status_code == 400
    assert not ImportExclusion.objects.exists()


def test_deleting_exclusions_by_ids_that_are_not_ids_is_refused(api_client):
    exclusion = ImportExclusionFactory()

    response = _send(api_client, "DELETE", "/api/v3/exclusions/bulk", {"ids": [{}]})

    assert response.status_code == 400
    assert ImportExclusion.objects.filter(pk=exclusion.pk).exists()


@pytest.mark.parametrize("collection_ids", [[{}], [None, None], ["x"]])
def test_a_collection_bulk_edit_whose_ids_are_not_ids_is_refused(api_client, collection_ids):
    collection = CollectionFactory(monitored=False)

    response = _send(
        api_client, "PUT", "/api/v3/collection", {"collectionIds": collection_ids, "monitored": True}
    )

    assert response.status_code == 400
    assert Collection.objects.get(pk=collection.pk).monitored is False


@pytest.mark.parametrize("path", [{}, ["a"], 5])
def test_a_movie_update_whose_path_is_not_text_is_refused(api_client, path):
    movie = MovieFactory(path="/movies/Kept (2000)")

    response = _send(api_client, "PUT", f"/api/v3/movie/{movie.pk}", {"id": movie.pk, "path": path})

    assert response.status_code == 400
    assert Movie.objects.get(pk=movie.pk).path == "/movies/Kept (2000)"


@pytest.mark.parametrize("apply_tags", [["add"], {"mode": "add"}])
def test_the_movie_editor_refuses_an_apply_tags_that_is_not_a_mode(api_client, apply_tags):
    movie = MovieFactory()

    response = _send(api_client, "PUT", "/api/v3/movie/editor", {"movieIds": [movie.pk], "tags": [],
                                                                "applyTags": apply_tags})  # fmt: skip

    assert response.status_code == 400


@pytest.mark.parametrize("genres", [5, True])
def test_importing_a_movie_whose_genres_are_not_texts_is_refused(api_client, root, genres):
    body = [{"tmdbId": 603, "title": "The Matrix", "year": 1999, "path": str(root / "The Matrix (1999)"),
             "qualityProfileId": QualityProfile.objects.first().pk, "genres": genres}]  # fmt: skip

    response = _send(api_client, "POST", "/api/v3/movie/import", body)

    assert response.status_code == 400
    assert not Movie.objects.exists()


def test_a_tag_label_sent_as_a_number_is_refused_not_stored_as_text(api_client):
    response = _send(api_client, "POST", "/api/v3/tag", {"label": 123})

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "Label"
    assert not Tag.objects.exists()
