"""Cast and crew from TMDB: stored when a movie is added or refreshed, served by /api/v3/credit and
shown on the movie page."""

import json

import pytest

from movies.models import Credit, Movie
from movies.refresh import refresh_movie
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def matrix(api_client, fake_tmdb, root) -> Movie:
    body = {"tmdbId": 603, "qualityProfileId": QualityProfile.objects.first().pk, "rootFolderPath": str(root),
            "addOptions": {"searchForMovie": False}}  # fmt: skip
    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")
    return Movie.objects.get(pk=response.json()["id"])


def test_adding_a_movie_stores_its_cast_and_crew(api_client, matrix):
    credits = api_client.get("/api/v3/credit", {"movieId": matrix.pk}).json()

    assert [(c["personName"], c["type"], c["character"], c["job"]) for c in credits] == [
        ("Keanu Reeves", "cast", "Thomas A. Anderson / Neo", "Actor"),
        ("Lana Wachowski", "crew", "", "Director"),
    ]
    keanu = credits[0]
    assert (keanu["personTmdbId"], keanu["creditTmdbId"], keanu["movieMetadataId"]) == (
        6384,
        "52fe425bc3a36847f80181c1",
        matrix.pk,
    )
    assert keanu["images"] == [
        {"coverType": "headshot", "remoteUrl": "https://image.tmdb.org/t/p/original/keanu.jpg",
         "url": "https://image.tmdb.org/t/p/original/keanu.jpg"}
    ]  # fmt: skip
    assert api_client.get(f"/api/v3/credit/{keanu['id']}").json() == keanu


def test_a_refresh_replaces_the_credits_instead_of_adding_to_them(matrix):
    before = list(Credit.objects.values_list("credit_tmdb_id", flat=True))

    refresh_movie(matrix)

    assert sorted(Credit.objects.values_list("credit_tmdb_id", flat=True)) == sorted(before)


def test_credits_of_one_movie_leave_out_the_others(api_client, matrix):
    other = MovieFactory()
    Credit.objects.create(movie=other, credit_tmdb_id="x", person_tmdb_id=1, name="Someone", type="cast")

    by_movie = api_client.get("/api/v3/credit", {"movieId": other.pk}).json()
    by_metadata = api_client.get("/api/v3/credit", {"movieMetadataId": other.pk}).json()
    everyone = api_client.get("/api/v3/credit").json()

    assert [c["personName"] for c in by_movie] == [c["personName"] for c in by_metadata] == ["Someone"]
    assert len(everyone) == 3


def test_the_movie_page_shows_the_cast_and_crew(admin_client, matrix):
    page = admin_client.get(f"/movie/{matrix.tmdb_id}").content.decode()

    credits = page.split('id="credits"', 1)[1].split("</section>", 1)[0]
    assert "Keanu Reeves" in credits and "Thomas A. Anderson / Neo" in credits
    assert "Lana Wachowski" in credits and "Director" in credits


def test_the_credit_list_costs_the_same_queries_for_many_credits(api_client, django_assert_max_num_queries):
    movie = MovieFactory()
    Credit.objects.bulk_create(
        Credit(movie=movie, credit_tmdb_id=str(n), person_tmdb_id=n, name=f"P{n}", type="crew", order=n)
        for n in range(40)
    )

    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v3/credit", {"movieId": movie.pk})

    assert len(response.json()) == 40
