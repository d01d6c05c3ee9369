"""Writing the enabled metadata consumers' files beside a movie, and removing them.

`write_movie_metadata` is the one writer: the import pipeline calls it after an import or upgrade, the
rename after renaming, and a folder scan (so every refresh and rescan) after scanning. It writes what
the consumers want, skips files whose content is already there, and removes the metadata files it wrote
before that no consumer wants any more (a consumer switched off, an old name after a rename). Every
file is an ExtraFile row of type metadata, so /api/v3/extrafile lists it and it leaves with its movie
file. A video file is never written over or removed here.
"""

import dataclasses
import logging
import os
import posixpath
import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from imports.metadataconsumers import IMPLEMENTATIONS, MetadataConsumer, MetadataImage, MetadataText
from imports.models import ExtraFile, ExtraFileType, Metadata
from imports.nfo import CastMember, CrewMember, NfoFacts, was_watched
from movies.models import Credit, Movie, MovieFile
from movies.scanning import is_video_file
from radarr.idsets import in_ids

logger = logging.getLogger(__name__)


def enabled_consumers() -> list[MetadataConsumer]:
    """The enabled consumers whose implementation exists (a row of a removed one is skipped)."""
    return [
        IMPLEMENTATIONS[row.implementation](row)
        for row in Metadata.objects.enabled()
        if row.implementation in IMPLEMENTATIONS
    ]


def cast_and_crew(credits: Iterable[Any]) -> tuple[tuple[CastMember, ...], tuple[CrewMember, ...]]:
    """Credit rows (type cast or crew, name, character, order, job, images) as the NFO lists them."""
    cast, crew = [], []
    for credit in credits:
        if credit.type == "cast":
            headshot = next(
                (i.get("remoteUrl") for i in credit.images or [] if i.get("coverType") == "headshot"), ""
            )
            cast.append(CastMember(credit.name, credit.character, credit.order, headshot or ""))
        else:
            crew.append(CrewMember(credit.name, credit.job))
    return tuple(sorted(cast, key=lambda member: member.order)), tuple(crew)


def _write_text(path: Path, content: str) -> bool:
    """Write `content` unless the file already holds it; atomically, so Kodi never reads half a file."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def _copy_image(source: Path, target: Path) -> bool:
    """Copy a cached cover unless the same size is already there (covers are replaced, never edited)."""
    try:
        if target.stat().st_size == source.stat().st_size:
            return False
    except OSError:
        pass
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
    return True


@dataclasses.dataclass(frozen=True, slots=True)
class _Known:
    """What writing metadata reads from the database, once for a batch of movies (a rescan's folders)."""

    consumers: list[MetadataConsumer]
    files: dict[int, list[MovieFile]]  # movie id → its files, oldest first
    rows: dict[int, dict[str, ExtraFile]]  # movie id → its extra files' rows by relative path
    facts: dict[int, NfoFacts]  # movie id → what its NFOs share (cast, crew, tags), when a consumer is on


def _read(movies: list[Movie]) -> _Known:
    ids = in_ids(movie.pk for movie in movies)
    files: dict[int, list[MovieFile]] = defaultdict(list)
    # the files in the movies' folders: a version in its own root folder has no metadata files written
    for movie_file in (
        MovieFile.objects.filter(movie_id__in=ids).exclude(version__path__gt="").order_by("movie_id", "pk")
    ):
        files[movie_file.movie_id].append(movie_file)
    rows: dict[int, dict[str, ExtraFile]] = defaultdict(dict)
    for row in ExtraFile.objects.filter(movie_id__in=ids):
        rows[row.movie_id][row.relative_path] = row
    consumers = enabled_consumers()
    facts: dict[int, NfoFacts] = {}
    if consumers:
        credits: dict[int, list[Credit]] = defaultdict(list)
        for credit in Credit.objects.filter(movie_id__in=ids).order_by("movie_id", "type", "order", "pk"):
            credits[credit.movie_id].append(credit)
        tags: dict[int, list[str]] = defaultdict(list)
        links = Movie.tags.through.objects.filter(movie_id__in=ids).order_by("tag__label", "tag_id")
        for movie_id, label in links.values_list("movie_id", "tag__label"):
            tags[movie_id].append(label)
        for movie in movies:
            cast, crew = cast_and_crew(credits[movie.pk])
            facts[movie.pk] = NfoFacts(movie.title, cast=cast, crew=crew, tags=tuple(tags[movie.pk]))
    return _Known(consumers, files, rows, facts)


def _facts(shared: NfoFacts, consumer: MetadataConsumer, movie: Movie, text_path: str) -> NfoFacts:
    """One file's facts: the consumer's title, and Kodi's watched flag from the NFO already there."""
    try:
        text = (Path(movie.path) / text_path).read_text(encoding="utf-8", errors="replace")
        watched = was_watched(text)
    except OSError:
        watched = False
    return dataclasses.replace(shared, title=consumer.metadata_title(movie), watched=watched)


def _planned_texts(
    movie: Movie, consumer: MetadataConsumer, files: list[MovieFile], shared: NfoFacts
) -> list[tuple[MovieFile, MetadataText]]:
    """Each movie file's metadata text of one consumer."""
    planned = []
    for movie_file in files:
        path = consumer.metadata_path(movie_file)
        if path is None:
            continue
        text = consumer.movie_metadata(movie, movie_file, _facts(shared, consumer, movie, path))
        if text is not None:
            planned.append((movie_file, text))
    return planned


def _record(
    movie: Movie, movie_file: MovieFile | None, relative_path: str, consumer: str, rows: dict[str, ExtraFile]
) -> None:
    """The metadata file's row: a new one, or the row already tracking that path made ours; a row
    already saying so is left alone (a rescan of an unchanged movie writes nothing)."""
    row = rows.get(relative_path) or ExtraFile(movie=movie, relative_path=relative_path)
    values = {
        "movie_file_id": movie_file.pk if movie_file else None,
        "extension": posixpath.splitext(relative_path)[1].lower(),
        "type": ExtraFileType.METADATA,
        "consumer": consumer,
        "language": "",
        "language_tags": [],
    }
    if row.pk is not None and all(getattr(row, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    rows[relative_path] = row


def _safe_target(movie_folder: Path, relative_path: str) -> Path | None:
    """The file to write, or None when it would be a video or lie outside the movie folder."""
    target = (movie_folder / relative_path).resolve()
    if is_video_file(target.name) or movie_folder.resolve() not in target.parents:
        logger.warning("Refused to write metadata to '%s'", target)
        return None
    return target


def write_movie_metadata(movie: Movie) -> int:
    """Write every enabled consumer's files for the movie; returns how many files changed on disk.

    Nothing is written for a movie without a folder or without a file (images included: they go with
    the last file, so a folder emptied of its movie is not kept alive by them)."""
    return _write_movie(movie, _read([movie]))


def _write_movie(movie: Movie, known: _Known) -> int:
    movie_folder = Path(movie.path)
    files = known.files[movie.pk]
    rows = known.rows[movie.pk]
    wanted: set[str] = set()
    changed = 0
    consumers = known.consumers if movie_folder.is_dir() and files else []
    shared = known.facts.get(movie.pk, NfoFacts(movie.title))
    for consumer in consumers:
        changed += _write_consumer(movie, consumer, files, shared, rows, wanted)
    changed += _remove_unwanted(movie, rows, wanted)
    return changed


def _write_consumer(
    movie: Movie,
    consumer: MetadataConsumer,
    files: list[MovieFile],
    shared: NfoFacts,
    rows: dict[str, ExtraFile],
    wanted: set[str],
) -> int:
    movie_folder, changed = Path(movie.path), 0
    items: list[tuple[MovieFile | None, MetadataText | MetadataImage]] = list(
        _planned_texts(movie, consumer, files, shared)
    )
    items += [(None, image) for image in consumer.movie_images(movie)]
    for movie_file, item in items:
        target = _safe_target(movie_folder, item.relative_path)
        if target is None or item.relative_path in wanted:
            continue
        try:
            if isinstance(item, MetadataText):
                changed += _write_text(target, item.content)
            else:
                changed += _copy_image(item.source, target)
        except OSError as error:
            logger.warning("Could not write metadata file '%s': %s", target, error)
            continue
        wanted.add(item.relative_path)
        _record(movie, movie_file, item.relative_path, consumer.implementation, rows)
    return changed


def _remove_unwanted(movie: Movie, rows: dict[str, ExtraFile], wanted: set[str]) -> int:
    """Metadata files written before that no enabled consumer wants now: off disk and forgotten."""
    removed = 0
    stale = [row for path, row in rows.items() if row.type == ExtraFileType.METADATA and path not in wanted]
    for row in stale:
        if _delete_metadata_file(Path(movie.path), row):
            removed += 1
    return removed


def _delete_metadata_file(movie_folder: Path, row: ExtraFile) -> bool:
    path = movie_folder / row.relative_path
    if is_video_file(path.name):  # a metadata row never names a video; if one does, keep the video
        logger.error("Metadata row %s names a video file '%s': kept on disk", row.pk, path)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            logger.warning("Could not delete metadata file '%s': %s", path, error)
            return False
    row.delete()
    return True


def remove_movie_metadata_images(movie: Movie) -> int:
    """Once a movie has no file left, its metadata images (poster.jpg, folder.jpg...) go too."""
    if MovieFile.objects.filter(movie=movie).exists():
        return 0
    rows = ExtraFile.objects.filter(movie=movie, type=ExtraFileType.METADATA, movie_file__isnull=True)
    return sum(_delete_metadata_file(Path(movie.path), row) for row in rows)


def write_metadata_safely(movie: Movie) -> None:
    """What imports and renames call: metadata never fails the work it follows."""
    try:
        with transaction.atomic():
            write_movie_metadata(movie)
    except Exception:
        logger.exception("Writing metadata files of %s failed", movie)


def write_movies_metadata(movies: list[Movie]) -> None:
    """What a scan calls for a batch of folders: the database read once and written in one transaction
    for the batch (a rescan of 20,000 folders, not a few queries each); if the batch fails, each movie
    is written on its own, so one movie's failure is only its own."""
    if not movies:
        return
    try:
        with transaction.atomic():
            known = _read(movies)
            for movie in movies:
                _write_movie(movie, known)
    except Exception:
        logger.exception("Writing metadata files of %d movies at once failed; each alone now", len(movies))
        for movie in movies:
            write_metadata_safely(movie)
