"""Radarr's own parser test cases (the shared dev corpus), one parametrized test per case.

Each line of radarr-parser-dev.jsonl names the Radarr entry point (`api`) and only the fields Radarr's test
asserts (`expect`). Cases we knowingly parse differently are listed with a reason in
parser_known_differences.json and run as strict xfails, so fixing one is noticed.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from releases.parser import (
    normalize_imdb_id,
    parse_languages,
    parse_movie_path,
    parse_movie_title,
    parse_quality,
    parse_release_group,
    parse_subtitle_info,
    parse_subtitle_language,
)
from releases.qualities import QualityModel
from tests.shared import SHARED_FIXTURES, requires_shared

CORPUS = SHARED_FIXTURES / "radarr-parser-dev.jsonl"
KNOWN_DIFFERENCES: dict[str, str] = json.loads(
    (Path(__file__).parent / "parser_known_differences.json").read_text(encoding="utf-8")
)


def _corpus_params() -> list[Any]:
    if not CORPUS.is_file():
        return [pytest.param(None, id="corpus-absent", marks=pytest.mark.skip(reason=f"{CORPUS} is absent"))]
    params = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = []
        if case["id"] in KNOWN_DIFFERENCES:
            marks.append(pytest.mark.xfail(reason=KNOWN_DIFFERENCES[case["id"]], strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def _quality_fields(model: QualityModel) -> dict[str, Any]:
    revision = model.revision
    return {
        "quality": model.quality.name,
        "source": model.quality.source.name,
        "resolution": model.quality.resolution,
        "modifier": model.quality.modifier.name,
        "version": revision.version,
        "proper": revision.version > 1,
        "repack": revision.is_repack,
        "source_detection": model.source_detection.value.capitalize(),
        "resolution_detection": model.resolution_detection.value.capitalize(),
    }


def _movie_fields(title: str, is_dir: bool = False, path: bool = False) -> dict[str, Any]:
    parsed = parse_movie_path(title) if path else parse_movie_title(title, is_dir=is_dir)
    if parsed is None:
        return {"parse_null": True}
    languages = [language.name for language in parsed.languages]
    return {
        "parse_null": False,
        "movie_title": parsed.primary_movie_title,
        "movie_titles": parsed.movie_titles,
        "year": parsed.year,
        "edition": parsed.edition,
        "group": parsed.release_group,
        "quality": parsed.quality.quality.name,
        "languages_contain": languages,
        "languages_exact": languages,
        "hardcoded_subs": parsed.hardcoded_subs,
        "imdb_id": parsed.imdb_id,
        "tmdb_id": parsed.tmdb_id,
    }


def _language_fields(title: str) -> dict[str, Any]:
    languages = [language.name for language in parse_languages(title)]
    return {"languages_contain": languages, "languages_exact": languages, "languages_first": languages[0]}


def _subtitle_fields(title: str) -> dict[str, Any]:
    info = parse_subtitle_info(title)
    return {
        "subtitle_language": info.language.name,
        "subtitle_tags": info.tags,
        "subtitle_title": info.title,
        "subtitle_raw_title": info.raw_title,
    }


ACTUAL: dict[str, Callable[[str], dict[str, Any]]] = {
    "parse_quality": lambda title: _quality_fields(parse_quality(title)),
    "parse_movie_title": _movie_fields,
    "parse_movie_title_dir": lambda title: _movie_fields(title, is_dir=True),
    "parse_movie_path": lambda title: _movie_fields(title, path=True),
    "parse_release_group": lambda title: {"group": parse_release_group(title)},
    "parse_languages": _language_fields,
    "parse_subtitle_info": _subtitle_fields,
    "parse_subtitle_language": lambda title: {"subtitle_language": parse_subtitle_language(title).name},
    "normalize_imdb_id": lambda title: {"normalized_imdb_id": normalize_imdb_id(title)},
}


@requires_shared
@pytest.mark.parametrize("case", _corpus_params())
def test_parser_matches_radarr(case: dict[str, Any]) -> None:
    actual = ACTUAL[case["api"]](case["title"])

    for name, expected in case["expect"].items():
        if name == "languages_contain":
            assert set(expected) <= set(actual[name]), f"{name}: {actual[name]} lacks {expected}"
        elif name == "languages_exact":
            assert sorted(actual[name]) == sorted(expected), name
        else:
            assert actual.get(name) == expected, f"{name}: got {actual.get(name)!r}, Radarr says {expected!r}"
