"""The parser's own rules table: made-up release names, one Radarr rule each, runnable on any clone.

The Radarr corpus (test_parser.py) needs the shared fixtures; this table keeps the main rules covered
without them.
"""

from typing import Any

import pytest

from releases.languages import ENGLISH, GERMAN, ORIGINAL, UNKNOWN
from releases.parser import (
    normalize_imdb_id,
    parse_languages,
    parse_movie_path,
    parse_movie_title,
    parse_quality,
    parse_release_group,
)

# (release name, fields the parse must show). "quality" is checked through parse_movie_title.
RULE_CASES: list[tuple[str, dict[str, Any]]] = [
    # quality: source, resolution and modifier
    ("Harbor.Lights.2019.1080p.BluRay.x264-NOVA", {"quality": "Bluray-1080p", "group": "NOVA"}),
    ("Harbor.Lights.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1-NOVA", {"quality": "Remux-2160p"}),
    ("Harbor.Lights.2019.720p.BluRay.REMUX.AVC-NOVA", {"quality": "Bluray-720p"}),
    ("Harbor.Lights.2019.COMPLETE.BLURAY-NOVA", {"quality": "BR-DISK"}),
    ("Harbor.Lights.2019.1080p.Blu-ray.AVC.DTS-HD.MA.5.1-NOVA", {"quality": "BR-DISK"}),
    ("Harbor.Lights.2019.1080p.AMZN.WEB-DL.DDP5.1.H.264-NOVA", {"quality": "WEBDL-1080p"}),
    ("Harbor.Lights.2019.1080p.WEB.h264-NOVA", {"quality": "WEBDL-1080p"}),
    ("Harbor.Lights.2019.720p.WEBRip.x264-NOVA", {"quality": "WEBRip-720p"}),
    ("Harbor.Lights.2019.HDTV.x264-NOVA", {"quality": "SDTV"}),
    ("Harbor.Lights.2019.1080i.HDTV.MPEG2-NOVA", {"quality": "Raw-HD"}),
    ("Harbor.Lights.2019.DVDRip.XviD-NOVA", {"quality": "DVD"}),
    ("Harbor.Lights.2019.PAL.DVD9-NOVA", {"quality": "DVD-R"}),
    ("Harbor.Lights.2019.BDRip.XviD-NOVA", {"quality": "Bluray-480p"}),
    ("Harbor.Lights.2019.HDCAM.x264-NOVA", {"quality": "CAM"}),
    ("Harbor.Lights.2019.TELESYNC.x264-NOVA", {"quality": "TELESYNC"}),
    ("Harbor.Lights.2019.DVDSCR.x264-NOVA", {"quality": "DVDSCR"}),
    ("Harbor.Lights.2019.720p.mkv", {"quality": "WEBDL-720p"}),  # resolution only: the extension decides
    ("Harbor Lights (2019).avi", {"quality": "SDTV"}),  # nothing in the name: the extension table
    # revision
    ("Harbor.Lights.2019.PROPER.1080p.BluRay.x264-NOVA", {"version": 2, "repack": False}),
    ("Harbor.Lights.2019.REPACK.1080p.BluRay.x264-NOVA", {"version": 2, "repack": True}),
    ("Harbor.Lights.2019.REPACK2.1080p.BluRay.x264-NOVA", {"version": 3, "repack": True}),
    # title and year
    ("The.Quiet.Orchard.1987.720p.BluRay.x264-NOVA", {"title": "The Quiet Orchard", "year": 1987}),
    ("S.H.I.E.L.D.Files.2011.1080p.BluRay.x264-NOVA", {"title": "S.H.I.E.L.D. Files", "year": 2011}),
    ("Blade.Runner.2049.2017.1080p.BluRay.x264-NOVA", {"title": "Blade Runner 2049", "year": 2017}),
    (
        "Paper.Moons.AKA.Lunes.de.Papel.2003.DVDRip.x264-NOVA",
        {"titles": ["Paper Moons AKA Lunes de Papel", "Paper Moons", "Lunes de Papel"]},
    ),
    ("Harbor Lights (2019) [1080p]", {"title": "Harbor Lights", "year": 2019}),
    (
        "[SubTeam] Starlit Garden (2012) [BD 1080p FLAC] [ABCD1234].mkv",
        {"title": "Starlit Garden", "group": "SubTeam", "hash": "ABCD1234"},
    ),
    ("Harbor.Lights.2019.1080p.BluRay.x264-NOVA [tt7654321]", {"imdb_id": "tt7654321"}),
    ("Harbor Lights (2019) {tmdb-98765}", {"tmdb_id": 98765}),
    # edition, as written
    ("Harbor.Lights.2019.Directors.Cut.1080p.BluRay.x264-NOVA", {"edition": "Directors Cut"}),
    (
        "Harbor.Lights.Extended.Edition.2019.720p.BluRay.x264-NOVA",
        {"edition": "Extended Edition", "title": "Harbor Lights"},
    ),
    ("Harbor.Lights.2019.IMAX.2160p.WEB-DL.DDP5.1-NOVA", {"edition": "IMAX"}),
    ("Harbor.Lights.2019.1080p.BluRay.x264-NOVA", {"edition": None}),
    # an edition opening with "(" and a word that is no hint: the scan starts early enough to see it
    ("Harbor.Lights.2019.(Signature Edition).1080p.BluRay.x264-NOVA", {"edition": "Signature Edition"}),
    ("Harbor Lights (2019) (100th Anniversary) 1080p BluRay x264-NOVA", {"edition": "100th Anniversary"}),
    # release group
    ("Harbor.Lights.2019.1080p.WEB-DL.DD5.1.H.264-NOVA-Obfuscated", {"group": "NOVA"}),
    ("Harbor.Lights.2019.1080p.BluRay.DTS-HD.MA.5.1", {"group": None}),
    ("Harbor.Lights.2019.1080p.BluRay.x264.DTS-HD.MA.5.1-NOVA", {"group": "NOVA"}),
    ("Harbor_Lights_2019_1080p_BluRay_x264-NOVA", {"group": "NOVA", "title": "Harbor Lights"}),
    ("Dr.Harbor.Lights.2019.1080p.BluRay.x264-NOVA", {"title": "Dr. Harbor Lights", "group": "NOVA"}),
    ("Harbor Lights (2019) (1080p BluRay x265 10bit AAC 5.1 Tigole)", {"group": "Tigole"}),
    # languages (the title is masked first, so "German" in a title is not a language)
    ("Harbor.Lights.2019.German.DL.1080p.BluRay.x264-NOVA", {"languages": [GERMAN, ORIGINAL]}),
    ("Harbor.Lights.2019.German.ML.1080p.BluRay.x264-NOVA", {"languages": [GERMAN, ORIGINAL, ENGLISH]}),
    ("The.German.Orchard.2019.1080p.BluRay.x264-NOVA", {"languages": [UNKNOWN]}),
    ("Harbor.Lights.2019.FRENCH.1080p.BluRay.x264-NOVA", {"language_names": ["French"]}),
    # tokens found by the scans that are prefiltered for speed: the same result as Radarr's full patterns
    ("Harbor.Lights.2019.PAL.R5.DVDRip-NOVA", {"quality": "DVD"}),  # the last source token wins
    ("Harbor.Lights.2019.720p.HD-DVD.x264-NOVA", {"quality": "Bluray-720p"}),  # not DVD inside HD-DVD
    ("Harbor Lights 2019 1080p AMZN WEB", {"quality": "WEBDL-1080p"}),  # uppercase WEB at the very end
    ("Harbor.Lights.2019.EXTENDED.1080p.BluRay.x264-NOVA", {"language_names": ["Unknown"]}),  # EN, DE inside
    ("Harbor.Lights.2019.EXTENDED.DE.1080p.BluRay.x264-NOVA", {"language_names": ["German"]}),
    ("Harbor Lights (2019) (1080p BluRay x265 HDO) [ENG]", {"group": "HDO", "language_names": ["English"]}),
    # ASCII names: whole words decide where the patterns bound their tokens, substrings where they do not
    ("Harbor.Lights.2019.1080p.BluRay.TrueHD.7.1-NOVA", {"language_names": ["Unknown"]}),  # "ru" in TrueHD
    ("Harbor.Lights.2019.1080p.BluRay.x264.kar-NOVA", {"language_names": ["Unknown"]}),  # no "ka" word
    ("Harbor.Lights.2019.1080p.WEB-DL.x264.[CHS]-NOVA", {"language_names": ["Chinese"]}),
    ("Harbor.Lights.2019.720p.BluRay.x264.PL.DUB-NOVA", {"language_names": ["Polish"]}),
    ("Harbor.Lights.2019.DVDSCR.XviD.KOR-NOVA", {"quality": "DVDSCR", "language_names": ["Korean"]}),
    ("Harbor.Lights.2019.1080p.BluRay.x264.Ukr-NOVA", {"language_names": ["Ukrainian"]}),  # any "UKR"
    ("Harbor.Lights.2019.1080p.BluRay.x264.Englishman-NOVA", {"language_names": ["English"]}),  # a substring
    ("Harbor.Lights.2019.1080p.BluRay.x264.ITA.Español-NOVA", {"language_names": ["Italian", "Spanish"]}),
    ("Harbor.Lights.2019.HD-TS.x264-NOVA", {"quality": "TELESYNC"}),  # "HD-TS" holds the word "ts"
    ("Harbor.Lights.2019.720p.Web-Rip.x264-NOVA", {"quality": "WEBRip-720p"}),
    ("[ www.site.com ] - Harbor.Lights.2019.1080p.BluRay.x264-NOVA", {"title": "Harbor Lights"}),
    ("Harbor Lights 2019 1080p 10-bit BluRay x265-NOVA", {"title": "Harbor Lights", "year": 2019}),
    # hardcoded subs
    ("Harbor.Lights.2019.1080p.KORSUB.WEBRip.x264-NOVA", {"hardcoded_subs": "KORSUB"}),
    ("Harbor.Lights.2019.720p.HC.WEBRip.x264-NOVA", {"hardcoded_subs": "Generic Hardcoded Subs"}),
]

# Names Radarr refuses: no year, hashes, obfuscation.
UNPARSEABLE = [
    "Harbor.Lights.1080p.BluRay.x264-NOVA",
    "d41d8cd98f00b204e9800998ecf8427e",
    "a1b2c3d4e5f6a7b8c9d0e1f2.mkv",
    "password yEnc Harbor Lights 2019",
    "---",
]


def _observed(name: str) -> dict[str, Any]:
    parsed = parse_movie_title(name)
    assert parsed is not None, name
    return {
        "quality": parsed.quality.quality.name,
        "version": parsed.quality.revision.version,
        "repack": parsed.quality.revision.is_repack,
        "title": parsed.primary_movie_title,
        "titles": parsed.movie_titles,
        "year": parsed.year,
        "edition": parsed.edition,
        "group": parsed.release_group,
        "hash": parsed.release_hash,
        "imdb_id": parsed.imdb_id,
        "tmdb_id": parsed.tmdb_id,
        "languages": parsed.languages,
        "language_names": [language.name for language in parsed.languages],
        "hardcoded_subs": parsed.hardcoded_subs,
    }


def _ascii_id(name: str) -> str:
    """pytest escapes other ids (`Espa\\xf1ol`), and mutmut cannot pass those back to select the test."""
    return "".join(char if char.isascii() else f"U+{ord(char):04X}" for char in name)


@pytest.mark.parametrize(("name", "expected"), RULE_CASES, ids=[_ascii_id(name) for name, _ in RULE_CASES])
def test_release_name_parses_as_radarr_would(name: str, expected: dict[str, Any]) -> None:
    observed = _observed(name)

    assert {field: observed[field] for field in expected} == expected


@pytest.mark.parametrize("name", UNPARSEABLE)
def test_names_without_a_year_or_that_are_hashes_do_not_parse(name: str) -> None:
    assert parse_movie_title(name) is None


def test_a_hashed_file_name_parses_through_its_folder() -> None:
    parsed = parse_movie_path(
        "/downloads/Harbor.Lights.2019.720p.WEB-DL.DD5.1.H.264-NOVA/9f86d081884c7d659a2feaa0c55ad015.mkv"
    )

    assert parsed is not None
    assert (parsed.primary_movie_title, parsed.year, parsed.release_group) == ("Harbor Lights", 2019, "NOVA")
    assert parsed.quality.quality.name == "WEBDL-720p"


def test_year_first_folder_names_parse_only_as_directories() -> None:
    assert parse_movie_title("(2001) Harbor Lights") is None

    parsed = parse_movie_title("(2001) Harbor Lights", is_dir=True)

    assert parsed is not None and parsed.primary_movie_title == "Harbor Lights"


def test_quality_detection_says_where_the_source_came_from() -> None:
    by_extension = parse_quality("Harbor Lights.mkv")
    by_name = parse_quality("Harbor.Lights.2019.1080p.BluRay.x264")

    assert (by_extension.source_detection, by_extension.resolution_detection) == ("extension", "extension")
    assert (by_name.source_detection, by_name.resolution_detection) == ("name", "name")


def test_uppercase_real_counts_but_lowercase_does_not() -> None:
    assert parse_quality("Harbor.Lights.2019.REAL.PROPER.1080p.BluRay.x264").revision.real == 1
    assert parse_quality("The.Real.Harbor.Lights.2019.1080p.BluRay.x264").revision.real == 0


def test_release_group_parser_on_its_own() -> None:
    assert parse_release_group("Harbor.Lights.2019.1080p.BluRay.x264-NOVA.mkv") == "NOVA"
    assert parse_release_group("[Fansub-Team] Harbor Lights - 01 [1080p]") == "Fansub-Team"


def test_language_parser_on_its_own() -> None:
    assert [language.name for language in parse_languages("Harbor Lights 2019 Latino 1080p")] == [
        "Spanish (Latino)"
    ]
    assert parse_languages("Harbor.Lights.2019.1080p") == [UNKNOWN]


def test_imdb_ids_are_normalized_to_seven_digits() -> None:
    assert normalize_imdb_id("4321") == "tt0004321"
    assert normalize_imdb_id("movie") is None
