"""`manage.py parse_release`: release titles on stdin, one JSON object per line on stdout.

The top-level quality, group, languages, edition and hardcoded subs come from their own parsers, so
they are filled even when the title as a whole does not parse (as Radarr reads file names).
"""

import sys
from typing import Any

import orjson
from django.core.management.base import BaseCommand

from releases.parse_resources import language_resources, parsed_movie_info_resource, quality_model_resource
from releases.parser import (
    parse_edition,
    parse_hardcoded_subs,
    parse_languages,
    parse_movie_title,
    parse_quality,
    parse_release_group,
)


def describe_title(title: str) -> dict[str, Any]:
    info = parse_movie_title(title)
    if info is not None:
        quality, group, languages = info.quality, info.release_group, info.languages
        edition, hardcoded_subs = info.edition, info.hardcoded_subs
    else:
        quality, group, languages = parse_quality(title), parse_release_group(title), parse_languages(title)
        edition, hardcoded_subs = parse_edition(title), parse_hardcoded_subs(title)
    return {
        "title": title,
        "parsedMovieInfo": parsed_movie_info_resource(info) if info is not None else None,
        "quality": quality_model_resource(quality),
        "releaseGroup": group,
        "languages": language_resources(languages),
        "edition": edition,
        "hardcodedSubs": hardcoded_subs,
    }


class Command(BaseCommand):
    help = "Parse release titles read from stdin (one per line) and print one JSON object per line."

    def handle(self, *args: object, **options: object) -> None:
        output = sys.stdout.buffer
        for line in sys.stdin:
            title = line.rstrip("\r\n")
            if not title.strip():
                continue
            output.write(orjson.dumps(describe_title(title)) + b"\n")
        output.flush()
