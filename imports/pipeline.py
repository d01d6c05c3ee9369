"""The import pipeline: from a finished download (or any folder) to movie files in the library.

`import_file` is the one state change: it puts the file in the movie's folder (imports.transfer), then,
for an upgrade, sends the old file to the recycle bin, then updates the MovieFile rows, the movie's
`has_file`/`size_on_disk` and history in one transaction. A file for an extra version (the download was
grabbed for it, or manual import chose it) goes to that version's folder, or to the movie's folder with
the version's suffix, and replaces only that version's file. The new file is complete before the old one
goes, and a failure at any step leaves the source and the existing library file in place.
"""

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from downloads.history import ReleaseFacts, record_event, record_file_deleted, revision_dict
from downloads.models import History, HistoryEventType, TrackedDownload
from downloads.tracking import grab_of
from imports.discovery import scan_folder
from imports.evaluation import ImportContext, evaluate_file, load_import_context
from imports.events import download_event
from imports.extras import delete_extras_of, import_extras
from imports.facts import ImportFacts, ImportRejection
from imports.metadatafiles import write_metadata_safely
from imports.naming import movie_file_name
from imports.options import import_options
from imports.recyclebin import RecycleError, recycle_file
from imports.transfer import COPY, HARDLINK, MOVE, TransferError, transfer_file
from indexers.evidence import note_outcome, release_group_of
from movies.events import file_delete_event
from movies.filefolders import version_folder_of
from movies.fileformats import assign_formats
from movies.models import Movie, MovieFile, MovieVersion
from movies.rootfolders import placement, stays_inside
from movies.scanning import update_file_state, update_version_file_state
from notifications.events import notify
from scenegroups.models import OutcomeKind

logger = logging.getLogger(__name__)

AUTO = "auto"
IMPORT_MODES = (AUTO, MOVE, COPY)


class ImportError_(Exception):  # noqa: N801 (ImportError is a builtin)
    """One file could not be imported; nothing was lost."""


@dataclass(slots=True)
class ImportedFile:
    movie_file: MovieFile
    facts: ImportFacts
    replaced: list[str] = field(default_factory=list)  # library paths of the files it replaced


@dataclass(slots=True)
class ImportResult:
    imported: list[ImportedFile] = field(default_factory=list)
    rejected: list[ImportFacts] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # transfers that failed
    blocked: str = ""  # the folder must not be imported (dangerous or executable files)
    waiting: str = ""  # try again later (archives not extracted, still unpacking)

    @property
    def messages(self) -> list[str]:
        lines = [self.blocked or self.waiting] if (self.blocked or self.waiting) else []
        lines += self.errors
        for facts in self.rejected:
            lines += [f"{facts.path.name}: {reason}" for reason in facts.messages()]
        return lines

    def __str__(self) -> str:
        if self.imported:
            rejected = f"; {len(self.rejected)} rejected" if self.rejected else ""
            return f"Imported {len(self.imported)} file(s){rejected}"
        return "; ".join(self.messages) or "No video files found"


def resolve_mode(mode: str, tracked: TrackedDownload | None, hardlinks: bool) -> str:
    """`auto`: a torrent still seeding is hardlinked (or copied); everything else is moved."""
    if mode == COPY:
        return HARDLINK if hardlinks else COPY
    if mode == MOVE:
        return MOVE
    if tracked is not None and tracked.protocol == "torrent":
        return HARDLINK if hardlinks else COPY
    return MOVE


def evaluate_folder(
    path: Path,
    *,
    movie: Movie | None = None,
    download_id: str = "",
    grab: History | None = None,
    context: ImportContext | None = None,
    version: MovieVersion | None = None,
) -> tuple[ImportResult, list[ImportFacts]]:
    """The folder's candidate files with their decisions, and the folder-level verdict."""
    path = Path(path)
    result = ImportResult()
    if not path.exists():
        result.waiting = f"{path} does not exist (yet)"
        return result, []
    contents = scan_folder(path)
    result.blocked = contents.blocking_message()
    result.waiting = contents.waiting_message()
    context = context or load_import_context(grab, download_id, version)
    folder = path if path.is_dir() else path.parent
    candidates = [
        evaluate_file(video, folder, context, movie=movie, download_id=download_id)
        for video in contents.videos
    ]
    return result, candidates


def import_folder(
    path: Path | str,
    *,
    movie: Movie | None = None,
    download_id: str | None = None,
    mode: str = AUTO,
    tracked: TrackedDownload | None = None,
) -> ImportResult:
    """Import the best approved file of each movie found under `path` (a folder or one file)."""
    grab = grab_of(tracked) if tracked is not None else None
    if grab is None and download_id:
        grab = History.objects.grabs().filter(download_id=download_id).select_related("movie").last()
    version = tracked.version if tracked is not None and tracked.version_id else None
    result, candidates = evaluate_folder(
        Path(path), movie=movie, download_id=download_id or "", grab=grab, version=version
    )
    if result.blocked or result.waiting:
        return result
    transfer_mode = resolve_mode(mode, tracked, import_options().copy_using_hardlinks)
    imported_movies: set[tuple[int, int]] = set()  # (movie id, version id or 0)
    # Radarr imports the best file per movie: highest quality, then the largest
    ordered = sorted(candidates, key=lambda f: (f.quality.quality.id, f.size), reverse=True)
    for facts in ordered:
        if not facts.approved:
            result.rejected.append(facts)
            continue
        if _target(facts) in imported_movies:
            another = "Another file of this movie was imported from this folder"
            facts.rejections.append(ImportRejection(another))
            result.rejected.append(facts)
            continue
        try:
            result.imported.append(import_file(facts, mode=transfer_mode, notify_download=tracked is None))
            imported_movies.add(_target(facts))
        except ImportError_ as error:
            result.errors.append(str(error))
    return result


def _target(facts: ImportFacts) -> tuple[int, int]:
    return facts.movie.pk, facts.version.pk if facts.version is not None else 0


def import_download(tracked: TrackedDownload) -> ImportResult:
    """Import a completed download from its (mapped) output path."""
    return import_folder(
        tracked.output_path, movie=tracked.movie, download_id=tracked.download_id, tracked=tracked
    )


# ---- the one state change


def _file_name(facts: ImportFacts) -> str:
    try:
        with transaction.atomic():  # a failing query in naming must not poison the caller's transaction
            return movie_file_name(facts.movie, facts, version=facts.version) or facts.path.stem
    except Exception:  # a naming bug must not stop an import: keep the release's own name
        logger.exception("Naming %s failed; keeping its name", facts.path)
        return facts.path.stem


def _chmod() -> int | None:
    options = import_options()
    if not options.set_permissions:
        return None
    try:
        return int(options.file_chmod, 8)
    except ValueError:
        return None


def _group() -> str | None:
    """The group imported files are given (Set Permissions on, a group named), else None."""
    options = import_options()
    return (options.chown_group or None) if options.set_permissions else None


def import_file(facts: ImportFacts, *, mode: str = MOVE, notify_download: bool = True) -> ImportedFile:
    """Put an approved file into its version's folder, replacing (recycling) that version's existing
    files: the primary version's are the movie's files that belong to no extra version, an extra
    version's is its one file. Files of the other versions are never touched.

    Raises ImportError_ when the file cannot be put in place; the source and library are then untouched.
    """
    movie, version = facts.movie, facts.version
    if movie is None or not movie.path:
        raise ImportError_(f"{facts.path.name}: the movie has no folder to import into")
    if version is not None and version.movie_id != movie.pk:
        raise ImportError_(f"{facts.path.name}: the version '{version.name}' belongs to another movie")
    folder = version_folder_of(movie, version)
    place = placement(folder)
    if place.problem:  # an old row pointing outside every root folder: nothing is written there
        raise ImportError_(f"{facts.path.name}: cannot import into the folder of {movie}: {place.problem}")
    movie_folder = Path(folder)
    desired = movie_folder / f"{_file_name(facts)}{facts.path.suffix.lower()}"
    if not stays_inside(str(desired), str(movie_folder)):
        raise ImportError_(f"{facts.path.name}: its new name '{desired.name}' leads out of {movie_folder}")
    try:
        final = transfer_file(facts.path, desired, mode=mode, chmod=_chmod(), group=_group())
    except TransferError as error:
        raise ImportError_(str(error)) from error
    old_rows = list(_files_of_version(movie, version))
    replaced, kept = [], []
    for row in old_rows:
        old_path = movie_folder / row.relative_path
        if old_path == final:
            continue
        try:
            if old_path.exists():
                recycle_file(old_path, movie_folder.name)
            # its subtitles and other extras leave with it (to the recycle bin too, when one is set)
            delete_extras_of(row, recycle=lambda path: recycle_file(path, movie_folder.name))
            replaced.append(row)
        except RecycleError as error:  # both files stay; the old one stops being primary
            logger.warning("Upgrade of %s: %s", movie, error)
            kept.append(row)
    if final != desired and not desired.exists():
        final = _take_desired_name(final, desired)
    movie_file = _record_import(movie, facts, final, replaced, kept, notify_download)
    if folder == movie.path:  # extras are kept in the movie's folder, beside the file they belong to
        _import_extras(facts, movie, movie_file)
    write_metadata_safely(movie)  # the new file's NFO; an upgrade's old one left with its file
    return ImportedFile(movie_file, facts, [str(movie_folder / row.relative_path) for row in replaced])


def _files_of_version(movie: Movie, version: MovieVersion | None) -> QuerySet[MovieFile]:
    """The files an import for this version replaces."""
    if version is not None:
        return MovieFile.objects.filter(version=version)
    return MovieFile.objects.filter(movie=movie, version__isnull=True)


def _take_desired_name(final: Path, desired: Path) -> Path:
    """After the old file went to the recycle bin, the new one takes the name it should have."""
    try:
        os.link(final, desired)
        final.unlink()
        return desired
    except OSError:
        return final


def _record_import(
    movie: Movie,
    facts: ImportFacts,
    final: Path,
    replaced: list[MovieFile],
    kept: list[MovieFile],
    notify_download: bool,
) -> MovieFile:
    version = facts.version
    movie_folder = Path(version_folder_of(movie, version))
    with transaction.atomic():
        Movie.objects.select_for_update().filter(pk=movie.pk).first()  # serialise imports of one movie
        for row in replaced:
            record_file_deleted(row, "Upgrade")
        MovieFile.objects.filter(pk__in=[row.pk for row in replaced]).delete()
        _keep_unrecycled(movie, version, kept)
        movie_file = MovieFile(
            movie=movie,
            version=version,
            relative_path=final.relative_to(movie_folder).as_posix(),
            size=final.stat().st_size,
            date_added=timezone.now(),
            scene_name=facts.scene_name,
            release_group=facts.release_group,
            edition=facts.edition,
            quality_id=facts.quality.quality.id,
            revision=revision_dict(facts.quality.revision),
            language_ids=facts.language_ids,
            indexer_flags=facts.indexer_flags,
            media_info=facts.media_info or {},
            original_file_path=facts.relative_path,
            is_primary=version is None,
        )
        assign_formats([movie_file], movie)
        movie_file.save()
        if version is None:
            update_file_state(movie)
        else:
            update_version_file_state(version)
        data = {"droppedPath": str(facts.path), "importedPath": str(final), "size": movie_file.size}
        if notify_download:  # a tracked download's event is written by downloads.tracking.mark_imported
            record_event(
                movie.pk,
                HistoryEventType.DOWNLOAD_FOLDER_IMPORTED,
                facts.scene_name or facts.path.name,
                ReleaseFacts(
                    facts.quality.quality.id,
                    revision_dict(facts.quality.revision),
                    tuple(facts.language_ids),
                    tuple({"id": fid, "name": name} for fid, name in facts.matched_formats),
                    facts.custom_format_score,
                ),
                download_id=facts.download_id,
                data=data | ({"version": version.name} if version is not None else {}),
                version_id=version.pk if version is not None else None,
            )
        _notify(movie, movie_file, facts, replaced)
        _note_outcomes(movie_file, replaced)
    return movie_file


def _keep_unrecycled(movie: Movie, version: MovieVersion | None, kept: list[MovieFile]) -> None:
    """Old files the recycle bin refused stay on disk. The primary's stops being primary; a version's
    stops being that version's (one file per version): in the movie's folder it stays as an unassigned
    file of the movie, in the version's own folder its row goes (a row of the movie points into the
    movie's folder) and the file stays where it is."""
    rows = MovieFile.objects.filter(pk__in=[row.pk for row in kept])
    if version is None:
        rows.update(is_primary=False)
    elif version.path:
        for row in kept:
            logger.warning("%s stays in %s beside the new file of %s", row.relative_path, version.path, movie)
        rows.delete()
    else:
        rows.update(version=None)


def _note_outcomes(movie_file: MovieFile, replaced: list[MovieFile]) -> None:
    """Scene-group evidence, committed with the import: this file's group imported, and the groups of
    the files it replaced upgraded away."""
    note_outcome(
        release_group_of(movie_file.scene_name, movie_file.release_group),
        OutcomeKind.IMPORTED,
        key=f"moviefile:{movie_file.pk}",
        movie_id=movie_file.movie_id,
        title=movie_file.scene_name or movie_file.relative_path,
    )
    for row in replaced:  # deleted rows keep their id in memory
        note_outcome(
            release_group_of(row.scene_name, row.release_group),
            OutcomeKind.UPGRADED,
            key=f"moviefile:{row.pk}",
            movie_id=row.movie_id,
            title=row.scene_name or row.relative_path,
        )


def _notify(movie: Movie, movie_file: MovieFile, facts: ImportFacts, replaced: list[MovieFile]) -> None:
    """Queue the Download (and upgrade delete) notifications; they are sent once the import commits."""
    for row in replaced:
        notify(file_delete_event(row, "upgrade", for_upgrade=True))
    # built now, from the rows in memory: the replaced rows are gone when the task runs
    notify(download_event(movie_file, replaced, download_id=facts.download_id, source_path=str(facts.path)))


def _import_extras(facts: ImportFacts, movie: Movie, movie_file: MovieFile) -> None:
    try:
        with transaction.atomic():
            import_extras(facts.path.parent, movie, movie_file)
    except Exception:
        logger.exception("Importing extra files of %s failed", movie)
