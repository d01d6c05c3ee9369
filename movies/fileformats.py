"""The custom formats each movie file matches, worked out once and stored on the file.

Radarr parses every file's name again whenever it shows or weighs the file; here the match is stored
(`MovieFile.custom_format_ids`) with a stamp of the custom formats it was made against. A scan or an
import matches its new files at once; a rename matches again; a change to the custom formats leaves
every stamp stale, and the RefreshFileCustomFormats job (queued when formats change, and on a
schedule) matches those files again. Everything that needs a file's formats (the movie JSON, Wanted,
the cutoff rule, decisions, renaming) reads the stored ids.
"""

import hashlib
from collections.abc import Iterable

import orjson

from movies.models import Movie, MovieFile
from radarr.commands import report_progress
from releases.customformats import CompiledFormat, compile_formats, format_input_from_parsed, matching_formats
from releases.models import CustomFormat
from releases.parser import parse_movie_path, parse_movie_title

_BATCH = 500
_compiled: dict[str, list[CompiledFormat]] = {}  # by stamp: formats compile once per process and change


def current_formats() -> tuple[str, list[CompiledFormat]]:
    """The custom formats as they are now, compiled, with their stamp (one query)."""
    rows = list(CustomFormat.objects.order_by("pk").values("id", "name", "specifications"))
    stamp = hashlib.sha256(orjson.dumps(rows)).hexdigest()[:16]
    if stamp not in _compiled:
        _compiled.clear()
        _compiled[stamp] = compile_formats(rows)
    return stamp, _compiled[stamp]


def match_file(movie_file: MovieFile, movie: Movie, formats: list[CompiledFormat]) -> list[int]:
    """The custom formats a file matches, read from its scene name or its file name (as Radarr does)."""
    parsed = parse_movie_title(movie_file.scene_name) if movie_file.scene_name else None
    parsed = parsed or parse_movie_path(movie_file.relative_path)
    if parsed is None:
        return []
    format_input = format_input_from_parsed(
        parsed,
        size=movie_file.size,
        indexer_flags=movie_file.indexer_flags,
        original_language_id=movie.original_language_id,
        movie_year=movie.year,
        file_name=movie_file.relative_path.rsplit("/", 1)[-1],
    )
    return sorted(fmt.id for fmt in matching_formats(formats, format_input) if fmt.id is not None)


def assign_formats(
    files: Iterable[MovieFile], movie: Movie, current: tuple[str, list[CompiledFormat]] | None = None
) -> None:
    """Match new or renamed files (not saved here: the caller saves them with their other fields);
    `current` is current_formats() read once for a batch of movies."""
    stamp, formats = current or current_formats()
    for movie_file in files:
        movie_file.custom_format_ids = match_file(movie_file, movie, formats)
        movie_file.custom_formats_stamp = stamp


# what match_file reads of a file and its movie: whole rows (media info and other JSON) cost more than
# the matching itself
MATCHED_COLUMNS = (
    "movie_id",
    "scene_name",
    "relative_path",
    "size",
    "indexer_flags",
    "custom_format_ids",
    "movie__original_language_id",
    "movie__year",
)


def refresh_file_formats() -> str:
    """RefreshFileCustomFormats: match again every file matched against other custom formats."""
    stamp, formats = current_formats()
    stale = (
        MovieFile.objects.exclude(custom_formats_stamp=stamp)
        .select_related("movie")
        .only(*MATCHED_COLUMNS)
        .order_by("pk")
    )
    total = stale.count()
    changed = matched = 0
    while batch := list(stale[:_BATCH]):
        report_progress(f"Matching files to custom formats: {matched} of {total}")
        moved = []
        for movie_file in batch:
            ids = match_file(movie_file, movie_file.movie, formats)
            if ids != movie_file.custom_format_ids:
                movie_file.custom_format_ids = ids
                moved.append(movie_file)
        # only the files whose formats changed are written one by one; every stamp in one statement,
        # so each batch leaves the stale set and the next slice starts where this one ended
        MovieFile.objects.bulk_update(moved, ["custom_format_ids"])
        MovieFile.objects.filter(pk__in=[movie_file.pk for movie_file in batch]).update(
            custom_formats_stamp=stamp
        )
        changed += len(moved)
        matched += len(batch)
    return f"Matched {matched} file(s) against the custom formats, {changed} changed"
