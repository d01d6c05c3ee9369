"""Root folders, the movie library and its files, and list exclusions.

Files stay where they are: a movie's folder and files are adopted at the paths the source gives,
checked for existence (a missing one is reported and not recorded), never moved, renamed, copied or
deleted. Movies match by TMDB id, files by their movie and relative path. Written in batches of 500
movies, each batch its own transaction (a SQLite install's other writers wait for one batch, not for
the library): a library of 10,000 movies is a few hundred statements, not tens of thousands. Their
files: `files`.
"""

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from imports.fromradarr.reader import RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState
from movies.api.movies import metadata_from_resource, minimum_availability
from movies.library import add_exclusion, add_root_folder
from movies.metadata import MovieMetadata
from movies.models import AlternativeTitle, Collection, ImportExclusion, Movie, RootFolder
from movies.refresh import apply_metadata
from movies.titles import clean_title, sort_title
from radarr.api.errors import ApiError
from radarr.api.params import InsensitiveDict

BATCH = 500
HIDDEN_ROOT_HINT = (
    "mount it at the same path, or add a remote path mapping (Settings → Download Clients) and point the "
    "movies at the folder as this machine sees it; run the move-in again to adopt their files"
)
# the library's own columns a move-in writes on a movie already here (metadata comes with them)
MOVIE_COLUMNS = [
    "imdb_id", "title", "sort_title", "clean_title", "original_title", "original_language_id", "year",
    "secondary_year", "overview", "runtime", "status", "in_cinemas", "digital_release", "physical_release",
    "certification", "genres", "keywords", "studio", "website", "youtube_trailer_id", "images", "ratings",
    "popularity", "collection", "add_options", "monitored", "minimum_availability", "quality_profile",
    "root_folder_path", "path", "added",
]  # fmt: skip


def parse_date(value: Any) -> datetime | None:
    """An aware datetime from the API's ISO text (`2020-01-01T10:00:00Z`); None when unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, timezone.UTC)


# ---- root folders


def visible(path: str) -> bool:
    return bool(path) and os.path.isdir(path)


def import_root_folders(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    known = set(RootFolder.objects.values_list("path", flat=True))
    for body in reader.get_list("rootfolder"):
        report.found += 1
        path = str(body.get("path") or "").rstrip("/") or "/"
        if path in known:
            report.updated += 1
            continue
        if not visible(path):
            report.skip("not visible from this machine")
            report.notice(
                "root folder",
                path,
                f"not found on this machine: {HIDDEN_ROOT_HINT}",
            )
            continue
        try:
            add_root_folder(path)
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", path, error.message)
            continue
        known.add(path)
        report.imported += 1


# ---- movies


def chunks(items: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Adopted:
    """A source movie on its way in: its body, its row (saved or not), what the row held before."""

    body: dict[str, Any]
    movie: Movie
    before: tuple[Any, ...] | None  # the row's written columns before, None for a new movie
    metadata: MovieMetadata  # its collection and alternative titles are written after the rows

    @property
    def changed(self) -> bool:
        return self.before is None or self.before != _values(self.movie)


def _movie_row(body: dict[str, Any], profile_id: int, movie: Movie | None) -> tuple[Movie, MovieMetadata]:
    """The movie as the source has it, over the row already here (if any); not saved."""
    metadata = metadata_from_resource(InsensitiveDict(body))
    movie = movie or Movie()
    options = body.get("addOptions")  # how it came (`addMethod: list` lets list cleaning act on it)
    movie.add_options = options if isinstance(options, dict) else movie.add_options or {}
    apply_metadata(movie, metadata)
    movie.monitored = bool(body.get("monitored", True))
    movie.minimum_availability = minimum_availability(body.get("minimumAvailability"))
    movie.quality_profile_id = profile_id
    movie.path = str(body.get("path") or "").rstrip("/")
    movie.root_folder_path = str(body.get("rootFolderPath") or "").rstrip("/") or posixpath.dirname(
        movie.path
    )
    movie.added = parse_date(body.get("added")) or movie.added or timezone.now()
    fit_text_columns(movie, keep=("path", "root_folder_path"))
    return movie, metadata


def fit_text_columns(row: Any, keep: tuple[str, ...] = ()) -> None:
    """Texts cut to their column's length (PostgreSQL refuses a longer one, which would fail the whole
    section); the columns in `keep` are checked by the caller instead (a cut path is another path)."""
    for field in type(row)._meta.concrete_fields:
        value = getattr(row, field.attname)
        limit = getattr(field, "max_length", None)
        if field.name not in keep and isinstance(value, str) and limit and len(value) > limit:
            setattr(row, field.attname, value[:limit])


def _checked(
    body: dict[str, Any], state: ImportState, report: SectionReport, taken: dict[str, int], roots: set[str]
) -> int | None:
    """The movie's profile here, or None (with the reason counted) when it cannot be adopted."""
    tmdb_id = body.get("tmdbId")
    if not isinstance(tmdb_id, int) or tmdb_id <= 0:
        report.skip("no TMDB id")
        return None
    profile_id = state.quality_profiles.get(body.get("qualityProfileId"))
    if profile_id is None:
        reason = f"its quality profile (#{body.get('qualityProfileId')} there) was not imported"
        if reason not in report.skip_reasons:  # one notice per profile, not one per movie
            report.notice(
                "invalid", f"Quality profile #{body.get('qualityProfileId')}", f"movies using it: {reason}"
            )
        report.skip(reason)
        return None
    path = str(body.get("path") or "").rstrip("/")
    if len(path) > Movie._meta.get_field("path").max_length:
        report.skip("no usable path")
        report.notice("path", path[:200], "the path is longer than this server keeps")
        return None
    if not path.startswith("/"):
        report.skip("no usable path")
        report.notice("path", f"Movie '{body.get('title')}'", f"path '{path}' is not an absolute path")
        return None
    if path in roots:
        report.skip("no usable path")
        report.notice("path", path, f"'{body.get('title')}' has a root folder as its folder")
        return None
    if taken.get(path, tmdb_id) != tmdb_id:
        report.skip("path used by another movie")
        report.notice("path", path, "another movie here already lives in this folder")
        return None
    return profile_id


def import_movies(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    bodies = reader.get_list("movie")
    state.source_movies = bodies
    report.found = len(bodies)
    state.progress(f"Movies: {len(bodies):,} read from the source; checking their folders and writing")
    existing = {movie.tmdb_id: movie for movie in Movie.objects.all()}
    taken = {movie.path: movie.tmdb_id for movie in existing.values()}
    roots = set(RootFolder.objects.values_list("path", flat=True)) | {"/"}
    wanted: list[tuple[dict[str, Any], int]] = []  # (body, our profile id) of each movie to adopt
    seen: set[int] = set()
    for body in bodies:
        profile_id = _checked(body, state, report, taken, roots)
        if profile_id is None or body["tmdbId"] in seen:
            continue
        seen.add(body["tmdbId"])
        taken[str(body.get("path") or "").rstrip("/")] = body["tmdbId"]
        wanted.append((body, profile_id))
    # batch by batch, each its own transaction, its rows built between the writes: a run stopped mid-way
    # keeps the batches before, and the next run finds them by their TMDB id
    adopted: list[Adopted] = []
    for batch in chunks(wanted, BATCH):
        rows = _adopted(batch, existing, report)
        with state.step():
            _link_collections(rows)
            _write_movies(rows)
            _replace_tags(rows, state)
            _replace_alternative_titles(rows)
        new = sum(entry.before is None for entry in rows)
        report.imported, report.updated = report.imported + new, report.updated + len(rows) - new
        for entry in rows:
            if isinstance(entry.body.get("id"), int):
                state.movies[entry.body["id"]] = entry.movie.pk
        adopted += rows
        report.kept_until = f"movie {len(adopted):,} of {len(wanted):,}"
    _report_missing_folders([entry.movie for entry in adopted], report)


def _adopted(
    batch: list[tuple[dict[str, Any], int]], existing: dict[int, Movie], report: SectionReport
) -> list[Adopted]:
    """The batch's movies as the source has them, over the rows already here (not saved)."""
    adopted = []
    for body, profile_id in batch:
        here = existing.get(body["tmdbId"])
        before = _values(here) if here is not None else None
        try:
            movie, metadata = _movie_row(body, profile_id, here)
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", f"Movie '{body.get('title')}'", error.message)
            continue
        adopted.append(Adopted(body, movie, before, metadata))
    return adopted


def _write_movies(adopted: list[Adopted]) -> None:
    """New rows in one insert; rows already here only when something changed (a second run writes little)."""
    Movie.objects.bulk_create([entry.movie for entry in adopted if entry.before is None])
    changed = [entry.movie for entry in adopted if entry.before is not None and entry.changed]
    if changed:
        Movie.objects.bulk_update(changed, MOVIE_COLUMNS)


def _values(movie: Movie) -> tuple[Any, ...]:
    return tuple(getattr(movie, Movie._meta.get_field(name).attname) for name in MOVIE_COLUMNS)


def _link_collections(adopted: list[Adopted]) -> None:
    """Each movie's Collection row, the ones not here yet created in one insert with its settings."""
    refs = {entry.metadata.collection.tmdb_id: entry for entry in adopted if entry.metadata.collection}
    known = {c.tmdb_id: c for c in Collection.objects.filter(tmdb_id__in=list(refs))}
    missing = [
        Collection(
            tmdb_id=tmdb_id,
            title=entry.metadata.collection.title,
            clean_title=clean_title(entry.metadata.collection.title),
            sort_title=sort_title(entry.metadata.collection.title),
            quality_profile_id=entry.movie.quality_profile_id,
            root_folder_path=entry.movie.root_folder_path,
            minimum_availability=entry.movie.minimum_availability,
        )
        for tmdb_id, entry in refs.items()
        if tmdb_id not in known
    ]
    Collection.objects.bulk_create(missing)
    known |= {c.tmdb_id: c for c in Collection.objects.filter(tmdb_id__in=[c.tmdb_id for c in missing])}
    for entry in adopted:
        ref = entry.metadata.collection
        entry.movie.collection = known.get(ref.tmdb_id) if ref else None


def _replace_tags(adopted: list[Adopted], state: ImportState) -> None:
    through = Movie.tags.through
    for chunk in chunks(adopted):
        through.objects.filter(movie_id__in=[entry.movie.pk for entry in chunk]).delete()
        through.objects.bulk_create(
            through(movie_id=entry.movie.pk, tag_id=tag_id)
            for entry in chunk
            for tag_id in dict.fromkeys(state.tag_ids(entry.body.get("tags")))
        )


def _replace_alternative_titles(adopted: list[Adopted]) -> None:
    """The source's alternative titles replace the TMDB ones (as a refresh does); users' stay."""
    for chunk in chunks(adopted):
        by_id = {entry.movie.pk: entry for entry in chunk}
        AlternativeTitle.objects.filter(movie_id__in=by_id, source_type=AlternativeTitle.Source.TMDB).delete()
        kept: dict[int, set[str]] = {pk: {entry.movie.clean_title} for pk, entry in by_id.items()}
        titles = AlternativeTitle.objects.filter(movie_id__in=by_id).values_list("movie_id", "clean_title")
        for movie_id, title in titles:
            kept[movie_id].add(title)
        rows = []
        for entry in chunk:
            for title in entry.metadata.alternative_titles:
                cleaned = clean_title(title)
                if cleaned and cleaned not in kept[entry.movie.pk]:
                    kept[entry.movie.pk].add(cleaned)
                    rows.append(AlternativeTitle(movie_id=entry.movie.pk, title=title, clean_title=cleaned))
        AlternativeTitle.objects.bulk_create(rows)


def _report_missing_folders(movies: list[Movie], report: SectionReport) -> None:
    """A folder not found is reported once per root folder when the whole root folder is not visible
    (a mount or a remote path mapping is missing), else once per movie. The movies are adopted all the
    same: their folder may appear once the share is mounted."""
    hidden: dict[str, int] = {}
    for movie in movies:
        if os.path.isdir(movie.path):
            continue
        if visible(movie.root_folder_path):
            report.notice("path", movie.path, f"the folder of '{movie.title}' was not found")
        else:
            hidden[movie.root_folder_path] = hidden.get(movie.root_folder_path, 0) + 1
    for root, count in hidden.items():
        message = f"{count} movie(s) live here, not visible from this machine: {HIDDEN_ROOT_HINT}"
        report.notice("root folder", root, message)


# ---- exclusions


def import_exclusions(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    bodies = reader.get_list("exclusions")
    known = set(ImportExclusion.objects.values_list("tmdb_id", flat=True))
    for body in bodies:
        report.found += 1
        try:
            add_exclusion(
                body.get("tmdbId") or 0, str(body.get("movieTitle") or ""), body.get("movieYear") or 0
            )
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", f"Exclusion '{body.get('movieTitle')}'", error.message)
            continue
        report.updated += body.get("tmdbId") in known
        report.imported += body.get("tmdbId") not in known
