"""A person adds their first movie, in a real headless Chromium: search TMDB, add, find it on the index,
open its page. TMDB is a local fake server answering with the two responses below (TMDB's shapes)."""

import json
import re

import pytest
from django.core.cache import cache

from movies.indexquery import PAGE_SIZE
from movies.models import Movie, RootFolder
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass, pytest.mark.django_db(transaction=True)]

SEARCH = {
    "page": 1,
    "results": [
        {
            "adult": False,
            "backdrop_path": "/arrival-backdrop.jpg",
            "genre_ids": [18, 878],
            "id": 329865,
            "original_language": "en",
            "original_title": "Arrival",
            "overview": "Twelve objects land; a linguist is asked to talk to them.",
            "popularity": 30.5,
            "poster_path": "/arrival-poster.jpg",
            "release_date": "2016-11-10",
            "title": "Arrival",
            "video": False,
            "vote_average": 7.6,
            "vote_count": 18000,
        }
    ],
    "total_pages": 1,
    "total_results": 1,
}

DETAILS = {
    "adult": False,
    "backdrop_path": "/arrival-backdrop.jpg",
    "belongs_to_collection": None,
    "genres": [{"id": 18, "name": "Drama"}, {"id": 878, "name": "Science Fiction"}],
    "homepage": "",
    "id": 329865,
    "imdb_id": "tt2543164",
    "original_language": "en",
    "original_title": "Arrival",
    "overview": "Twelve objects land; a linguist is asked to talk to them.",
    "popularity": 30.5,
    "poster_path": "/arrival-poster.jpg",
    "production_companies": [{"id": 1, "name": "Lava Bear Films", "origin_country": "US"}],
    "release_date": "2016-11-10",
    "runtime": 116,
    "status": "Released",
    "title": "Arrival",
    "vote_average": 7.6,
    "vote_count": 18000,
    "alternative_titles": {"titles": [{"iso_3166_1": "FR", "title": "Premier Contact", "type": ""}]},
    "release_dates": {
        "results": [
            {
                "iso_3166_1": "US",
                "release_dates": [
                    {"certification": "PG-13", "release_date": "2016-11-11T00:00:00.000Z", "type": 3},
                    {"certification": "PG-13", "release_date": "2017-01-31T00:00:00.000Z", "type": 4},
                ],
            }
        ]
    },
    "credits": {"cast": [], "crew": []},
    "images": {"backdrops": [], "posters": []},
    "videos": {"results": []},
    "keywords": {"keywords": [{"id": 1, "name": "alien"}]},
    "external_ids": {"imdb_id": "tt2543164"},
}


@pytest.fixture(autouse=True)
def quality_profile() -> QualityProfile:
    """A transactional test before this one may have flushed the default profiles a migration installs."""
    profile = QualityProfile.objects.order_by("pk").first()
    return profile or QualityProfile.objects.create(
        name="HD-1080p", cutoff=7, items=[{"quality": 7, "allowed": True}]
    )


@pytest.fixture
def fake_tmdb(fake_server, settings):
    settings.RADARR_TMDB_URL = fake_server.url + "/3"
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    fake_server.add("/3/search/movie", body=json.dumps(SEARCH))
    fake_server.add("/3/movie/329865", body=json.dumps(DETAILS))
    cache.clear()
    yield fake_server
    cache.clear()


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_search_add_and_find_the_movie_on_the_index_and_its_page(
    page, live_server, admin_user, fake_tmdb, tmp_path
):
    RootFolder.objects.create(path=str(tmp_path))
    # posters of search results come from TMDB's image server: nothing may leave this machine
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    log_in(page, live_server)
    page.get_by_role("link", name="Add movie").click()
    page.wait_for_url(f"{live_server.url}/add")
    page.wait_for_load_state()  # HTMX is listening before we type

    page.get_by_label("Search TMDB").fill("Arrival")
    result = page.locator(".result", has_text="Arrival")
    result.get_by_text("Add this movie").click()
    result.get_by_role("button", name="Add movie").click()
    result.get_by_role("link", name="In library").wait_for()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Movies", exact=True).click()
    card = page.locator(".poster-card", has_text="Arrival")
    card.wait_for()
    card.get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/movie/329865")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Arrival")
    assert "116 min" in page.content() and "PG-13" in page.content()
    assert Movie.objects.get(tmdb_id=329865).path == f"{tmp_path}/Arrival (2016)"


def test_search_as_you_type_narrows_the_index_and_keeps_the_url(page, live_server, admin_user):
    for title in ("Heat", "Ronin", "Collateral"):
        MovieFactory(title=title)
    log_in(page, live_server)

    page.get_by_label("Search", exact=True).fill("ron")  # the index's own, not the header's
    page.wait_for_url(re.compile(r"search=ron"))

    assert page.locator(".poster-card").all_inner_texts() == [page.locator(".poster-card").first.inner_text()]
    assert "Ronin" in page.locator(".poster-card").first.inner_text()


def test_scrolling_to_the_end_loads_the_next_page(page, live_server, admin_user):
    MovieFactory.create_batch(PAGE_SIZE + 5)
    log_in(page, live_server)

    page.locator(".load-more").scroll_into_view_if_needed()
    page.locator(".poster-card").nth(PAGE_SIZE + 4).wait_for()  # a locator: the CSP forbids eval'd predicates

    assert page.locator(".load-more").count() == 0
