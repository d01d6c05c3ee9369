"""Rename preview and organise: movie files (and their extras) to the naming format, folders to the
folder format. An extra version's file is renamed in its own folder, or in the movie's folder with the
version's suffix, so it never takes the primary file's name.

A rename never overwrites: the target is made clash-free (`name (2).mkv`) and the file moves with one
`os.replace`, so it is either at the old name or the new one. Each renamed file is recorded as a
MovieFileRenamed history event.
"""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from downloads.history import ReleaseFacts, record_event
from downloads.models import HistoryEventType
from imports.events import rename_event
from imports.metadatafiles import write_metadata_safely
from imports.models import NamingConfig
from imports.naming import NamingSettings, build_file_name, build_folder_name
from imports.transfer import clash_free
from movies.filefolders import folder_of
from movies.fileformats import assign_formats, match_file
from movies.files import POINT_INSIDE, FolderError, move_movie_folder
from movies.library import normalize_path, path_failures
from movies.models import Movie, MovieFile
from movies.rootfolders import placement, stays_inside
from notifications.events import notify
from releases.customformats import compile_formats
from releases.models import CustomFormat, QualityDefinition

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RenamePreview:
    movie_id: int
    movie_file_id: int
    existing_path: str  # relative to the movie folder
    new_path: str

    def as_resource(self) -> dict[str, Any]:
        return {
            "movieId": self.movie_id,
            "movieFileId": self.movie_file_id,
            "existingPath": self.existing_path,
            "newPath": self.new_path,
        }


class NamingFile:
    """What the naming tokens read of a MovieFile, with the names of its renaming custom formats."""

    def __init__(self, movie_file: MovieFile, custom_formats: list[str], quality_title: str = "") -> None:
        self.movie_file = movie_file
        self.quality_id = movie_file.quality_id
        self.quality_title = quality_title
        self.revision = movie_file.revision
        self.release_group = movie_file.release_group
        self.edition = movie_file.edition
        self.scene_name = movie_file.scene_name
        self.relative_path = movie_file.original_file_path or movie_file.relative_path
        self.media_info = movie_file.media_info
        self.language_ids = movie_file.language_ids
        self.custom_formats = custom_formats


def renaming_formats() -> list[Any]:
    """The custom formats whose names go into file names (Include Custom Format when Renaming)."""
    return compile_formats(CustomFormat.objects.filter(include_custom_format_when_renaming=True))


def quality_titles() -> dict[int, str]:
    """The quality titles as the user named them (Settings → Quality), by quality id."""
    return dict(QualityDefinition.objects.values_list("quality_id", "title"))


def naming_files(movie: Movie, files: list[MovieFile]) -> list[NamingFile]:
    """The files with their renaming custom formats and quality titles, in two queries."""
    formats = renaming_formats()
    titles = quality_titles()
    result = []
    for movie_file in files:
        matched = frozenset(match_file(movie_file, movie, formats)) if formats else frozenset()
        names = [f.name for f in formats if f.id in matched]
        result.append(NamingFile(movie_file, names, titles.get(movie_file.quality_id, "")))
    return result


def new_relative_path(movie: Movie, naming_file: NamingFile, config: NamingSettings) -> str:
    movie_file = naming_file.movie_file
    extension = posixpath.splitext(movie_file.relative_path)[1]
    version = movie_file.version if movie_file.version_id else None
    return build_file_name(movie, naming_file, config, version=version) + extension


def _files(movie: Movie) -> QuerySet[MovieFile]:
    """The movie's files with their versions, each knowing its movie (no query per file)."""
    return MovieFile.objects.filter(movie=movie).select_related("version")


def _with_movie(movie: Movie, files: list[MovieFile]) -> list[MovieFile]:
    for movie_file in files:
        movie_file.movie = movie
    return files


def rename_previews(movie: Movie, config: NamingSettings | None = None) -> list[RenamePreview]:
    """The movie's files whose name differs from the naming format (nothing when renaming is off)."""
    config = config or NamingConfig.load()
    if not config.rename_movies:
        return []
    files = _with_movie(movie, list(_files(movie)))
    previews = []
    for naming_file in naming_files(movie, files):
        existing = naming_file.movie_file.relative_path
        new = new_relative_path(movie, naming_file, config)
        if new != existing:
            previews.append(RenamePreview(movie.pk, naming_file.movie_file.pk, existing, new))
    return previews


def _check_movie_folder(movie: Movie, folder: str | None = None) -> str:
    """The movie's folder (or `folder`, a version's own), normalised; FolderError when it is not inside
    a root folder (an old row), so nothing there is renamed or moved until the user points it into one."""
    place = placement(movie.path if folder is None else folder)
    if place.problem:
        logger.error("Refused to rename files of %s: %s", movie, place.problem)
        raise FolderError(f"Cannot rename the files of {movie}: {place.problem}. {POINT_INSIDE}")
    return place.path


def _move_without_overwrite(source: Path, target: Path) -> Path:
    """`source` to `target` (or a clash-free variant of it) in one rename; returns where it went."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target = clash_free(target)
    os.replace(source, target)
    return target


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def rename_movie_file(movie: Movie, naming_file: NamingFile, config: NamingSettings) -> bool:
    """Rename one file (and its extras) to the naming format; False when it is missing or already named."""
    from imports.extras import move_extras_with

    movie_file = naming_file.movie_file
    folder = Path(_check_movie_folder(movie, folder_of(movie_file)))
    source = folder / movie_file.relative_path
    new_relative = new_relative_path(movie, naming_file, config)
    if new_relative == movie_file.relative_path:
        return False
    if not source.is_file():
        logger.warning("Cannot rename %s: '%s' is not on disk", movie, source)
        return False
    if not stays_inside(str(folder / new_relative), str(folder)):
        logger.error("Refused to rename '%s' to '%s': outside the movie's folder", source, new_relative)
        return False
    target = _move_without_overwrite(source, folder / new_relative)
    old_relative = movie_file.relative_path
    new_relative = target.relative_to(folder).as_posix()
    with transaction.atomic():
        movie_file.relative_path = new_relative
        if not movie_file.original_file_path:
            movie_file.original_file_path = old_relative
        assign_formats([movie_file], movie)  # formats may read the file name
        movie_file.save(
            update_fields=["relative_path", "original_file_path", "custom_format_ids", "custom_formats_stamp"]
        )
        record_event(
            movie.pk,
            HistoryEventType.MOVIE_FILE_RENAMED,
            old_relative,
            ReleaseFacts(movie_file.quality_id, movie_file.revision, tuple(movie_file.language_ids)),
            data={
                "sourcePath": str(source),
                "sourceRelativePath": old_relative,
                "path": str(target),
                "relativePath": new_relative,
            },
        )
    if folder == Path(movie.path):  # extras are kept in the movie's folder only
        move_extras_with(movie, movie_file, old_relative)
    _remove_empty_parents(source.parent, folder)
    logger.info("Renamed '%s' to '%s'", source, target)
    return True


def rename_movie_files(movie: Movie, file_ids: list[int] | None = None) -> list[int]:
    """RenameFiles: the movie's files (all, or those listed) to the naming format; the ids renamed."""
    config = NamingConfig.load()
    if not config.rename_movies:
        return []
    _check_movie_folder(movie)
    files = _files(movie)
    if file_ids is not None:
        files = files.filter(pk__in=file_ids)
    renamed: list[tuple[MovieFile, str, str]] = []  # (file, previous relative path, previous path)
    for naming_file in naming_files(movie, _with_movie(movie, list(files))):
        before = naming_file.movie_file.relative_path
        if rename_movie_file(movie, naming_file, config):
            renamed.append(
                (naming_file.movie_file, before, str(Path(folder_of(naming_file.movie_file)) / before))
            )
    if renamed:  # media servers and webhooks hear of it once per movie, as Radarr's Rename event
        write_metadata_safely(movie)  # metadata files take the new names; the old ones go
        notify(rename_event(movie, renamed))
    return [movie_file.pk for movie_file, _, _ in renamed]


def rename_movie_folder(movie: Movie, config: NamingSettings | None = None) -> bool:
    """RenameMovieFolder: the folder to the folder format inside its root folder; False if unchanged."""
    config = config or NamingConfig.load()
    place = placement(movie.path)
    if place.problem:  # an old row outside every root folder: no root folder to rename it in
        logger.error("Refused to rename the folder of %s: %s", movie, place.problem)
        raise FolderError(f"Cannot rename the folder of {movie}: {place.problem}. {POINT_INSIDE}")
    new_path = posixpath.join(place.root_folder, build_folder_name(movie, config))
    if new_path == movie.path:
        return False
    moved = move_movie_folder(movie, new_path)  # refuses a new name that leads out of the root folder
    if moved or not Path(movie.path).exists():
        movie.path, movie.root_folder_path = new_path, place.root_folder
        movie.save(update_fields=["path", "root_folder_path"])
    return moved


def organize_movie(movie: Movie, *, rename_folder: bool = True) -> list[int]:
    """The Organize action: files renamed, then (optionally) the folder."""
    renamed = rename_movie_files(movie)
    if rename_folder:
        rename_movie_folder(movie)
    return renamed


# ---------------------------------------------------------------------------------------------------
# Command entry points (JOBS): keyword arguments from the command body, a one-line summary back


def rename_files(movie_id: int = 0, files: list[int] | None = None) -> str:
    """RenameFiles `{movieId, files}`."""
    movie = Movie.objects.filter(pk=movie_id).first()
    if movie is None:
        return f"Movie {movie_id} does not exist"
    renamed = rename_movie_files(movie, files)
    return f"Renamed {len(renamed)} file(s) of {movie}"


def rename_movies(movie_ids: list[int] | None = None) -> str:
    """RenameMovie `{movieIds}`: every file of each movie."""
    count = 0
    refused = 0
    for movie in Movie.objects.filter(pk__in=movie_ids or []):
        try:
            count += len(rename_movie_files(movie))
        except FolderError:  # logged; the other movies are renamed
            refused += 1
    return f"Renamed {count} file(s)" + (f"; {refused} movie(s) refused (see the log)" if refused else "")


def rename_movie_folders(movie_ids: list[int] | None = None) -> str:
    """RenameMovieFolder `{movieIds}`: folders to the folder format (files follow with RenameMovie)."""
    moved, refused = 0, 0
    for movie in Movie.objects.filter(pk__in=movie_ids or []):
        try:
            moved += int(rename_movie_folder(movie))
        except FolderError as error:
            logger.error("Could not rename the folder of %s: %s", movie, error.message)
            refused += 1
    summary = f"Renamed {moved} movie folder(s)"
    return summary + (f"; {refused} refused (see the log)" if refused else "")


def move_movie(movie_id: int = 0, source_path: str = "", destination_path: str = "") -> str:
    """MoveMovie `{movieId, sourcePath, destinationPath}`: the folder moves, the row follows (a refused
    move raises FolderError and changes nothing)."""
    movie = Movie.objects.filter(pk=movie_id).first()
    if movie is None:
        return f"Movie {movie_id} does not exist"
    destination = placement(destination_path or movie.path)
    if destination.problem:
        raise FolderError(f"Cannot move {movie} to '{destination_path}': {destination.problem}")
    if source_path and normalize_path(source_path) != movie.path:
        _check_move_source(movie, source_path, destination.path)
        movie.path = normalize_path(source_path)
    moved = move_movie_folder(movie, destination.path)  # both ends inside root folders, or it raises
    movie.path, movie.root_folder_path = destination.path, destination.root_folder
    movie.save(update_fields=["path", "root_folder_path"])
    return f"Moved {movie} to '{destination.path}'" if moved else f"Nothing to move for {movie}"


def _check_move_source(movie: Movie, source_path: str, destination: str) -> None:
    """A source other than the movie's folder (Radarr's flow: the row was repointed, then MoveMovie
    moves the old folder) is accepted only for the folder the row now points to, and never another
    movie's folder or a folder holding other movies."""
    failures = path_failures(normalize_path(source_path), exclude_movie_id=movie.pk)
    if destination != movie.path or failures:
        reason = failures[0].message if failures else f"the movie's folder is '{movie.path}'"
        raise FolderError(f"Cannot move '{source_path}' for {movie}: {reason}")


def set_file_date(movie: Movie, path: Path) -> bool:
    """Change File Date: the file's modification time becomes the movie's in-cinemas or physical release
    date, as the setting says. False when the setting is None or the date unknown."""
    from datetime import datetime, time

    from imports.models import MediaManagementConfig

    choice = MediaManagementConfig.load().file_date
    day = {"cinemas": movie.in_cinemas, "release": movie.physical_release}.get(choice)
    if day is None or not path.exists():
        return False
    stamp = datetime.combine(day, time(0, 0), tzinfo=timezone.get_default_timezone()).timestamp()
    os.utime(path, (path.stat().st_atime, stamp))
    return True
