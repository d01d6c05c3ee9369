"""How many release titles the parser reads per second on one core.

Run from the repository root: `.venv/bin/python -m bench.parser_bench [seconds]`. The titles are generated
(scene-style names with the usual mix of sources, editions, languages and groups, plus some junk that must
not parse), so the benchmark needs no shared fixtures. Each title goes through `parse_movie_title`, which
also parses quality, languages, group and edition: the work an RSS sync does per release.
"""

import random
import sys
import time

from releases.parser import parse_movie_title

_WORDS = [
    "Harbor",
    "Lights",
    "The",
    "Quiet",
    "Orchard",
    "Silver",
    "Night",
    "of",
    "Paper",
    "Moons",
    "Last",
    "Garden",
]
_TAGS = [
    "1080p.BluRay.x264",
    "2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1",
    "720p.WEB-DL.DD5.1.H.264",
    "1080p.AMZN.WEB-DL.DDP5.1.H.264",
    "2160p.NF.WEB.DV.HDR.H.265",
    "1080p.WEBRip.x265.10bit.AAC5.1",
    "DVDRip.XviD",
    "720p.HDTV.x264",
    "1080p.Blu-ray.AVC.DTS-HD.MA.5.1",
    "HDCAM.x264",
]
_EXTRAS = ["", "", "", "PROPER.", "REPACK.", "EXTENDED.", "Directors.Cut.", "German.DL.", "FRENCH.", "IMAX."]
_GROUPS = ["NOVA", "SPARKS", "FLUX", "NTb", "GECKOS", "EVO-Obfuscated", "TiMELiNE"]
_JUNK = [
    "d41d8cd98f00b204e9800998ecf8427e",
    "Harbor.Lights.1080p.BluRay.x264-NOVA",
    "a1b2c3d4e5f6a7b8c9d0e1f2",
]


def sample_titles(count: int = 2000, seed: int = 7) -> list[str]:
    """Reproducible scene-style release names, about 5% of them unparseable junk."""
    rng = random.Random(seed)
    titles = []
    for index in range(count):
        if index % 20 == 0:
            titles.append(rng.choice(_JUNK))
            continue
        name = ".".join(rng.sample(_WORDS, rng.randint(1, 4)))
        year = rng.randint(1950, 2025)
        titles.append(f"{name}.{year}.{rng.choice(_EXTRAS)}{rng.choice(_TAGS)}-{rng.choice(_GROUPS)}")
    return titles


def titles_per_second(titles: list[str], seconds: float = 3.0) -> float:
    for title in titles:  # warm up: compile the per-title pattern caches once
        parse_movie_title(title)
    parsed = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for title in titles:
            parse_movie_title(title)
        parsed += len(titles)
    return parsed / (time.perf_counter() - started)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    print(f"parser: {titles_per_second(sample_titles(), seconds):,.0f} titles/s")


if __name__ == "__main__":
    main()
