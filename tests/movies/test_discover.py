"""Discover: GET importlist/movie with Radarr's includeRecommendations/includeTrending/includePopular,
TMDB's answers from the loopback fake, and the Discover page built on it."""

import json

import pytest

from movies import discover
from movies.models import ImportList, ImportListItem
from radarr.api.openapi import openapi_document
from releases.models import QualityProfile
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
