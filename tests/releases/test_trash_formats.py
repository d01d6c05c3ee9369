"""The TRaSH Guides' 242 Radarr custom formats: each imports unchanged, round-trips, and scores as read.

Reads ../shared/fixtures/trash-guides/cf; skipped on a clone without the shared folder.
"""

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from releases.customformats import compile_formats, format_input_from_parsed, matching_formats
from releases.customformats.dotnet_regex import pattern_error
from releases.parser import parse_movie_title
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = requires_shared

TRASH_CF = SHARED_FIXTURES / "trash-guides" / "cf"
TRASH_FILES = sorted(TRASH_CF.glob("*.json")) if TRASH_CF.is_dir() else []
GB = 1024**3


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_guides_ship_242_radarr_formats():
    assert len(TRASH_FILES) == 242


@pytest.mark.django_db
def test_every_trash_format_imports_unchanged_and_round_trips(api_client):
    problems = []
    for path in TRASH_FILES:
        original = load(path)
        response = api_client.post(
            "/api/v3/customformat", data=path.read_bytes(), content_type="application/json"
        )
        if response.status_code != 201:
            problems.append(f"{path.name}: {response.status_code} {response.content[:200]!r}")
            continue
        fetched = api_client.get(f"/api/v3/customformat/{response.json()['id']}").json()
        # compared as JSON text, so an int that came back as a float or a string counts as different
        if json.dumps(as_export(fetched, original), sort_keys=True) != json.dumps(
            original["specifications"], sort_keys=True
        ):
            problems.append(f"{path.name}: came back different")

    assert problems == []


def as_export(resource: dict[str, Any], original: dict[str, Any]) -> list[dict[str, Any]]:
    """The API resource in the export's terms, with the fields the original named (Radarr adds defaults)."""
    return [
        {
            "name": spec["name"],
            "implementation": spec["implementation"],
            "negate": spec["negate"],
            "required": spec["required"],
            "fields": {
                field["name"]: field.get("value")
                for field in spec["fields"]
                if field["name"] in given["fields"]
            },
        }
        for spec, given in zip(resource["specifications"], original["specifications"], strict=True)
    ]


def test_every_trash_regex_compiles():
    broken = [
        (path.name, spec["fields"]["value"], error)
        for path in TRASH_FILES
        for spec in load(path)["specifications"]
        if isinstance(spec["fields"].get("value"), str) and (error := pattern_error(spec["fields"]["value"]))
    ]

    assert broken == []


@pytest.fixture(scope="module")
def trash_formats() -> list[Any]:
    return compile_formats([load(path) | {"id": index} for index, path in enumerate(TRASH_FILES, start=1)])


# Each name with formats a reader of the guides' regexes expects it to match, and some it must not.
SCORED_RELEASES = [
    (
        "Dune.Part.Two.2024.2160p.UHD.BluRay.REMUX.HDR.DV.TrueHD.Atmos.7.1-FraMeSToR",
        {"Remux Tier 01", "HDR", "DV Boost", "TrueHD ATMOS", "7.1 Surround", "2160p", "FraMeSToR"},
        {"x265", "LQ"},
    ),
    (
        "Oppenheimer.2023.1080p.AMZN.WEB-DL.DDP5.1.H.265-FLUX",
        {"AMZN", "WEB Tier 01", "x265", "x265 (HD)", "DD+", "5.1 Surround", "1080p"},
        {"x264", "HDR"},
    ),
    ("The.Matrix.1999.1080p.BluRay.x264-SPARKS", {"x264", "1080p"}, {"x265", "Remux Tier 01", "LQ"}),
    (
        "Blade.Runner.1982.The.Final.Cut.1080p.BluRay.DTS-HD.MA.5.1.x264-DON",
        {"HD Bluray Tier 01", "DTS-HD MA", "x264"},
        {"DTS X"},
    ),
    ("Inception.2010.1080p.NF.WEB-DL.DDP5.1.x264-NTb", {"NF", "WEB Tier 01", "DD+", "x264"}, {"AMZN"}),
    ("Arrival.2016.720p.BluRay.x264-SPARKS", {"720p", "x264"}, {"1080p"}),
    (
        "Top.Gun.Maverick.2022.IMAX.2160p.DSNP.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX",
        {"DSNP", "IMAX Enhanced", "DD+ ATMOS", "HDR", "DV Boost", "x265"},
        {"DD+", "TrueHD ATMOS"},
    ),
    ("Movie.2021.1080p.BluRay.AVC.DTS-HD.MA.5.1-FGT", {"BR-DISK"}, {"Remux Tier 01"}),
    ("Movie.2019.COMPLETE.UHD.BLURAY-GUHZER", {"BR-DISK"}, {"x265"}),
    ("Movie.2018.3D.1080p.BluRay.Half-SBS.x264-YTS", {"3D", "LQ"}, set()),
    ("Movie.2020.1080p.WEBRip.x264.AAC-YTS.MX", {"LQ", "AAC"}, {"WEB Tier 01"}),
    ("Movie.2017.REPACK.1080p.BluRay.x264-SPARKS", {"Repack/Proper"}, {"Repack2"}),
    ("Movie.2015.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-EPSiLON", {"Remux Tier 03", "DTS-HD MA"}, {"BR-DISK"}),
    (
        "Movie.2022.2160p.ATVP.WEB-DL.DDP5.1.Atmos.DV.H.265-CMRG",
        {"ATVP", "DV (w/o HDR fallback)", "DD+ ATMOS"},
        {"HDR"},
    ),
    ("Movie.2016.1080p.HMAX.WEB-DL.DD5.1.H.264-NTb", {"HMAX", "DD", "WEB Tier 01"}, {"DD+"}),
    (
        "Movie.2014.Criterion.Collection.1080p.BluRay.FLAC.1.0.x264-CtrlHD",
        {"Criterion Collection", "FLAC", "1.0 Mono", "HD Bluray Tier 01"},
        {"5.1 Surround"},
    ),
    (
        "Movie.1985.Remastered.1080p.BluRay.DTS.5.1.x264-DON",
        {"Remaster", "DTS"},
        {"4K Remaster", "DTS-HD MA"},
    ),
    (
        "Movie.2023.2160p.WEB-DL.DV.HDR10Plus.DDP5.1.Atmos.H.265-HONE",
        {"HDR10+ Boost", "HDR", "DV Boost", "WEB Tier 01"},
        {"SDR"},
    ),
    ("Movie.2013.1080p.BluRay.x264.DTS-X.7.1-HiFi", {"DTS X", "7.1 Surround", "HD Bluray Tier 03"}, {"DTS"}),
    (
        "Movie.2012.Open.Matte.1080p.WEB-DL.AAC2.0.H.264-playWEB",
        {"Open Matte", "2.0 Stereo", "AAC"},
        {"IMAX"},
    ),
    ("Movie.2011.1080p.HDTV.x264.MP3-RARBG", {"MP3", "LQ"}, set()),
    (
        "Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.DTS-X.7.1-BLURANiUM",
        {"Remux Tier 01", "DTS X", "HDR"},
        {"x265", "x265 (HD)"},
    ),
    ("Movie.2020.720p.WEB-DL.x265.HEVC-PSA", {"x265 (HD)", "LQ"}, set()),
    ("Movie.2021.Hybrid.1080p.BluRay.DDP5.1.x264-ZQ", {"Hybrid", "HD Bluray Tier 01"}, set()),
    (
        "Movie.2010.2160p.MA.WEB-DL.TrueHD.Atmos.7.1.DV.HEVC-SiC",
        {"MA", "TrueHD ATMOS", "WEB Tier 01"},
        {"AMZN"},
    ),
    ("Movie.2022.1080p.WEB.h264-EDITH", {"Scene", "x264"}, {"x265"}),
]


@pytest.mark.parametrize(
    ("title", "expected", "unexpected"), SCORED_RELEASES, ids=[r[0] for r in SCORED_RELEASES]
)
def test_trash_formats_match_what_their_regexes_say(trash_formats, title, expected, unexpected):
    parsed = parse_movie_title(title)
    # an English film released in English, as Radarr assumes once it has matched the movie
    release = replace(format_input_from_parsed(parsed, size=20 * GB), languages=(1,), original_language_id=1)

    matched = {fmt.name for fmt in matching_formats(trash_formats, release)}

    assert expected <= matched, f"missing {expected - matched}"
    assert not unexpected & matched, f"unexpected {unexpected & matched}"


def test_every_expected_name_is_a_real_trash_format():
    names = {load(path)["name"] for path in TRASH_FILES}

    mentioned = {name for _, expected, unexpected in SCORED_RELEASES for name in expected | unexpected}

    assert mentioned <= names, mentioned - names
