"""/api/v3/alttitle and /api/v3/movie/{id}/folder."""

import pytest

from movies.models import AlternativeTitle
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_alternative_titles_of_one_movie_or_all(api_client):
    heat, other = MovieFactory(title="Heat"), MovieFactory()
    title = heat.alternative_titles.create(title="Heat: Showdown", clean_title="heatshowdown")
    other.alternative_titles.create(
        title="Else", clean_title="else", source_type=AlternativeTitle.Source.USER
    )

    mine = api_client.get("/api/v3/alttitle", {"movieId": heat.pk}).json()
    everything = api_client.get("/api/v3/alttitle").json()
    one = api_client.get(f"/api/v3/alttitle/{title.pk}").json()

    assert mine == [one] == [{"id": title.pk, "sourceType": "tmdb", "movieMetadataId": heat.pk,
                              "title": "Heat: Showdown", "cleanTitle": "heatshowdown"}]  # fmt: skip
    assert [t["title"] for t in everything] == ["Heat: Showdown", "Else"]
    assert api_client.get("/api/v3/alttitle/99999").status_code == 404


def test_a_movies_folder_is_named_by_the_folder_format(api_client):
    movie = MovieFactory(title="Heat", year=1995)

    response = api_client.get(f"/api/v3/movie/{movie.pk}/folder")

    assert response.json() == {"folder": "Heat (1995)"}
    assert api_client.get("/api/v3/movie/99999/folder").status_code == 404
