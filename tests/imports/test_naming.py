"""The naming engine: every TRaSH-Guides scheme and a table of token forms, on hand-checked names."""

import json
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from imports.naming import (
    DefaultNaming,
    NamingFormatError,
    build_file_name,
    build_folder_name,
    clean_file_name,
    edition_tags,
    languages_token,
    movie_file_name,
    naming_examples,
    original_name,
    title_first_character,
    truncate,
    two_letter_language,
)
from tests.shared import SHARED_FIXTURES, requires_shared


@dataclass
class Collection:
    title: str


@dataclass
class Movie:
    title: str
    year: int
    imdb_id: str
    tmdb_id: int
    original_title: str = ""
    certification: str = ""
    collection: Collection | None = None
    translations: list[dict[str, str]] = field(default_factory=list)


@dataclass
class File:
    quality_id: int
    revision: dict[str, Any] = field(default_factory=dict)
    release_group: str = ""
    edition: str = ""
    scene_name: str = ""
    relative_path: str = ""
    media_info: dict[str, Any] = field(default_factory=dict)
    language_ids: list[int] = field(default_factory=lambda: [1])
    custom_formats: list[str] = field(default_factory=list)


MATRIX = Movie(
    "The Matrix",
    1999,
    "tt0133093",
    603,
    "The Matrix",
    "R",
    Collection("The Matrix Collection"),
    [{"language": "de", "title": "Matrix"}],
)
MATRIX_FILE = File(
    quality_id=7,
    revision={"version": 2, "real": 0, "isRepack": False},
    release_group="FraMeSToR",
    edition="imax",
    scene_name="The.Matrix.1999.IMAX.1080p.BluRay.x265-FraMeSToR",
    relative_path="x.mkv",
    media_info={
        "videoCodec": "x265",
        "videoBitDepth": 10,
        "audioCodec": "DTS-HD MA",
        "audioChannels": 7.1,
        "audioLanguages": ["eng", "ger"],
        "subtitles": ["eng"],
        "hdrFormat": "DolbyVisionHdr10",
        "videoMultiViewCount": 1,
    },
    custom_formats=["IMAX", "HDR"],
)
AMELIE = Movie("Amélie", 2001, "tt0211915", 194, "Le Fabuleux Destin d'Amélie Poulain")
AMELIE_FILE = File(
    quality_id=18,
    revision={"version": 1, "real": 1},
    scene_name="Amelie.2001.2160p.WEB-DL.DDP5.1.Atmos.HEVC",
    media_info={
        "videoCodec": "x265",
        "videoBitDepth": 10,
        "audioCodec": "EAC3 Atmos",
        "audioChannels": 5.1,
        "audioLanguages": ["fre"],
        "subtitles": ["eng"],
        "hdrFormat": "HDR10Plus",
    },
)
STAR_WARS = Movie("Star Wars: Episode IV - A New Hope", 1977, "tt0076759", 11)
STAR_WARS_FILE = File(quality_id=30, relative_path="Star Wars 1977.mkv")

RENAMING = DefaultNaming(rename_movies=True)


def file_name(movie: Movie, file: File, file_format: str, **options: Any) -> str:
    return build_file_name(movie, file, replace(RENAMING, standard_movie_format=file_format, **options))


def folder_name(movie: Movie, folder_format: str) -> str:
    return build_folder_name(movie, replace(RENAMING, movie_folder_format=folder_format))


def trash_schemes() -> dict[str, dict[str, str]]:
    return json.loads((SHARED_FIXTURES / "trash-guides" / "naming" / "radarr-naming.json").read_text())


MATRIX_TAIL = "[IMAX HDR][Bluray-1080p Proper][DTS-HD MA 7.1][DV HDR10][x265]-FraMeSToR"
MATRIX_ANIME_TAIL = "[IMAX HDR][Bluray-1080p Proper][DTS-HD MA 7.1][EN+DE][DV HDR10][x265 10bit]-FraMeSToR"
AMELIE_TAIL = "[WEBDL-2160p REAL][EAC3 Atmos 5.1][HDR10Plus][h265]"
AMELIE_ANIME_TAIL = "[WEBDL-2160p REAL][EAC3 Atmos 5.1][FR][HDR10Plus][h265 10bit]"

EXPECTED_FILES = {
    "standard": (
        f"The Matrix (1999) - {{IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) - [Remux-1080p]",
    ),
    "plex-imdb": (
        f"The Matrix (1999) {{imdb-tt0133093}} - {{edition-IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) {{imdb-tt0211915}} - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) {imdb-tt0076759} - [Remux-1080p]",
    ),
    "plex-tmdb": (
        f"The Matrix (1999) {{tmdb-603}} - {{edition-IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) {{tmdb-194}} - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) {tmdb-11} - [Remux-1080p]",
    ),
    "plex-anime-imdb": (
        f"The Matrix (1999) {{imdb-tt0133093}} - {{edition-IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) {{imdb-tt0211915}} - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "plex-anime-tmdb": (
        f"The Matrix (1999) {{tmdb-603}} - {{edition-IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) {{tmdb-194}} - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "plex-edition-alt-imdb": (
        f"The Matrix (1999) {{imdb-tt0133093}} - {{IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) {{imdb-tt0211915}} - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) {imdb-tt0076759} - [Remux-1080p]",
    ),
    "plex-edition-alt-tmdb": (
        f"The Matrix (1999) {{tmdb-603}} - {{IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) {{tmdb-194}} - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) {tmdb-11} - [Remux-1080p]",
    ),
    "emby-imdb": (
        f"The Matrix (1999) [imdb-tt0133093] - {{edition-IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) [imdb-tt0211915] - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) [imdb-tt0076759] - [Remux-1080p]",
    ),
    "emby-tmdb": (
        f"The Matrix (1999) [tmdb-603] - {{edition-IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) [tmdb-194] - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) [tmdb-11] - [Remux-1080p]",
    ),
    "emby-anime-imdb": (
        f"The Matrix (1999) [imdb-tt0133093] - {{edition-IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) [imdb-tt0211915] - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "emby-anime-tmdb": (
        f"The Matrix (1999) [tmdb-603] - {{edition-IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) [tmdb-194] - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "jellyfin-imdb": (
        f"The Matrix (1999) [imdbid-tt0133093] - {{IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) [imdbid-tt0211915] - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) [imdbid-tt0076759] - [Remux-1080p]",
    ),
    "jellyfin-tmdb": (
        f"The Matrix (1999) [tmdbid-603] - {{IMAX}} {MATRIX_TAIL}",
        f"Amelie (2001) [tmdbid-194] - {AMELIE_TAIL}",
        "Star Wars Episode IV A New Hope (1977) [tmdbid-11] - [Remux-1080p]",
    ),
    "jellyfin-anime-imdb": (
        f"The Matrix (1999) [imdbid-tt0133093] - {{IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) [imdbid-tt0211915] - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "jellyfin-anime-tmdb": (
        f"The Matrix (1999) [tmdbid-603] - {{IMAX}} {MATRIX_ANIME_TAIL}",
        f"Amelie (2001) [tmdbid-194] - {AMELIE_ANIME_TAIL}",
        None,
    ),
    "original": (
        "The.Matrix.1999.IMAX.1080p.BluRay.x265-FraMeSToR",
        "Amelie.2001.2160p.WEB-DL.DDP5.1.Atmos.HEVC",
        "Star Wars 1977",
    ),
    "p2p-scene": (
        "The.Matrix.1999.IMAX.IMAX.HDR.Bluray-1080p.Proper.DTS-HD.MA.7.1.DV.HDR10.x265-FraMeSToR",
        "Amelie.2001.WEBDL-2160p.REAL.EAC3.Atmos.5.1.HDR10Plus.h265",
        "Star.Wars.Episode.IV.A.New.Hope.1977.Remux-1080p",
    ),
}
EXPECTED_FOLDERS = {
    "default": ("The Matrix (1999)", "Amelie (2001)", "Star Wars Episode IV A New Hope (1977)"),
    "plex-imdb": ("The Matrix (1999) {imdb-tt0133093}", "Amelie (2001) {imdb-tt0211915}", None),
    "plex-tmdb": ("The Matrix (1999) {tmdb-603}", "Amelie (2001) {tmdb-194}", None),
    "emby-imdb": ("The Matrix (1999) [imdb-tt0133093]", "Amelie (2001) [imdb-tt0211915]", None),
    "emby-tmdb": ("The Matrix (1999) [tmdb-603]", "Amelie (2001) [tmdb-194]", None),
    "jellyfin-imdb": ("The Matrix (1999) [imdbid-tt0133093]", "Amelie (2001) [imdbid-tt0211915]", None),
    "jellyfin-tmdb": (
        "The Matrix (1999) [tmdbid-603]",
        "Amelie (2001) [tmdbid-194]",
        "Star Wars Episode IV A New Hope (1977) [tmdbid-11]",
    ),
}
SAMPLES = ((MATRIX, MATRIX_FILE), (AMELIE, AMELIE_FILE), (STAR_WARS, STAR_WARS_FILE))


@requires_shared
@pytest.mark.parametrize("scheme", sorted(EXPECTED_FILES))
def test_every_trash_guides_file_scheme_names_the_sample_movies_as_worked_out_by_hand(scheme):
    file_format = trash_schemes()["file"][scheme]
    for (movie, file), expected in zip(SAMPLES, EXPECTED_FILES[scheme], strict=True):
        if expected is not None:
            assert file_name(movie, file, file_format) == expected


@requires_shared
def test_the_table_covers_every_trash_guides_scheme():
    schemes = trash_schemes()
    assert set(schemes["file"]) == set(EXPECTED_FILES)
    assert set(schemes["folder"]) == set(EXPECTED_FOLDERS)


@requires_shared
@pytest.mark.parametrize("scheme", sorted(EXPECTED_FOLDERS))
def test_every_trash_guides_folder_scheme_names_the_sample_movies_as_worked_out_by_hand(scheme):
    folder_format = trash_schemes()["folder"][scheme]
    for (movie, _file), expected in zip(SAMPLES, EXPECTED_FOLDERS[scheme], strict=True):
        if expected is not None:
            assert folder_name(movie, folder_format) == expected


@pytest.mark.parametrize(
    ("file_format", "expected"),
    [
        ("{Movie Title} ({Release Year}) {Quality Full}", "The Matrix (1999) Bluray-1080p Proper"),
        ("{Movie TitleThe}", "Matrix, The"),
        ("{movie title}", "the matrix"),
        ("{MOVIE TITLE}", "THE MATRIX"),
        ("{Movie_Title}", "The_Matrix"),
        ("{Movie-Title}", "The-Matrix"),
        ("{Movie Title:6}", "The..."),
        ("{Movie Title:-6}", "...rix"),
        ("{Movie Title:DE} ({Release Year})", "Matrix (1999)"),
        ("{Movie Title:FR} ({Release Year})", "The Matrix (1999)"),
        ("{Movie TitleFirstCharacter}/{Movie Title}", "M/The Matrix"),
        ("{Movie Collection} - {Movie Certification}", "The Matrix Collection - R"),
        ("{Movie OriginalTitle} {ImdbId} {TmdbId}", "The Matrix tt0133093 603"),
        ("{Movie Title} {Quality Title} {Quality Proper}{ Quality Real}", "The Matrix Bluray-1080p Proper"),
        ("{Movie Title} {MediaInfo Simple}", "The Matrix x265 DTS-HD MA"),
        ("{Movie Title} {MediaInfo Full}", "The Matrix x265 DTS-HD MA[EN+DE] [EN]"),
        ("{Movie Title} {MediaInfo AudioLanguages:DE}", "The Matrix [DE]"),
        ("{Movie Title} {MediaInfo AudioLanguages:-DE}", "The Matrix"),
        ("{Movie Title} {MediaInfo AudioLanguagesAll:-DE}", "The Matrix [EN]"),
        # the `--` for left-out languages folds to one dash, as Radarr's separator clean-up does
        ("{Movie Title} {MediaInfo AudioLanguages:DE+}", "The Matrix [DE+-]"),
        ("{Movie Title} {MediaInfo SubtitleLanguages}", "The Matrix [EN]"),
        ("{Movie Title} {MediaInfo VideoDynamicRange} {MediaInfo VideoBitDepth}bit", "The Matrix HDR 10bit"),
        ("{Movie Title} {Custom Formats:-HDR}", "The Matrix IMAX"),
        ("{Movie Title} {Custom Format:HDR}{ Custom Format:Nope}", "The Matrix HDR"),
        ("{Movie Title} {Edition Tags} {Unknown Token}", "The Matrix IMAX"),
        ("{Movie Title}{ - Release Group}", "The Matrix - FraMeSToR"),
        (
            "{Movie CleanTitle} {imdb-{ImdbId}} {edition-{Edition Tags}}",
            "The Matrix {imdb-tt0133093} {edition-IMAX}",
        ),
        ("{Movie CleanTitle} {tmdb-{TmdbId}} - {{Edition Tags}}", "The Matrix {tmdb-603} - {IMAX}"),
        (
            "{Movie CleanTitle} [{Mediainfo VideoCodec }{MediaInfo VideoBitDepth}bit]",
            "The Matrix [x265 10bit]",
        ),
        (
            "{Movie CleanTitle} {[Mediainfo AudioCodec}{ Mediainfo AudioChannels]}",
            "The Matrix [DTS-HD MA 7.1]",
        ),
        ("{Movie.CleanTitle}{.Release.Year}{.Mediainfo.AudioCodec}", "The.Matrix.1999.DTS-HD.MA"),
    ],
)
def test_a_token_form_renders_as_radarr_writes_it(file_format, expected):
    assert file_name(MATRIX, MATRIX_FILE, file_format) == expected


def test_an_unknown_release_group_reads_radarr_bare_and_vanishes_with_text_around_it():
    assert file_name(STAR_WARS, STAR_WARS_FILE, "{Release Year} {Release Group}") == "1977 Radarr"
    assert file_name(STAR_WARS, STAR_WARS_FILE, "{Release Year}{-Release Group}") == "1977"


@pytest.mark.parametrize(
    ("colon", "expected"),
    [
        ("delete", "Star Wars Episode IV - A New Hope"),
        ("dash", "Star Wars- Episode IV - A New Hope"),
        ("spaceDash", "Star Wars - Episode IV - A New Hope"),
        ("spaceDashSpace", "Star Wars - Episode IV - A New Hope"),
        ("smart", "Star Wars - Episode IV - A New Hope"),
    ],
)
def test_colons_are_replaced_as_the_setting_says(colon, expected):
    assert file_name(STAR_WARS, STAR_WARS_FILE, "{Movie Title}", colon_replacement_format=colon) == expected


def test_illegal_characters_are_replaced_or_dropped():
    movie = Movie('What? "Why" <No>/Yes*|Now', 2020, "", 1)
    assert file_name(movie, STAR_WARS_FILE, "{Movie Title}") == "What! Why No+Yes-Now"
    assert (
        file_name(movie, STAR_WARS_FILE, "{Movie Title}", replace_illegal_characters=False)
        == "What Why NoYesNow"
    )


def test_a_windows_device_name_is_not_written_as_a_file_name():
    assert file_name(Movie("CON", 2020, "", 1), STAR_WARS_FILE, "{Movie Title}.{Release Year}") == "CON_2020"


def test_empty_tokens_leave_no_dangling_brackets_or_separators():
    assert file_name(
        STAR_WARS, STAR_WARS_FILE, "{Movie CleanTitle} ({Edition Tags}) [{Release Group}] -"
    ) == ("Star Wars Episode IV A New Hope [Radarr]")
    assert file_name(STAR_WARS, STAR_WARS_FILE, "{Movie.CleanTitle}.{Edition.Tags}.{Quality.Full}") == (
        "Star.Wars.Episode.IV.A.New.Hope.Remux-1080p"
    )


def test_an_empty_token_takes_the_text_inside_its_braces_along():
    file_format = "{Movie Title}{ - Edition Tags} {Quality Full}"

    assert (
        file_name(MATRIX, replace(MATRIX_FILE, edition=""), file_format) == "The Matrix Bluray-1080p Proper"
    )
    assert file_name(MATRIX, MATRIX_FILE, file_format) == "The Matrix - IMAX Bluray-1080p Proper"


def test_a_nested_wrapper_vanishes_whole_when_its_token_is_empty():
    file_format = (
        "{Movie CleanTitle} {(Release Year)} {edition-{Edition Tags}} {{Edition Tags}} {[Quality Full]}"
    )
    assert (
        file_name(STAR_WARS, STAR_WARS_FILE, file_format)
        == "Star Wars Episode IV A New Hope (1977) [Remux-1080p]"
    )


def test_with_renaming_off_a_file_keeps_its_release_name():
    config = DefaultNaming(rename_movies=False)
    assert build_file_name(MATRIX, MATRIX_FILE, config) == "The.Matrix.1999.IMAX.1080p.BluRay.x265-FraMeSToR"
    assert build_file_name(STAR_WARS, STAR_WARS_FILE, config) == "Star Wars 1977"


def test_an_empty_standard_format_is_refused():
    with pytest.raises(NamingFormatError, match="^Standard movie format cannot be empty$"):
        file_name(MATRIX, MATRIX_FILE, "  ")


def test_a_folder_format_takes_movie_tokens_and_trims_dots():
    assert folder_name(MATRIX, "{Movie TitleThe} ({Release Year})...") == "Matrix, The (1999)"
    assert folder_name(MATRIX, "{Movie TitleFirstCharacter}/{Movie Title}") == "M/The Matrix"


@pytest.mark.parametrize(
    ("title", "first"),
    [("(500) Days of Summer", "5"), ("...", "_"), ("the matrix", "T"), ("Ænima", "Æ")],
    ids=["digit", "symbols-only", "lower-case", "non-ascii"],  # ASCII: mutmut passes the ids back to pytest
)
def test_the_first_character_skips_one_leading_symbol_else_is_an_underscore(title, first):
    assert title_first_character(title) == first


def test_edition_tags_are_capitalised_with_known_abbreviations_upper_and_ordinals_lower():
    assert edition_tags("25TH anniversary imax dc") == "25th Anniversary IMAX DC"
    assert edition_tags("") == ""


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        ("5", "Th..."),
        ("-5", "...ed"),
        ("19", "The Matrix Reloaded"),
        ("0", "The Matrix Reloaded"),
        ("x", "The Matrix Reloaded"),
    ],
)
def test_a_length_filter_cuts_with_an_ellipsis_from_either_end(length, expected):
    movie = Movie("The Matrix Reloaded", 2003, "", 604)
    assert file_name(movie, MATRIX_FILE, f"{{Movie Title:{length}}}") == expected
    assert truncate("Heat", length) == "Heat"


@pytest.mark.parametrize(
    ("code", "two"), [("fre", "FR"), ("fra", "FR"), (" ENG ", "EN"), ("de", "DE"), ("xyz", "XYZ")]
)
def test_language_codes_become_two_letters_whatever_their_iso_form(code, two):
    assert two_letter_language(code) == two


def test_language_tokens_drop_unknown_and_repeated_languages_and_english_alone_when_asked():
    assert languages_token(["eng"], None, skip_english_only=True) == ""
    assert languages_token(["eng", "und", "", "eng"], None, skip_english_only=False) == "[EN]"
    assert languages_token(["eng", "ger", "fre"], "-EN-DE", skip_english_only=False) == "[FR]"
    assert languages_token(["eng", "ger"], "FR", skip_english_only=False) == ""


def test_colons_and_illegal_characters_in_a_name():
    assert clean_file_name("A: B:C") == "A - B-C"
    assert clean_file_name("A: B:C", DefaultNaming(colon_replacement_format="delete")) == "A BC"
    assert clean_file_name(" .x/y\\z? ") == "x+y+z!"


def test_without_a_release_name_a_file_keeps_its_own_name_without_the_extension():
    assert original_name(File(quality_id=7, relative_path="dir/Some.File.mkv")) == "Some.File"
    assert original_name(File(quality_id=7, relative_path="Some:File.mkv")) == "Some-File"


def test_a_folder_format_that_names_nothing_falls_back_to_the_tmdb_id():
    assert build_folder_name(Movie("", 0, "", 77), DefaultNaming()) == "77"


def test_the_examples_name_the_sample_movie_with_the_formats():
    examples = naming_examples(DefaultNaming(standard_movie_format="{Movie Title} [{Release Group}]"))

    assert examples == {
        "movieExample": "The Movie - Title [RlsGrp].mkv",
        "movieFolderExample": "The Movie - Title (2010)",
    }


def test_custom_formats_are_written_with_spaces_and_a_filter_keeps_or_drops_them():
    file = replace(MATRIX_FILE, custom_formats=["IMAX", "HDR", "XviD"])

    assert file_name(MATRIX, file, "{Custom Formats}") == "IMAX HDR XviD"
    assert file_name(MATRIX, file, "{Custom Formats:-XviD}") == "IMAX HDR"
    assert file_name(MATRIX, file, "{Custom Formats:HDR,XviD}") == "HDR XviD"


@pytest.mark.parametrize(
    ("revision", "full"),
    [
        ({"version": 2, "isRepack": True}, "Bluray-1080p Repack"),
        ({"version": 2, "is_repack": True}, "Bluray-1080p Repack"),
        ({"version": 1, "real": 1}, "Bluray-1080p REAL"),
        ({"version": 3, "real": 2}, "Bluray-1080p Proper REAL"),
        ({}, "Bluray-1080p"),
    ],
)
def test_quality_full_adds_proper_repack_and_real(revision, full):
    assert file_name(MATRIX, replace(MATRIX_FILE, revision=revision), "{Quality Full}") == full


def test_media_info_audio_3d_and_languages_given_as_text():
    info = {
        **MATRIX_FILE.media_info,
        "videoMultiViewCount": 2,
        "audioLanguages": "eng/ger",
        "subtitles": "ger,fre",
    }
    file = replace(MATRIX_FILE, media_info=info)

    assert file_name(MATRIX, file, "{MediaInfo Audio} {MediaInfo 3D}") == "DTS-HD MA 3D"
    assert file_name(MATRIX, MATRIX_FILE, "{Movie Title} {MediaInfo 3D}") == "The Matrix"
    assert file_name(MATRIX, file, "{MediaInfo AudioLanguagesAll}") == "[EN+DE]"
    assert file_name(MATRIX, file, "{MediaInfo SubtitleLanguagesAll:DE}") == "[DE]"


def test_the_video_codec_keeps_the_release_names_word_from_the_file_name_too():
    file = replace(MATRIX_FILE, scene_name="", relative_path="The.Matrix.1999.1080p.BluRay.HEVC-GRP.mkv")

    assert file_name(MATRIX, file, "{MediaInfo VideoCodec}") == "h265"


def test_a_translated_title_is_found_by_either_language_key_and_the_original_title_is_its_own():
    movie = replace(AMELIE, translations=[{"iso_639_1": "de", "title": "Die fabelhafte Welt der Amélie"}])

    assert file_name(movie, AMELIE_FILE, "{Movie Title:DE}") == "Die fabelhafte Welt der Amélie"
    assert file_name(movie, AMELIE_FILE, "{Movie OriginalTitle}") == "Le Fabuleux Destin d'Amélie Poulain"
    assert file_name(replace(movie, original_title=""), AMELIE_FILE, "{Movie OriginalTitle}") == "Amélie"


def test_the_contract_name_with_renaming_off_is_the_cleaned_release_or_file_name():
    config = DefaultNaming(rename_movies=False)

    assert movie_file_name(MATRIX, MATRIX_FILE, config) == "The.Matrix.1999.IMAX.1080p.BluRay.x265-FraMeSToR"
    assert movie_file_name(MATRIX, File(7, relative_path="What?.mkv"), config) == "What!"
