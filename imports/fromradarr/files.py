"""Movie files, adopted where they are: each checked to exist inside its movie's folder (a missing one
is reported and not recorded), its facts as the source has them (quality, languages, edition, release
group, scene name, media info, date added) and its custom formats matched here again. Matched by movie
and relative path; never moved, renamed, copied or deleted. Written in batches of 500 files, each its
own transaction, checked and matched just before."""

import os
import posixpath
from typing import Any

from django.db.models import Case, Exists, F, Min, OuterRef, Subquery, Sum, When
from django.db.models.functions import Coalesce, Least

from imports.fileproperties import FileProperties, apply_file_properties, file_properties
from imports.fromradarr.library import BATCH, chunks, fit_text_columns, parse_date, visible
from imports.fromradarr.reader import RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState
from movies.fileformats import current_formats, match_file
from movies.models import Movie, MovieFile
from radarr.api.errors import ApiError
from radarr.api.params import InsensitiveDict

FILE_COLUMNS = [
    "size", "date_added", "scene_name", "release_group", "edition", "quality_id", "revision", "language_ids",
    "indexer_flags", "media_info", "original_file_path", "custom_format_ids", "custom_formats_stamp",
]  # fmt: skip


def _source_files(reader: RadarrReader, bodies: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """(source movie id, movie file body): embedded in the movie list, else asked for in batches."""
    files = [(body["id"], body["movieFile"]) for body in bodies if isinstance(body.get("movieFile"), dict)]
    with_file = {movie_id for movie_id, _ in files}
    wanting = [
        b["id"]
        for b in bodies
        if b.get("hasFile") and isinstance(b.get("id"), int) and b["id"] not in with_file
    ]
    for chunk in chunks(wanting, 100):
        files += [(entry.get("movieId"), entry) for entry in reader.get_list("moviefile", movieId=chunk)]
    return files


def import_movie_files(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    bodies = state.source_movies if state.source_movies is not None else reader.get_list("movie")
    source_files = [(state.movies.get(movie_id), body) for movie_id, body in _source_files(reader, bodies)]
    report.found = len(source_files)
    state.progress(f"Movie files: checking {len(source_files):,} files exist and matching custom formats")
    movies = Movie.objects.in_bulk([movie_id for movie_id, _ in source_files if movie_id])
    existing = {(f.movie_id, f.relative_path): f for f in MovieFile.objects.filter(movie_id__in=list(movies))}
    primary = set(
        MovieFile.objects.filter(movie_id__in=list(movies), is_primary=True).values_list(
            "movie_id", flat=True
        )
    )
    stamp, formats = current_formats()
    # batch by batch: a batch's files checked and matched, then written in its own transaction. A run
    # stopped mid-way keeps the batches before: the next run finds those files (by movie and path)
    done = 0
    for batch in chunks(source_files, BATCH):
        new: list[MovieFile] = []
        changed: list[MovieFile] = []
        updated = 0
        for movie_id, body in batch:
            movie = movies.get(movie_id)
            if movie is None:
                report.skip("its movie was not imported")
                continue
            located = _file_row(body, movie, existing, report)
            if located is None:
                continue
            movie_file, properties, full = located
            before = _values(movie_file) if movie_file.pk else None
            _adopt(movie_file, body, properties, full)
            movie_file.custom_format_ids = match_file(movie_file, movie, formats)  # re-evaluated here
            movie_file.custom_formats_stamp = stamp
            if movie_file.pk is None:
                movie_file.is_primary = movie.pk not in primary
                primary.add(movie.pk)
                new.append(movie_file)
            else:
                updated += 1
                if before != _values(movie_file):  # a second run writes only what changed
                    changed.append(movie_file)
        with state.step():
            MovieFile.objects.bulk_create(new)
            if changed:
                MovieFile.objects.bulk_update(changed, FILE_COLUMNS)
            _mark_movies_with_files([movie_id for movie_id, _ in batch if movie_id in movies])
        report.imported, report.updated = report.imported + len(new), report.updated + updated
        done += len(batch)
        report.kept_until = f"file {done:,} of {len(source_files):,}"


def _file_row(
    body: dict[str, Any], movie: Movie, existing: dict[tuple[int, str], MovieFile], report: SectionReport
) -> tuple[MovieFile, FileProperties, str] | None:
    """The file's row (the one here, or a new one), its facts read from the body and its full path; None
    (with the reason) when it is not inside its movie's folder, not on disk, or its facts are refused."""
    relative = str(body.get("relativePath") or "")
    if not relative and body.get("path"):
        relative = posixpath.relpath(str(body["path"]), movie.path)
    relative = posixpath.normpath(relative) if relative else ""
    if not relative or relative.startswith(("/", "../")) or relative in (".", ".."):
        report.skip("no usable path")  # a file outside its movie's folder is never adopted
        report.notice(
            "path", f"{movie.path} → {relative}", "the file's path is not inside its movie's folder"
        )
        return None
    full = posixpath.join(movie.path, relative)
    if len(relative) > MovieFile._meta.get_field("relative_path").max_length:
        report.skip("no usable path")
        return None
    if not os.path.isfile(full):
        if visible(movie.root_folder_path):
            report.notice("path", full, "file not found: not recorded (it may have been moved or deleted)")
            report.skip("file not found")
        else:
            report.skip("in a root folder not visible here")
        return None
    try:
        properties = file_properties(InsensitiveDict(body))
    except ApiError as error:
        report.skip("not accepted here")
        report.notice("invalid", full, error.message)
        return None
    movie_file = existing.get((movie.pk, relative)) or MovieFile(movie=movie, relative_path=relative)
    return movie_file, properties, full


def _adopt(movie_file: MovieFile, body: dict[str, Any], properties: FileProperties, full: str) -> None:
    """The source's facts onto the row (not saved): quality, languages, edition, group, scene name
    (file_properties' own rules), size, date added, media info, original path."""
    apply_file_properties(movie_file, properties)
    movie_file.size = body.get("size") if isinstance(body.get("size"), int) else os.path.getsize(full)
    movie_file.date_added = parse_date(body.get("dateAdded")) or movie_file.date_added
    media_info = body.get("mediaInfo")
    movie_file.media_info = media_info if isinstance(media_info, dict) else movie_file.media_info
    movie_file.original_file_path = str(body.get("originalFilePath") or movie_file.original_file_path)
    fit_text_columns(movie_file, keep=("relative_path",))


def _values(movie_file: MovieFile) -> tuple[Any, ...]:
    return tuple(getattr(movie_file, name) for name in FILE_COLUMNS)


def _mark_movies_with_files(movie_ids: list[int]) -> None:
    """has_file, size_on_disk and first_imported as a scan leaves them (movies.scanning.update_file_state),
    set in one statement per batch rather than per movie."""
    files = MovieFile.objects.filter(movie=OuterRef("pk")).order_by().values("movie")
    total = Subquery(files.annotate(total=Sum("size")).values("total"))
    oldest = Subquery(files.annotate(oldest=Min("date_added")).values("oldest"))
    for chunk in chunks(movie_ids):
        Movie.objects.filter(pk__in=chunk).update(
            has_file=Exists(files),
            size_on_disk=Coalesce(total, 0),
            first_imported=Case(
                When(first_imported__isnull=True, then=oldest),
                default=Least(F("first_imported"), Coalesce(oldest, F("first_imported"))),
            ),
        )
