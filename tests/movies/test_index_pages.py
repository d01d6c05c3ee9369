"""The movie index: views, filters, search, sort, paging, counts, and a constant number of queries."""

from datetime import date

import pytest

from movies.indexquery import IndexQuery, index_page
from movies.models import Movie, MovieFile
from radarr.models import Tag
from releases.models import QualityProfile
from releases.qualities import BLURAY_1080P, HDTV_720P, WEBDL_2160P
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def make_movie(title: str, **fields: object) -> Movie:
    """A movie with no dates, ratings or genres unless the test gives them: sorting and filters read those."""
    empty = {
        "in_cinemas": None,
        "digital_release": None,
        "physical_release": None,
        "ratings": {},
        "genres": [],
    }
    return MovieFactory(title=title, **(empty | {"year": 2000} | fields))


def give_file(movie: Movie, quality_id: int, size: int = 4_000_000_000) -> MovieFile:
    return MovieFileFactory(movie=movie, quality_id=quality_id, size=size)


def titles(response) -> list[str]:
    return [row["title"] for row in response.context["page"].rows]


def test_an_empty_library_offers_add_movie_and_library_import(admin_client):
    response = admin_client.get("/")

    body = response.content.decode()
    assert "Your library is empty" in body
    assert 'href="/add"' in body and 'href="/import"' in body


def test_poster_view_shows_lazy_posters_linking_to_each_movie(admin_client):
    movie = make_movie("Arrival", tmdb_id=329865)

    body = admin_client.get("/").content.decode()

    assert 'loading="lazy"' in body
    assert f"/MediaCover/{movie.pk}/poster-250.jpg" in body
    assert 'href="/movie/329865"' in body


def test_table_view_is_chosen_in_the_query_string_and_remembered_in_a_cookie(admin_client):
    make_movie("Arrival")

    first = admin_client.get("/?view=table")
    later = admin_client.get("/")

    assert '<table class="movie-table">' in first.content.decode()
    assert first.cookies["movies_view"].value == "table"
    assert '<table class="movie-table">' in later.content.decode()


def test_overview_view_shows_the_overview(admin_client):
    make_movie("Arrival", overview="A linguist meets the heptapods.")

    body = admin_client.get("/?view=overview").content.decode()

    assert "A linguist meets the heptapods." in body


def test_search_matches_words_of_the_title_ignoring_small_words(admin_client):
    make_movie("The Lord of the Rings")
    make_movie("Arrival")

    response = admin_client.get("/?search=lord rings")

    assert titles(response) == ["The Lord of the Rings"]


def test_search_as_you_type_answers_the_fragment_without_the_page(admin_client):
    make_movie("Arrival")

    response = admin_client.get("/?search=arr", headers={"HX-Request": "true", "HX-Target": "movies"})

    body = response.content.decode()
    assert "Arrival" in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("filter_key", "expected"),
    [
        ("monitored", ["Had", "Wanted"]),
        ("unmonitored", ["Ignored"]),
        ("missing", ["Ignored", "Wanted"]),
        ("downloaded", ["Had"]),
    ],
)
def test_filters_pick_movies_by_monitoring_and_file(admin_client, filter_key, expected):
    give_file(make_movie("Had"), BLURAY_1080P.id)
    make_movie("Wanted")
    make_movie("Ignored", monitored=False)

    response = admin_client.get(f"/?filter={filter_key}")

    assert titles(response) == expected


def test_cutoff_unmet_lists_files_below_the_profile_cutoff(admin_client):
    hd = QualityProfile.objects.get(name="HD-1080p")  # its cutoff is Bluray-1080p
    give_file(make_movie("Low", quality_profile=hd), HDTV_720P.id)
    give_file(make_movie("High", quality_profile=hd), WEBDL_2160P.id)
    give_file(make_movie("Exact", quality_profile=hd), BLURAY_1080P.id)
    make_movie("Nothing yet", quality_profile=hd)

    response = admin_client.get("/?filter=cutoffUnmet")

    assert titles(response) == ["Low"]


def test_status_profile_tag_genre_and_year_filters_combine(admin_client):
    tag = Tag.objects.create(label="kids")
    wanted = make_movie("Paddington", year=2014, genres=["Family", "Comedy"], status="released")
    wanted.tags.add(tag)
    make_movie("Paddington 2", year=2017, genres=["Family"], status="released").tags.add(tag)
    make_movie("Heat", year=1995, genres=["Crime"], status="released")
    profile = wanted.quality_profile_id

    query = f"/?status=released&profile={profile}&tag={tag.pk}&genre=comedy&yearFrom=2010&yearTo=2015"
    response = admin_client.get(query)

    assert titles(response) == ["Paddington"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Alpha", "Bravo", "Charlie"]),
        ("year", ["Charlie", "Alpha", "Bravo"]),
        ("sizeOnDisk&dir=desc", ["Bravo", "Alpha", "Charlie"]),
        ("rating&dir=desc", ["Charlie", "Bravo", "Alpha"]),
        ("digitalRelease", ["Bravo", "Alpha", "Charlie"]),  # no date sorts last
    ],
)
def test_sorting_by_each_column(admin_client, sort, expected):
    alpha = make_movie("Alpha", year=2001, ratings={"tmdb": {"value": 5.0, "votes": 10}})
    alpha.digital_release = date(2020, 1, 1)
    alpha.save()
    give_file(alpha, BLURAY_1080P.id, size=100)
    bravo = make_movie("Bravo", year=2005, digital_release=date(2010, 1, 1))
    bravo.ratings = {"tmdb": {"value": 7.5, "votes": 10}}
    bravo.save()
    give_file(bravo, BLURAY_1080P.id, size=900)
    make_movie("Charlie", year=1990, ratings={"tmdb": {"value": 9.1, "votes": 10}})

    response = admin_client.get(f"/?sort={sort}")

    assert titles(response) == expected


def test_pages_hold_sixty_posters_and_the_last_one_loads_the_next_page(admin_client):
    for number in range(65):
        make_movie(f"Movie {number:02}")

    first = admin_client.get("/")
    more = admin_client.get("/?page=2&more=1", headers={"HX-Request": "true"})

    assert len(first.context["page"].rows) == 60
    assert 'hx-trigger="revealed"' in first.content.decode()
    assert "page=2" in first.content.decode()
    assert titles(more) == [f"Movie {number:02}" for number in range(60, 65)]
    assert 'hx-trigger="revealed"' not in more.content.decode()
    assert "<html" not in more.content.decode()


def test_footer_counts_the_whole_library(admin_client):
    give_file(make_movie("Had"), BLURAY_1080P.id, size=2_000)
    make_movie("Wanted")
    make_movie("Ignored", monitored=False)

    counts = admin_client.get("/?search=had").context["page"].counts

    assert (counts.total, counts.monitored, counts.unmonitored) == (3, 2, 1)
    assert (counts.with_file, counts.missing, counts.size_on_disk) == (1, 2, 2_000)


def test_the_index_costs_the_same_queries_for_many_movies(admin_client, django_assert_max_num_queries):
    tag = Tag.objects.create(label="4k")
    for number in range(80):
        movie = make_movie(f"Movie {number}")
        movie.tags.add(tag)
        if number % 2:
            give_file(movie, BLURAY_1080P.id)
    admin_client.get("/")  # the session and user are loaded once either way

    # session, user, the cutoff rule's files, profiles and format scores, rows, files of the rows,
    # profile names, library counts, matches, tags, saved filters, and the table's extra versions
    with django_assert_max_num_queries(13):
        response = admin_client.get("/?view=table&filter=cutoffUnmet")
    with django_assert_max_num_queries(11):  # and Settings → UI's date formats, read once
        admin_client.get(f"/?tag={tag.pk}&search=movie")

    assert response.status_code == 200


def test_select_mode_puts_a_checkbox_on_every_movie_for_the_editor(admin_client):
    movie = make_movie("Arrival")

    body = admin_client.get("/?select=1").content.decode()

    assert f'name="movieIds" value="{movie.pk}" form="editor-form"' in body
    assert 'id="editor-form"' in body


def test_unknown_parameters_fall_back_to_the_defaults():
    query = IndexQuery.from_params(_query_dict("sort=bogus&filter=nope&view=cards&page=-3&yearFrom=x"))

    assert (query.sort, query.filter, query.view, query.page, query.year_from) == (
        "title",
        "all",
        "posters",
        1,
        None,
    )


def test_index_page_reads_only_the_columns_it_shows():
    make_movie("Arrival", overview="long text")

    row = index_page(IndexQuery()).rows[0]

    assert "overview" not in row and row["title"] == "Arrival"


def _query_dict(text: str):
    from django.http import QueryDict

    return QueryDict(text)
