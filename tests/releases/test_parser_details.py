"""Parser details the corpus does not pin: where a quality was found, and subtitles kept on Raw-HD."""

import pytest

from releases.parsing.quality import parse_quality
from releases.qualities import DetectionSource


@pytest.mark.parametrize(
    ("name", "quality"),
    [
        ("Movie.2019.1080p-GRP", "HDTV-1080p"),
        ("Movie.2019.2160p-GRP", "HDTV-2160p"),
        ("Movie.2019.480p-GRP", "SDTV"),
    ],
    ids=["1080p", "2160p", "480p"],
)
def test_a_resolution_without_a_source_says_the_source_is_unknown(name, quality):
    model = parse_quality(name)

    assert (model.quality.name, model.source_detection, model.resolution_detection) == (
        quality,
        DetectionSource.UNKNOWN,
        DetectionSource.NAME,
    )


def test_raw_hd_keeps_its_hardcoded_subtitles():
    model = parse_quality("Movie.2019.1080i.HDTV.RawHD.HC-GRP")

    assert (model.quality.name, model.hardcoded_subs) == ("Raw-HD", "Generic Hardcoded Subs")
