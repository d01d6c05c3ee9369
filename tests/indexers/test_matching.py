"""Release → library movie: ids from the indexer, then clean title and year, all from one read."""

from datetime import UTC, datetime

import pytest

from indexers.matching import LibraryIndex
from movies.models import AlternativeTitle
from movies.titles import clean_title
from releases.parser import parse_movie_title
from releases.releaseinfo import ReleaseInfo
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def _release(title: str, **fields: object) -> ReleaseInfo:
    return ReleaseInfo(
        guid=title, title=title, size=0, protocol="usenet", publish_date=datetime.now(UTC), **fields
    )


def _match(title: str, **fields: object) -> int | None:
    release = _release(title, **fields)
    return LibraryIndex.load().match(release, parse_movie_title(title))


def test_a_release_matches_the_movie_with_its_clean_title_and_year():
    arrival = MovieFactory(title="Arrival", year=2016)
    MovieFactory(title="Arrival", year=1996)

    assert _match("Arrival.2016.1080p.BluRay.x264-GRP") == arrival.pk


def test_a_year_one_off_matches_only_when_one_movie_fits():
    movie = MovieFactory(title="The Quiet Orchard", year=2019)

    assert _match("The.Quiet.Orchard.2020.1080p.WEB-DL-GRP") == movie.pk
    assert _match("The.Quiet.Orchard.2022.1080p.WEB-DL-GRP") is None


def test_the_secondary_year_counts_as_the_movies_year():
    movie = MovieFactory(title="Border Line", year=2019, secondary_year=2017)

    assert _match("Border.Line.2017.720p.HDTV-GRP") == movie.pk


def test_an_alternative_title_matches_its_movie():
    movie = MovieFactory(title="Spirited Away", year=2001)
    AlternativeTitle.objects.create(
        movie=movie, title="Sen to Chihiro", clean_title=clean_title("Sen to Chihiro")
    )

    assert _match("Sen.to.Chihiro.2001.1080p.BluRay-GRP") == movie.pk


def test_the_indexers_imdb_id_wins_over_a_foreign_title():
    movie = MovieFactory(title="The Matrix", year=1999, imdb_id="tt0133093")

    assert _match("Matrix.Das.Original.1999.German.1080p.BluRay-GRP", imdb_id="tt0133093") == movie.pk


def test_two_movies_with_the_same_title_and_year_are_never_guessed_between():
    MovieFactory(title="Twice", year=2011, path="/movies/Twice (2011)")
    MovieFactory(title="Twice", year=2011, path="/movies/Twice (2011) [remake]")

    assert _match("Twice.2011.1080p.BluRay-GRP") is None


def test_loading_the_library_costs_two_queries_whatever_its_size(django_assert_num_queries):
    MovieFactory.create_batch(30)

    with django_assert_num_queries(2):
        index = LibraryIndex.load()

    assert len(index.by_tmdb) == 30


def test_a_search_result_fits_the_searched_movie_before_anything_else():
    searched = MovieFactory(title="Heat", year=1995)
    other = MovieFactory(title="Heat", year=1986)
    library = LibraryIndex.load()
    title = "Heat.1986.1080p.BluRay-GRP"

    assert library.match_for_search(_release(title), parse_movie_title(title), searched.pk) == other.pk
    title = "Heat.1995.1080p.BluRay-GRP"
    assert library.match_for_search(_release(title), parse_movie_title(title), searched.pk) == searched.pk


# A name without a year (Radarr cannot parse it): matched by clean title when one library movie fits.
@pytest.mark.parametrize(
    "title",
    [
        "Quiet.Orchard.1080p.BluRay.x264-NOVA",
        "Quiet Orchard 2160p WEB-DL DDP5.1 HEVC-FLUX",
        "Quiet.Orchard.EXTENDED.720p.WEBRip.x264-SiGMA",
        "[SubTeam] Quiet Orchard [1080p].mkv",
        "Quiet_Orchard_DVDRip_XviD-NOVA",
    ],
)
def test_a_name_without_a_year_matches_the_one_movie_with_its_clean_title(title):
    movie = MovieFactory(title="Quiet Orchard", year=2019)
    MovieFactory(title="Quiet Orchard Returns", year=2021)

    parsed, movie_id = LibraryIndex.load().match_without_year(_release(title))

    assert movie_id == movie.pk
    assert parsed.year is None and parsed.primary_movie_title == "Quiet Orchard"
    assert any("without a year" in note and "(2019)" in note for note in parsed.notes), parsed.notes
    assert any("ends where the release tags start" in note for note in parsed.notes)


def test_a_name_without_a_year_is_never_guessed_between_two_movies():
    MovieFactory(title="Twice", year=2011, path="/movies/Twice (2011)")
    MovieFactory(title="Twice", year=1990, path="/movies/Twice (1990)")

    assert LibraryIndex.load().match_without_year(_release("Twice.1080p.BluRay.x264-NOVA")) is None


@pytest.mark.parametrize(
    "title",
    [
        "Quiet.Orchard.S01E02.1080p.WEB-DL-NOVA",  # an episode, not the movie
        "Quiet.Orchard.1x02.720p.HDTV-NOVA",
        "Quiet.Orchard.Season.1.1080p.BluRay-NOVA",
        "Quiet.Orchard.Returns.Again.1080p.BluRay-NOVA",  # no movie has that title
        "Quiet.Orchard-NOVA",  # no release tag: not a release name
    ],
)
def test_a_name_without_a_year_that_fits_no_single_movie_stays_unmatched(title):
    MovieFactory(title="Quiet Orchard", year=2019)

    assert LibraryIndex.load().match_without_year(_release(title)) is None


def test_the_indexers_id_matches_a_name_without_a_year():
    movie = MovieFactory(title="The Matrix", year=1999, imdb_id="tt0133093")

    parsed, movie_id = LibraryIndex.load().match_without_year(
        _release("Das.Original.1080p.BluRay.x264-NOVA", imdb_id="tt0133093")
    )

    assert movie_id == movie.pk and "id" in parsed.notes[-1]
