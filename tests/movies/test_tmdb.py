"""The TMDB client against a local fake TMDB: term forms, mapping, retries, cache, errors, secrecy."""

import logging
from datetime import date
from pathlib import Path

import pytest
import requests

from movies import tmdb
from movies.tmdb import (
    TmdbError,
    TmdbKeyRejected,
    TmdbNotConfigured,
    TmdbNotFound,
    TmdbUnavailable,
    fetch_collection,
    fetch_movie,
    fetch_movie_by_imdb,
    search_movies,
    tmdb_check,
    tmdb_status,
)
from releases.languages import ENGLISH
from tests.movies.conftest import TMDB_KEY as KEY
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.usefixtures("empty_cache")

FIXTURES = Path(__file__).parent / "fixtures" / "tmdb"


@pytest.fixture
def fake_tmdb(fake_tmdb, monkeypatch):
    """The movies' fake TMDB with a collection and an unknown IMDb id; retries wait milliseconds."""
    monkeypatch.setattr(tmdb, "BACKOFF_SECONDS", 0.01)
    fake_tmdb.add("/3/collection/2344", file=FIXTURES / "collection-2344.json")
    fake_tmdb.add("/3/find/tt9999999", file=FIXTURES / "find-nothing.json")
    return fake_tmdb


def paths(server) -> list[str]:
    return [request.path for request in server.requests]


# ---- term forms


@pytest.mark.parametrize(
    "term",
    [
        "tmdb:603",
        "tmdbid:603",
        "TMDB: 603",
        "https://www.themoviedb.org/movie/603-the-matrix",
        "https://www.themoviedb.org/movie/603",
    ],
)
def test_a_tmdb_id_term_or_url_fetches_that_movie(fake_tmdb, term):
    results = search_movies(term)

    assert [movie.tmdb_id for movie in results] == [603]
    assert paths(fake_tmdb) == ["/3/movie/603"]


@pytest.mark.parametrize(
    "term", ["imdb:tt0133093", "imdbid:tt0133093", "tt0133093", "https://www.imdb.com/title/tt0133093/"]
)
def test_an_imdb_id_term_or_url_finds_then_fetches_the_movie(fake_tmdb, term):
    results = search_movies(term)

    assert [movie.tmdb_id for movie in results] == [603]
    assert paths(fake_tmdb) == ["/3/find/tt0133093", "/3/movie/603"]
    assert fake_tmdb.requests[0].query["external_source"] == ["imdb_id"]


def test_an_unknown_id_gives_an_empty_list_not_an_error(fake_tmdb):
    assert search_movies("tmdb:999999") == []
    assert search_movies("imdb:tt9999999") == []


def test_words_search_tmdb_and_give_lightweight_results(fake_tmdb):
    results = search_movies("the matrix")

    assert [movie.title for movie in results] == [
        "The Matrix",
        "The Matrix Recalibrated",
        "The Matrix Reloaded",
    ]
    matrix = results[0]
    assert matrix.year == 1999
    assert matrix.genres == ("Action", "Science Fiction")
    assert matrix.images[0] == {
        "coverType": "poster",
        "remoteUrl": "https://image.tmdb.org/t/p/original/matrix-poster.jpg",
    }
    assert matrix.images[1]["coverType"] == "fanart"
    assert matrix.ratings == {"tmdb": {"votes": 26000, "value": 8.2, "type": "user"}}
    assert matrix.status == "released"
    assert results[1].year == 0 and results[1].status == "tba"
    assert fake_tmdb.requests[0].query["query"] == ["the matrix"]
    assert "year" not in fake_tmdb.requests[0].query


@pytest.mark.parametrize("term", ["The Matrix (1999)", "The Matrix 1999", "The.Matrix.[1999]"])
def test_a_trailing_year_is_searched_as_the_year(fake_tmdb, term):
    search_movies(term)

    assert fake_tmdb.requests[0].query["query"] == ["The Matrix"]
    assert fake_tmdb.requests[0].query["year"] == ["1999"]


def test_a_number_that_belongs_to_the_title_is_searched_again_without_a_year(fake_tmdb):
    fake_tmdb.add("/3/search/movie", body='{"page": 1, "results": []}', query={"year": "2049"})

    results = search_movies("Blade Runner 2049")

    assert len(results) == 3  # the second, year-less search's answer
    assert [request.query["query"] for request in fake_tmdb.requests] == [
        ["Blade Runner"],
        ["Blade Runner 2049"],
    ]


def test_an_empty_term_asks_nothing(fake_tmdb):
    assert search_movies("   ") == []
    assert fake_tmdb.requests == []


# ---- details mapping


def test_details_come_in_one_request_with_everything_appended(fake_tmdb):
    fetch_movie(603)

    (request,) = fake_tmdb.requests
    appended = set(request.query["append_to_response"][0].split(","))
    assert appended >= {"alternative_titles", "release_dates", "credits", "images", "videos"}
    assert request.query["language"] == ["en-US"]
    assert request.query["api_key"] == [KEY]


def test_details_map_onto_radarrs_metadata(fake_tmdb):
    movie = fetch_movie(603)

    assert (movie.tmdb_id, movie.imdb_id, movie.title, movie.year) == (603, "tt0133093", "The Matrix", 1999)
    assert movie.original_language_id == ENGLISH.id
    assert movie.runtime == 136
    assert movie.certification == "R"
    assert movie.studio == "Village Roadshow Pictures"
    assert movie.website == "http://www.warnerbros.com/matrix"
    assert movie.genres == ("Action", "Science Fiction")
    assert movie.keywords == ("artificial intelligence", "dystopia")
    assert movie.collection is not None and (movie.collection.tmdb_id, movie.collection.title) == (
        2344,
        "The Matrix Collection",
    )
    assert [image["coverType"] for image in movie.images] == ["poster", "fanart"]
    assert movie.status == "released"
    assert movie.clean_title == "matrix"


def test_us_dates_are_taken_theatrical_before_the_premiere(fake_tmdb):
    movie = fetch_movie(603)

    assert movie.in_cinemas == date(1999, 3, 31)
    assert movie.physical_release == date(1999, 9, 21)
    assert movie.digital_release == date(2008, 5, 13)


def test_the_trailer_is_the_first_official_youtube_trailer(fake_tmdb):
    assert fetch_movie(603).youtube_trailer_id == "vKQi3bBA1y8"


def test_alternative_titles_are_distinct_and_omit_the_title_itself(fake_tmdb):
    assert fetch_movie(603).alternative_titles == ("Matrix", "The Matrix 1")


def test_a_collection_lists_its_parts_in_release_order(fake_tmdb):
    collection = fetch_collection(2344)

    assert collection.title == "The Matrix Collection"
    assert [part.tmdb_id for part in collection.parts] == [603, 604, 605, 624860]
    assert collection.parts[1].genres == ("Adventure", "Action", "Thriller", "Science Fiction")
    assert collection.images[0]["remoteUrl"].endswith("/matrix-collection-poster.jpg")


def test_an_unknown_imdb_id_raises_not_found(fake_tmdb):
    with pytest.raises(TmdbNotFound) as raised:
        fetch_movie_by_imdb("tt9999999")

    assert raised.value.status == 404


# ---- transport: retries, cache, errors


def test_too_many_requests_is_retried_then_succeeds(fake_tmdb):
    fake_tmdb.add("/3/movie/604", body="{}", status=429)
    answers = iter([429, 200])
    original_find = fake_tmdb._find

    def flaky(method, path, query):  # the fake server answers 429 once, then the real body
        route = original_find(method, path, query)
        if path == "/3/movie/604" and next(answers) == 200:
            return original_find(method, "/3/movie/603", query)
        return route

    fake_tmdb._find = flaky

    movie = fetch_movie(604)

    assert movie.tmdb_id == 603  # the second answer's body
    assert paths(fake_tmdb) == ["/3/movie/604", "/3/movie/604"]


def test_server_errors_three_times_give_tmdb_unavailable(fake_tmdb):
    fake_tmdb.add("/3/movie/604", body="<html>oops</html>", status=502, content_type="text/html")

    with pytest.raises(TmdbUnavailable) as raised:
        fetch_movie(604)

    assert paths(fake_tmdb) == ["/3/movie/604"] * 3
    assert raised.value.status == 503
    assert "502" in raised.value.message


def test_a_missing_key_raises_before_any_request(fake_tmdb, settings):
    settings.RADARR_TMDB_API_KEY = ""

    with pytest.raises(TmdbNotConfigured) as raised:
        search_movies("the matrix")

    assert fake_tmdb.requests == []
    assert raised.value.status == 503
    assert "RADARR_TMDB_API_KEY" in raised.value.message


def test_a_rejected_key_says_so_with_tmdbs_reason(fake_tmdb):
    fake_tmdb.add("/3/search/movie", file=FIXTURES / "error-401.json", status=401, query={"query": "heat"})

    with pytest.raises(TmdbKeyRejected) as raised:
        search_movies("heat")

    assert raised.value.status == 503
    assert "rejected the API key" in raised.value.message
    assert "Invalid API key" in raised.value.message


def test_no_network_gives_tmdb_unavailable_without_retrying(settings):
    settings.RADARR_TMDB_URL = "http://127.0.0.1:9/3"  # nothing listens on the discard port
    settings.RADARR_TMDB_API_KEY = KEY

    with pytest.raises(TmdbUnavailable) as raised:
        fetch_movie(603)

    assert "could not be reached" in raised.value.message


def test_an_unexpected_refusal_is_a_tmdb_error_of_its_own(fake_tmdb):
    fake_tmdb.add("/3/movie/604", body='{"status_message": "Invalid id", "status_code": 6}', status=422)

    with pytest.raises(TmdbError) as raised:
        fetch_movie(604)

    assert raised.value.status == 502
    assert "Invalid id" in raised.value.message


def test_a_cached_answer_makes_no_second_request(fake_tmdb):
    first = fetch_movie(603)
    second = fetch_movie(603)

    assert first == second
    assert paths(fake_tmdb) == ["/3/movie/603"]


def test_the_cache_is_keyed_without_the_api_key(fake_tmdb, settings):
    fetch_movie(603)
    settings.RADARR_TMDB_API_KEY = "another-key-entirely"

    fetch_movie(603)

    assert len(fake_tmdb.requests) == 1


def test_a_v4_read_token_is_sent_as_a_bearer_header(fake_tmdb, settings):
    token = "eyJhbGciOiJIUzI1NiJ9." + "a" * 120 + ".signature"
    settings.RADARR_TMDB_API_KEY = token

    fetch_movie(603)

    (request,) = fake_tmdb.requests
    assert request.headers["Authorization"] == f"Bearer {token}"
    assert "api_key" not in request.query


def test_requests_carry_radarrs_user_agent(fake_tmdb):
    fetch_movie(603)

    assert fake_tmdb.requests[0].headers["User-Agent"].startswith("Radarr/")


def test_the_key_never_appears_in_logs_or_messages(fake_tmdb, caplog):
    caplog.set_level(logging.DEBUG, logger="movies")
    caplog.set_level(logging.DEBUG, logger="radarr")
    fake_tmdb.add("/3/movie/604", body="{}", status=503)

    fetch_movie(603)
    with pytest.raises(TmdbUnavailable) as raised:
        fetch_movie(604)

    assert caplog.records  # the failure was logged
    assert KEY not in caplog.text
    assert KEY not in raised.value.message and KEY not in str(raised.value)


# ---- status for the banner and health


def test_status_names_the_missing_key(settings):
    settings.RADARR_TMDB_API_KEY = ""

    assert "RADARR_TMDB_API_KEY" in tmdb_status()
    (issue,) = tmdb_check()
    assert issue.level == "error"


def test_status_remembers_the_last_failure_and_forgets_it_after_a_success(fake_tmdb):
    fake_tmdb.add("/3/movie/604", body="{}", status=500)
    with pytest.raises(TmdbUnavailable):
        fetch_movie(604)

    assert "500" in tmdb_status()
    assert tmdb_check()[0].level == "warning"

    fetch_movie(603)

    assert tmdb_status() is None
    assert tmdb_check() == []


# ---- the real captures in ../shared (skipped on a user's clone)


@pytest.fixture
def captured_tmdb(settings, shared_fixture_server):
    settings.RADARR_TMDB_URL = shared_fixture_server.url
    settings.RADARR_TMDB_API_KEY = KEY
    return shared_fixture_server


def captured(server, path: str, name: str, status: int = 200) -> None:
    server.add(path, file=SHARED_FIXTURES / "tmdb" / name, status=status)


@requires_shared
def test_captured_fight_club_details_map(captured_tmdb):
    captured(captured_tmdb, "/movie/550", "c-eg-themoviedbapi/movies_details.json")

    movie = fetch_movie(550)

    assert (movie.title, movie.year, movie.imdb_id, movie.runtime) == ("Fight Club", 1999, "tt0137523", 139)
    assert movie.studio == "Regency Enterprises"
    assert movie.genres == ("Drama", "Thriller", "Comedy")
    assert movie.status == "released"  # no release_dates appended: TMDB's own status decides
    assert movie.ratings["tmdb"]["votes"] == 26280


@requires_shared
def test_captured_release_dates_pick_the_us_theatrical_release():
    import json

    from movies.tmdbparse import certification, release_dates

    data = json.loads((SHARED_FIXTURES / "tmdb/c-eg-themoviedbapi/movies_release_dates.json").read_text())

    in_cinemas, _, _ = release_dates(data)

    assert in_cinemas == date(1999, 10, 15)  # not the CMJ festival premiere of September
    assert certification(data) == "R"


@requires_shared
def test_captured_rock_crystal_with_everything_appended_maps(captured_tmdb):
    captured(captured_tmdb, "/movie/12313", "c-eg-themoviedbapi/movies_details_with_append_to_response.json")

    movie = fetch_movie(12313)

    assert movie.title == "Rock Crystal"
    assert movie.in_cinemas == date(2004, 11, 18)  # no US release: the earliest theatrical anywhere
    assert movie.alternative_titles == ("Мост",)
    assert movie.youtube_trailer_id == "LgZ2MDuJvhc"  # only a teaser exists


@requires_shared
def test_captured_search_and_find_map(captured_tmdb):
    captured(captured_tmdb, "/search/movie", "c-eg-themoviedbapi/search_movie.json")
    captured(captured_tmdb, "/find/tt0499549", "c-eg-themoviedbapi/find_movie_results.json")
    captured(captured_tmdb, "/movie/19995", "c-eg-themoviedbapi/movies_details.json")

    results = search_movies("Fight Club")
    avatar = fetch_movie_by_imdb("tt0499549")

    assert len(results) == 20 and results[0].title == "Fight Club"
    assert avatar.tmdb_id == 550  # the details fixture stands in for Avatar's
    assert [request.path for request in captured_tmdb.requests][-2:] == ["/find/tt0499549", "/movie/19995"]


@requires_shared
def test_captured_star_wars_collection_maps(captured_tmdb):
    captured(captured_tmdb, "/collection/10", "c-eg-themoviedbapi/collections_details.json")

    collection = fetch_collection(10)

    assert collection.title == "Star Wars Collection"
    assert len(collection.parts) == 9
    assert collection.parts[0].title == "Star Wars"


@requires_shared
def test_captured_error_bodies_become_our_errors(captured_tmdb):
    captured(captured_tmdb, "/movie/1", "jdrouet-tmdb-api/invalid-api-key.json", status=401)
    captured(captured_tmdb, "/movie/2", "jdrouet-tmdb-api/resource-not-found.json", status=404)

    with pytest.raises(TmdbKeyRejected):
        fetch_movie(1)
    with pytest.raises(TmdbNotFound) as not_found:
        fetch_movie(2)

    assert "could not be found" in not_found.value.message


@pytest.mark.parametrize(
    ("retry_after", "attempt", "wait"), [("3", 1, 3.0), ("600", 1, 10.0), ("", 1, 1.0), ("", 2, 2.0)]
)
def test_retry_waits_honour_retry_after_capped_else_back_off(retry_after, attempt, wait):
    response = requests.Response()
    response.status_code = 429
    if retry_after:
        response.headers["Retry-After"] = retry_after

    assert tmdb._wait_before_retry(response, attempt) == wait


def test_the_certification_is_the_chosen_countrys(fake_tmdb):
    assert fetch_movie(603, "DE").certification == "16"
    assert fetch_movie(603, "AU").certification == "M"
    assert fetch_movie(603).certification == "R"  # the US's when none is chosen
