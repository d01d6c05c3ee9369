"""Movie folder names from the folder format, as Radarr's FileNameBuilder writes them."""

import pytest

from movies.folders import FolderFacts, clean_folder_name, clean_title, movie_folder_name, movie_path

MATRIX = FolderFacts(title="The Matrix", year=1999, tmdb_id=603, imdb_id="tt0133093")


def test_the_default_format_is_clean_title_and_year():
    assert movie_folder_name(MATRIX) == "The Matrix (1999)"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Star Wars: Episode IV - A New Hope", "Star Wars Episode IV A New Hope"),
        ("What's Eating Gilbert Grape", "Whats Eating Gilbert Grape"),
        ("Fast & Furious", "Fast and Furious"),
        ("Face/Off", "Face Off"),
        ("Amélie", "Amelie"),
        ("Who Framed Roger Rabbit?", "Who Framed Roger Rabbit"),
        ("[REC]", "REC"),
    ],
)
def test_clean_title_drops_what_radarr_drops(title, expected):
    assert clean_title(title) == expected


def test_the_movie_title_token_keeps_the_title_but_replaces_illegal_characters():
    facts = FolderFacts(title="Mission: Impossible", year=1996, tmdb_id=954)

    assert movie_folder_name(facts, "{Movie Title} ({Release Year})") == "Mission - Impossible (1996)"


def test_nested_id_wrappers_vanish_when_the_id_is_unknown():
    facts = FolderFacts(title="Unknown", year=2020, tmdb_id=5)

    name = movie_folder_name(facts, "{Movie CleanTitle} ({Release Year}) {imdb-{ImdbId}} {tmdb-{TmdbId}}")

    assert name == "Unknown (2020) {tmdb-5}"


def test_trash_plex_style_ids_are_written_inside_braces():
    name = movie_folder_name(MATRIX, "{Movie CleanTitle} ({Release Year}) {imdb-{ImdbId}}")

    assert name == "The Matrix (1999) {imdb-tt0133093}"


def test_separator_and_case_follow_the_token_spelling():
    assert movie_folder_name(MATRIX, "{Movie.CleanTitle}.{Release Year}") == "The.Matrix.1999"
    assert movie_folder_name(MATRIX, "{movie cleantitle}") == "the matrix"


def test_title_the_moves_the_article_to_the_end():
    assert movie_folder_name(MATRIX, "{Movie TitleThe}") == "Matrix, The"


def test_a_movie_without_a_year_has_no_empty_brackets():
    facts = FolderFacts(title="Untitled Project", year=0, tmdb_id=9)

    assert movie_folder_name(facts) == "Untitled Project"


def test_folder_names_lose_trailing_dots_and_reserved_device_names():
    assert clean_folder_name("Movie...") == "Movie"
    assert clean_folder_name("CON") == "_CON"


def test_movie_path_joins_the_root_folder_and_the_folder_name():
    assert movie_path("/data/movies/", MATRIX) == "/data/movies/The Matrix (1999)"
