"""How long the decision engine takes for 1,000 releases against a profile scoring 40 custom formats.

Run from the repository root: `.venv/bin/python -m bench.decision_bench`. With the team's shared
fixtures beside the repository it uses 40 real TRaSH-guides formats; without them, 40 formats of the
same kinds (title regexes, sources, resolutions, groups) generated here. Each release is parsed, matched
against every format, scored and run through every rule, as an RSS sync does.
"""

import json
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

import django

from bench.parser_bench import sample_titles
from tests.shared import SHARED_FIXTURES

COUNT = 1000
FORMAT_COUNT = 40


def trash_formats() -> list[dict] | None:
    folder = SHARED_FIXTURES / "trash-guides" / "cf"
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("*.json"))[:FORMAT_COUNT]
    return [{"id": n, **json.loads(path.read_text())} for n, path in enumerate(files, start=1)]


def generated_formats() -> list[dict]:
    words = ["x265", "HDR", "DV", "Atmos", "REMUX", "AMZN", "NF", "10bit", "IMAX", "Hybrid"]
    formats = []
    for n in range(1, FORMAT_COUNT + 1):
        word = words[n % len(words)]
        specification = {"name": word, "implementation": "ReleaseTitleSpecification", "negate": False}
        specification |= {"required": False, "fields": {"value": rf"(?<=\b|[._-]){word}{n % 3 or ''}\b"}}
        formats.append({"id": n, "name": f"{word} {n}", "specifications": [specification]})
    return formats


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    django.setup()  # the custom formats package also holds the code that saves them
    from releases import qualities as q
    from releases.customformats.matching import compile_formats
    from releases.decisions.context import Context, MovieFacts, ProfileFacts, SizeLimits
    from releases.decisions.engine import decide
    from releases.defaults import profile_items
    from releases.releaseinfo import ReleaseInfo

    formats = trash_formats()
    source = "TRaSH-guides" if formats else "generated"
    formats = formats or generated_formats()
    rng = random.Random(3)
    items, cutoff = profile_items([quality for quality in q.QUALITIES if quality.id], q.BLURAY_1080P)
    scores = {custom_format["id"]: rng.randint(-100, 100) for custom_format in formats}
    profile = ProfileFacts(1, "Any", True, cutoff, tuple(items), format_scores=scores)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    limits = {
        d.quality.id: SizeLimits(d.min_size, d.preferred_size, d.max_size)
        for d in q.DEFAULT_QUALITY_DEFINITIONS
    }
    movie = MovieFacts(id=1, title="Movie", year=2020, quality_profile_id=1, runtime=120)
    releases = [
        ReleaseInfo(
            guid=str(n),
            title=title,
            size=rng.randint(1, 60) * 1024**3,
            protocol=rng.choice(["usenet", "torrent"]),
            publish_date=now - timedelta(hours=rng.randint(1, 2000)),
            seeders=rng.randint(0, 500),
        )
        for n, title in enumerate(sample_titles(COUNT, seed=11))
    ]
    timings = []
    for _ in range(5):
        context = Context(
            profiles={1: profile}, size_limits=limits, formats=compile_formats(formats), now=now
        )
        started = time.perf_counter()
        decisions = decide([(release, movie) for release in releases], context)
        timings.append(time.perf_counter() - started)
    approved = sum(decision.approved for decision in decisions)
    print(
        f"decisions: {COUNT} releases x {len(formats)} {source} formats in "
        f"{statistics.median(timings):.3f} s (median of 5; {approved} approved)"
    )


if __name__ == "__main__":
    main()
