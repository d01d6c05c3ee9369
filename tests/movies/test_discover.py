"""Discover: GET importlist/movie with Radarr's includeRecommendations/includeTrending/includePopular,
TMDB's answers from the loopback fake, and the Discover page built on it."""

import json

import pytest

from movies import discover
from movies.models import ImportList, ImportListItem, Movie
from movies.views.addmovie import DEFAULTS_KEY
from radarr.api.openapi import openapi_document
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.factories import ImportExclusionFactory, MovieFactory
from tests.movies.test_openapi_shapes import problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def result(tmdb_id, title, year=2001, poster=True, vote=7.5):
    return {
        "id": tmdb_id,
        "title": title,
        "original_title": title,
        "original_language": "en",
        "release_date": f"{year}-05-04",
        "poster_path": f"/p{tmdb_id}.jpg" if poster else None,
        "genre_ids": [28],
        "vote_average": vote,
        "vote_count": 100,
        "popularity": 12.5,
        "overview": f"About {title}.",
    }


def page(*results):
    return json.dumps({"page": 1, "total_pages": 1, "results": list(results)})


def tmdb_requests(server, path):
    return sum(request.path == path for request in server.requests)


def a_list(root, name="Friends", **columns):
    values = {
        "name": name,
        "implementation": "RadarrListImport",
        "settings": {"url": "http://127.0.0.1:1/list"},
        "enabled": True,
        "enable_auto": False,
        "root_folder_path": str(root),
        "quality_profile_id": QualityProfile.objects.first().pk,
    }
    return ImportList.objects.create(**{**values, **columns})


def by_id(items):
    return {item["tmdbId"]: item for item in items}


def test_without_flags_only_the_enabled_lists_movies_show_flagged_as_radarr(api_client, root, fake_tmdb):
    friends, off = a_list(root), a_list(root, name="Off", enabled=False)
    ImportListItem.objects.create(import_list=friends, tmdb_id=11, title="Star Wars", year=1977)
    ImportListItem.objects.create(import_list=friends, tmdb_id=12, title="Finding Nemo", year=2003)
    ImportListItem.objects.create(import_list=off, tmdb_id=13, title="Disabled", year=2003)
    MovieFactory(tmdb_id=12)
    ImportExclusionFactory(tmdb_id=11)

    items = by_id(api_client.get("/api/v3/importlist/movie").json())

    assert set(items) == {11, 12}
    assert items[11]["isExcluded"] and not items[11]["isExisting"] and items[11]["lists"] == [friends.pk]
    assert items[12]["isExisting"] and not items[12]["isExcluded"]
    assert fake_tmdb.requests == []  # the lists' movies come from the sync's cache


def test_trending_popular_and_recommendations_come_from_tmdb_merged_and_flagged(api_client, root, fake_tmdb):
    owned = MovieFactory(tmdb_id=603)
    ImportExclusionFactory(tmdb_id=22)
    fake_tmdb.add(
        "/3/movie/603/recommendations", body=page(result(21, "Recommended"), result(22, "Excluded"))
    )
    fake_tmdb.add(
        "/3/trending/movie/week", body=page(result(31, "Trending", poster=False), result(603, "Owned"))
    )
    fake_tmdb.add("/3/movie/popular", body=page(result(31, "Trending"), result(41, "Popular", vote=6.25)))
    ImportListItem.objects.create(import_list=a_list(root), tmdb_id=41, title="Popular", year=2001)

    query = "includeRecommendations=true&includeTrending=True&includePopular=true"
    items = by_id(api_client.get(f"/api/v3/importlist/movie?{query}").json())

    assert set(items) == {21, 31, 603, 41}  # a recommendation excluded or owned is left out, as Radarr
    assert items[21]["isRecommendation"] and not items[21]["isTrending"]
    assert items[31]["isTrending"] and items[31]["isPopular"] and items[31].get("remotePoster") is None
    assert items[603]["isExisting"] and items[603]["isTrending"] and owned.tmdb_id == 603
    popular = items[41]
    assert popular["isPopular"] and popular["lists"] and popular["year"] == 2001
    assert popular["remotePoster"].endswith("/p41.jpg") and popular["ratings"]["tmdb"]["value"] == 6.25
    assert popular["images"][0]["coverType"] == "poster"

    api_client.get(f"/api/v3/importlist/movie?{query}")  # a day in the cache: TMDB is not asked again
    assert tmdb_requests(fake_tmdb, "/3/trending/movie/week") == 1
    assert tmdb_requests(fake_tmdb, "/3/movie/603/recommendations") == 1


def test_recommendations_are_asked_for_a_bounded_sample_of_the_library(api_client, fake_tmdb, monkeypatch):
    monkeypatch.setattr(discover, "RECOMMENDATION_SOURCES", 3)
    for tmdb_id in range(100, 108):
        MovieFactory(tmdb_id=tmdb_id)
        fake_tmdb.add(f"/3/movie/{tmdb_id}/recommendations", body=page(result(tmdb_id + 1000, f"R{tmdb_id}")))

    items = api_client.get("/api/v3/importlist/movie?includeRecommendations=true").json()

    asked = [request.path for request in fake_tmdb.requests if request.path.endswith("/recommendations")]
    assert len(asked) == 3 and len(items) == 3
    assert {item["tmdbId"] for item in items} <= {tmdb_id + 1000 for tmdb_id in range(100, 108)}


def test_tmdb_down_leaves_its_sources_out_not_the_lists(api_client, root, fake_tmdb):
    fake_tmdb.add("/3/trending/movie/week", body="down", status=401)
    ImportListItem.objects.create(import_list=a_list(root), tmdb_id=11, title="Star Wars", year=1977)

    response = api_client.get("/api/v3/importlist/movie?includeTrending=true")

    assert response.status_code == 200
    assert [item["tmdbId"] for item in response.json()] == [11]


def test_a_flag_that_is_not_a_boolean_is_radarrs_400(api_client):
    response = api_client.get("/api/v3/importlist/movie?includePopular=maybe")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "includePopular"


def test_the_answer_fits_our_document_and_does_not_query_per_movie(
    api_client, root, fake_tmdb, django_assert_max_num_queries
):
    fake_tmdb.add(
        "/3/movie/popular", body=page(*(result(tmdb_id, f"P{tmdb_id}") for tmdb_id in range(1, 20)))
    )
    row = a_list(root)
    ImportListItem.objects.bulk_create(
        ImportListItem(import_list=row, tmdb_id=tmdb_id, title=f"L{tmdb_id}", year=2000)
        for tmdb_id in range(10, 60)
    )
    MovieFactory(tmdb_id=10)

    with django_assert_max_num_queries(6):
        answer = api_client.get("/api/v3/importlist/movie?includePopular=true").json()

    document = openapi_document()
    schema = document["paths"]["/api/v3/importlist/movie"]["get"]["responses"]["200"]["content"]
    assert len(answer) == 59
    assert problems(answer, schema["application/json"]["schema"], document["components"]["schemas"]) == []


# ---- the page


def test_the_page_shows_posters_ratings_sources_and_filters_by_source(admin_client, root, fake_tmdb):
    fake_tmdb.add("/3/trending/movie/week", body=page(result(31, "Trending Film", vote=8.25)))
    fake_tmdb.add("/3/movie/popular", body=page(result(41, "Popular Film")))
    ImportListItem.objects.create(import_list=a_list(root), tmdb_id=51, title="Listed Film", year=1990)
    ImportListItem.objects.create(
        import_list=a_list(root, name="Other"), tmdb_id=52, title="Owned", year=1991
    )
    ImportListItem.objects.create(
        import_list=a_list(root, name="Third"), tmdb_id=53, title="Shunned", year=1992
    )
    MovieFactory(tmdb_id=52)
    ImportExclusionFactory(tmdb_id=53)

    everything = admin_client.get("/discover").content.decode()
    trending = admin_client.get("/discover?source=trending").content.decode()
    lists = admin_client.get("/discover?source=lists&excluded=1").content.decode()

    assert 'id="discover-31"' in everything and 'id="discover-41"' in everything and "Friends" in everything
    assert 'id="discover-52"' not in everything and 'id="discover-53"' not in everything
    assert (
        'src="https://image.tmdb.org/t/p/original/p31.jpg"' in everything and 'loading="lazy"' in everything
    )
    assert "★ 8.2" in everything or "★ 8.3" in everything
    assert (
        'id="discover-31"' in trending
        and 'id="discover-41"' not in trending
        and "Listed Film" not in trending
    )
    assert 'id="discover-51"' in lists and 'id="discover-53"' in lists and 'id="discover-31"' not in lists


def test_one_click_add_uses_the_options_of_the_list_that_named_the_movie(admin_client, root, fake_tmdb):
    tag = TagFactory(label="from-friends")
    row = a_list(root, monitor="none", minimum_availability="inCinemas")
    row.tags.add(tag)
    ImportListItem.objects.create(import_list=row, tmdb_id=603, title="The Matrix", year=1999)

    response = admin_client.post(
        "/discover/add", {"tmdb_id": "603", "list_id": str(row.pk)}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200 and "Added: The Matrix" in response.content.decode()
    movie = Movie.objects.get(tmdb_id=603)
    assert (movie.monitored, movie.minimum_availability) == (False, "inCinemas")
    assert movie.root_folder_path == str(root) and list(movie.tags.all()) == [tag]
    assert movie.add_options["addMethod"] == "list"


def test_one_click_add_of_a_tmdb_movie_takes_add_movies_defaults(admin_client, root, fake_tmdb):
    session = admin_client.session
    session[DEFAULTS_KEY] = {"minimum_availability": "announced", "monitor": "movieOnly"}
    session.save()

    response = admin_client.post("/discover/add", {"tmdb_id": "603"})

    assert response.status_code == 302
    movie = Movie.objects.get(tmdb_id=603)
    assert (
        movie.monitored and movie.minimum_availability == "announced" and movie.root_folder_path == str(root)
    )
    assert movie.add_options["addMethod"] != "list"


def test_one_click_add_shows_why_it_could_not(admin_client, fake_tmdb):
    response = admin_client.post("/discover/add", {"tmdb_id": "603"}, headers={"HX-Request": "true"})

    assert response.status_code == 400 and 'class="error"' in response.content.decode()
    assert not Movie.objects.exists()


def test_exclude_through_htmx_answers_the_cards_note(admin_client, root):
    ImportListItem.objects.create(import_list=a_list(root), tmdb_id=61, title="Meh", year=2001)

    response = admin_client.post(
        "/discover", {"tmdb_id": "61", "title": "Meh", "year": "2001"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200 and "Excluded" in response.content.decode()
    assert 'id="discover-61"' not in admin_client.get("/discover").content.decode()


def test_the_page_loads_in_pages_without_a_query_per_movie(admin_client, root, django_assert_max_num_queries):
    row = a_list(root)
    ImportListItem.objects.bulk_create(
        ImportListItem(import_list=row, tmdb_id=tmdb_id, title=f"L{tmdb_id}", year=2000)
        for tmdb_id in range(1, 71)
    )

    with django_assert_max_num_queries(12):
        first = admin_client.get("/discover?source=lists").content.decode()
    rest = admin_client.get("/discover?source=lists&page=2", headers={"HX-Request": "true"}).content.decode()

    assert first.count('class="poster-card"') == 60 and "page=2" in first
    assert rest.count('class="poster-card"') == 10 and "<h1>" not in rest and "page=3" not in rest


def test_a_lists_movie_gets_its_poster_and_rating_from_tmdb_as_its_card_shows(admin_client, root, fake_tmdb):
    ImportListItem.objects.create(import_list=a_list(root), tmdb_id=603, title="The Matrix", year=1999)
    card = admin_client.get("/discover?source=lists").content.decode()

    artwork = admin_client.get("/discover/poster/603", headers={"HX-Request": "true"}).content.decode()
    unknown = admin_client.get("/discover/poster/999999", headers={"HX-Request": "true"})

    assert 'hx-get="/discover/poster/603"' in card and 'hx-trigger="revealed"' in card
    assert '<img src="https://image.tmdb.org/' in artwork and 'id="discover-rating-603"' in artwork
    assert "★" in artwork
    assert unknown.status_code == 200 and "poster-box" in unknown.content.decode()
    assert "<img" not in unknown.content.decode()
