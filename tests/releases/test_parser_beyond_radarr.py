"""Where Radarr's parser is wrong and ours is not (issue 22): one test per class of names, each run over
variants (titles, separators, qualities, groups), not only the example that showed the class.

Radarr's own cases stay in test_parser.py; its agreement there is what keeps these fixes honest.
"""

import itertools
from typing import Any

import pytest

from releases.parser import parse_movie_title, parse_quality, parse_release_group

SEPARATORS = (".", " ")
GROUPS = ("NOVA", "FLUX", "SiGMA")


def _name(words: list[str], separator: str) -> str:
    return separator.join(words)


def _parse(title: str) -> Any:
    parsed = parse_movie_title(title)
    assert parsed is not None, title
    return parsed


# --- a title ending in a number, then the year in brackets ------------------------------------------------
NUMBERED_TITLES = (
    ("Blade Runner 2049", 2017),
    ("Wonder Woman 1984", 2020),
    ("Death Race 2000", 1975),
    ("Space Station 1999", 2004),
    ("Escape 1850", 2011),
)
NUMBERED_VARIANTS = [
    (title, year, separator, brackets, tail)
    for (title, year), separator, brackets, tail in itertools.product(
        NUMBERED_TITLES,
        SEPARATORS,
        ("()", "[]"),
        ("1080p BluRay x264-NOVA", "2160p WEB-DL DDP5.1 HEVC-FLUX", "(1080p BluRay x265 10bit Tigole)", ""),
    )
]


@pytest.mark.parametrize(("title", "year", "separator", "brackets", "tail"), NUMBERED_VARIANTS)
def test_a_number_at_the_end_of_the_title_stays_in_it(
    title: str, year: int, separator: str, brackets: str, tail: str
) -> None:
    words = title.split(" ")
    name = _name([*words, f"{brackets[0]}{year}{brackets[1]}", *tail.split(" ")], separator).strip(separator)
    parsed = _parse(name)
    assert parsed.primary_movie_title == title, name
    assert parsed.year == year, name


@pytest.mark.parametrize(
    "name",
    ["Movie Title 2019 (2019) 1080p BluRay", "1917 (2019) 1080p BluRay x264-NOVA", "Movie.Title.2019.1080p"],
)
def test_a_repeated_year_or_a_number_title_keeps_radarrs_reading(name: str) -> None:
    parsed = _parse(name)
    assert str(parsed.year) not in parsed.primary_movie_title or parsed.primary_movie_title == "1917"


# --- resolutions glued to the next tag, and frame sizes -----------------------------------------------------
GLUED = [
    ("1080p10bit", "BluRay", "Bluray-1080p"),
    ("2160p10bit", "WEB-DL", "WEBDL-2160p"),
    ("720pHEVC", "WEBRip", "WEBRip-720p"),
    ("2160pHDR", "BluRay", "Bluray-2160p"),
    ("1080px265", "WEB-DL", "WEBDL-1080p"),
    ("1080pBluRay", "x264", "Bluray-1080p"),
    ("WEBRip1080p", "x264", "WEBRip-1080p"),
    ("WEB-DL2160p", "HEVC", "WEBDL-2160p"),
]


@pytest.mark.parametrize(("glued", "other", "quality"), GLUED)
@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("group", GROUPS)
def test_a_resolution_glued_to_a_tag_is_read(
    glued: str, other: str, quality: str, separator: str, group: str
) -> None:
    name = _name(["Harbor", "Lights", "2019", glued, other], separator) + f"-{group}"
    parsed = _parse(name)
    assert parsed.quality.quality.name == quality, name
    assert parsed.release_group == group


FRAMES = [
    ("4096x2160", 2160),
    ("3840x2160", 2160),
    ("3840x1600", 2160),
    ("1920x1080", 1080),
    ("1920x800", 1080),
    ("2560x1440", 1080),
    ("1280x720", 720),
    ("1280x536", 720),
]


@pytest.mark.parametrize(("frame", "resolution"), FRAMES)
@pytest.mark.parametrize(
    ("source", "quality_prefix"),
    [("BluRay", "Bluray"), ("WEB-DL", "WEBDL"), ("WEBRip", "WEBRip"), ("", "HDTV")],
)
@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_frame_size_names_the_resolution(
    frame: str, resolution: int, source: str, quality_prefix: str, separator: str
) -> None:
    name = _name([w for w in ["Quiet", "Orchard", "2018", frame, source, "x265"] if w], separator) + "-NOVA"
    quality = parse_quality(name).quality
    assert quality.resolution == resolution, name
    assert quality.name.startswith(quality_prefix), name


# --- "[Group] Title BD 1080p HEVC" is an encode, not a disc ---
@pytest.mark.parametrize("group", ["SubTeam", "Judas", "Anime Time"])
@pytest.mark.parametrize(
    "body",
    [
        "Starlit Garden (2012) BD 1080p HEVC",
        "Starlit Garden (2012) [BD 1080p HEVC FLAC]",
        "Starlit Garden - The Movie (2012) (BD 1080p HEVC 10bit Dual Audio)",
        "Starlit Garden 2012 BluRay 1080p HEVC AAC",
    ],
)
def test_a_bracketed_group_before_a_1080p_hevc_encode_is_no_disc(group: str, body: str) -> None:
    name = f"[{group}] {body}"
    assert parse_quality(name).quality.name == "Bluray-1080p", name


def test_a_1080p_avc_disc_is_still_a_disc() -> None:
    assert parse_quality("[SubTeam] Starlit Garden (2012) BD 1080p AVC").quality.name == "BR-DISK"


# --- editions Radarr misspells or misses ----------------------------------------------------------------
EDITIONS = [
    ("THE.ROGUE.CUT", "ROGUE CUT"),
    ("The.Rogue.Cut", "Rogue Cut"),
    ("Rogue.Edition", "Rogue Edition"),
    ("Producers.Cut", "Producers Cut"),
    ("Definitive.Edition", "Definitive Edition"),
    ("International.Version", "International Version"),
    ("Alternate.Cut", "Alternate Cut"),
    ("Noir.Edition", "Noir Edition"),
    ("Black.and.Chrome.Edition", "Black and Chrome Edition"),
    ("Black.and.Chrome", "Black and Chrome"),
    ("Redux", "Redux"),
    ("Criterion.Collection", "Criterion Collection"),
    ("Super.Duper.Cut", "Super Duper Cut"),
]


@pytest.mark.parametrize(("written", "edition"), EDITIONS)
@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("after_year", [True, False])
def test_common_editions_are_read(written: str, edition: str, separator: str, after_year: bool) -> None:
    words = written.split(".")
    middle = ["2014", *words] if after_year else [*words, "2014"]
    name = _name(["Future", "Past", *middle, "1080p", "BluRay", "x264"], separator) + "-NOVA"
    parsed = _parse(name)
    assert parsed.edition == edition.replace(".", " "), name
    assert parsed.primary_movie_title == "Future Past", name
    assert parsed.year == 2014


# --- YTS-style names: the group in front, tags in brackets behind ---
@pytest.mark.parametrize("group", ["YTS.MX", "YTS.AM", "YTS.LT", "YTS.AG", "YTS"])
@pytest.mark.parametrize(
    "body",
    [
        "Harbor Lights (2001) [1080p] [BluRay]",
        "Harbor Lights (2001) [720p] [WEBRip]",
        "Harbor Lights (2019) [2160p] [4K] [WEB] [5.1]",
        "Harbor.Lights.2001.1080p.BluRay.x264",
    ],
)
def test_the_group_of_a_yts_style_name_is_the_leading_bracket(group: str, body: str) -> None:
    name = f"[{group}] {body}"
    assert _parse(name).release_group == group, name
    assert parse_release_group(name) == group, name


@pytest.mark.parametrize("tag", ["BluRay", "WEBRip", "WEB", "1080p", "x265", "3840x2160", "HEVC"])
def test_a_tag_in_the_last_bracket_is_no_group(tag: str) -> None:
    assert parse_release_group(f"Harbor Lights (2001) [1080p] [{tag}]") is None


# --- languages of Radarr's list its parser cannot read ----------------------------------------------------
LANGUAGE_TAGS = {
    "Lithuanian": ["Lithuanian", "LIT", "LT"],
    "Estonian": ["Estonian", "EST", "Eesti"],
    "Czech": ["Czech", "CZE", "CZ", "Cesky"],
    "Croatian": ["Croatian", "HRV", "CRO", "Hrvatski"],
    "Serbian": ["Serbian", "SRP", "Srpski"],
    "Bosnian": ["Bosnian", "BOS"],
    "Indonesian": ["Indonesian", "IND"],
    "Macedonian": ["Macedonian", "MKD"],
    "Slovenian": ["Slovenian", "SLV"],
    "Hindi": ["Hindi", "HIN"],
    "Tamil": ["Tamil", "TAM"],
    "Telugu": ["Telugu", "TEL"],
    "Malayalam": ["Malayalam", "MAL"],
    "Kannada": ["Kannada", "KAN"],
    "Bengali": ["Bengali", "BEN"],
    "Marathi": ["Marathi", "MAR"],
    "Spanish": ["Spanish", "SPA", "ESP"],
    "Danish": ["Danish", "DAN", "Dansk"],
    "Dutch": ["Dutch", "NLD", "DUT", "Nederlands"],
    "Japanese": ["Japanese", "JPN", "JAP"],
    "Icelandic": ["Icelandic", "ISL"],
    "Chinese": ["Chinese", "CHI"],
    "Swedish": ["Swedish", "SWE", "Svenska"],
    "Norwegian": ["Norwegian", "NOR", "Norsk"],
    "Finnish": ["Finnish", "FIN", "Suomi"],
    "Turkish": ["Turkish", "TUR"],
    "Portuguese": ["Portuguese", "POR"],
    "Greek": ["Greek", "GRE"],
    "Hebrew": ["Hebrew", "HEB"],
    "Romanian": ["Romanian", "RUM", "RON"],
    "Thai": ["Thai", "THA"],
    "Bulgarian": ["Bulgarian", "BUL"],
    "Arabic": ["Arabic", "ARA"],
    "Persian": ["Persian", "PER", "Farsi"],
    "Slovak": ["Slovak", "SLK", "SK"],
    "Albanian": ["Albanian", "ALB"],
    "Afrikaans": ["Afrikaans", "AFR"],
    "Tagalog": ["Tagalog", "TGL", "Filipino"],
    "Urdu": ["Urdu", "URD"],
    "Mongolian": ["Mongolian", "MON"],
    "German": ["German", "GER", "Deutsch"],
    "Italian": ["Italian", "ITA", "Italiano"],
    "Polish": ["Polish", "POL", "Polski"],
    "Hungarian": ["Hungarian", "HUN", "Magyar"],
    "English": ["English", "ENG"],
}
LANGUAGE_CASES = [(language, tag) for language, tags in LANGUAGE_TAGS.items() for tag in tags]


@pytest.mark.parametrize(("language", "tag"), LANGUAGE_CASES)
@pytest.mark.parametrize(
    "template",
    [
        "Quiet.Orchard.2019.{tag}.1080p.WEB-DL.H.264-NOVA",
        "Quiet Orchard (2019) 1080p BluRay {tag} AAC 5.1 - FLUX",
        "Quiet.Orchard.2019.1080p.WEBRip.x264.{tag}.AAC-SiGMA",
    ],
)
def test_each_language_is_read_by_its_common_tags(language: str, tag: str, template: str) -> None:
    name = template.format(tag=tag)
    assert language in [found.name for found in _parse(name).languages], name


@pytest.mark.parametrize(
    ("name", "languages"),
    [
        ("Quiet Orchard 2019 1080p WEB-DL Multi Eng Hin Tam", ["English", "Hindi", "Tamil"]),
        (
            "Quiet.Orchard.2019.1080p.WEB-DL.Multi.HIN-TAM-TEL-ENG.DD5.1-NOVA",
            ["Hindi", "Tamil", "Telugu", "English"],
        ),
        (
            "Quiet Orchard (2019) [Hin + Tam + Mal + Kan] 720p WEBRip",
            ["Hindi", "Tamil", "Malayalam", "Kannada"],
        ),
        ("Quiet.Orchard.2019.1080p.BluRay.EST.LIT.LAV.Subs-NOVA", ["Estonian", "Lithuanian", "Latvian"]),
    ],
)
def test_several_codes_give_several_languages(name: str, languages: list[str]) -> None:
    assert sorted(found.name for found in _parse(name).languages) == sorted(languages)


@pytest.mark.parametrize(
    "name",
    [
        "The.Czech.Dream.2004.1080p.BluRay.x264-NOVA",  # a language in the title is masked, as in Radarr
        "Ben.and.Mar.Est.2019.1080p.BluRay.x264-NOVA",  # codes in the title are no tags
        "Quiet.Orchard.2019.1080p.BluRay.x264-TAM",  # a group that is a code is no language
        "Quiet.Orchard.2019.1080p.BluRay.x264-ESTONIA",
    ],
)
def test_language_words_outside_the_tags_are_not_languages(name: str) -> None:
    assert [found.name for found in _parse(name).languages] == ["Unknown"], name


# --- superscripts and fractions next to the year ----------------------------------------------------------
@pytest.mark.parametrize("mark", ["²", "³", "¹", "½", "¼", "⁴"])
@pytest.mark.parametrize(
    "template",
    [
        "Quiet Orchard (2016{mark}) 1080p BluRay",
        "Quiet.Orchard.2016{mark}.1080p.WEB-DL-NOVA",
        "Quiet Orchard [{mark}2016]",
    ],
)
def test_a_mark_next_to_the_year_is_ignored(mark: str, template: str) -> None:
    name = template.format(mark=mark)
    parsed = _parse(name)
    assert parsed.year == 2016, name
    assert parsed.primary_movie_title == "Quiet Orchard", name
