"""Manual import: what a folder or download holds, re-decided with the user's overrides, then imported.

The API and the Manual Import page list `manual_import_items` (each file with its detected movie,
quality, languages and rejections); the ManualImport command calls `import_manual_files` with what the
user picked. A file from a tracked download completes that download like an automatic import.
Each file may name the movie's version it is for (`versionId`, ours; absent or 0: the primary version);
the lists show the version a download was grabbed for.
"""

import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from downloads.models import History, TrackedDownload
from downloads.tracking import mark_imported
from imports.evaluation import evaluate_file, load_import_context
from imports.facts import ImportFacts, ImportRejection
from imports.options import import_options
from imports.pipeline import AUTO, ImportError_, evaluate_folder, import_file, resolve_mode
from movies.filefolders import path_of
from movies.models import Movie, MovieFile, MovieVersion
from releases.qualities import QualityModel

logger = logging.getLogger(__name__)


def item_id(path: Path | str) -> int:
    """A stable id for a file in the lists (Radarr's is a hash of the path too)."""
    return zlib.crc32(str(path).encode()) & 0x7FFFFFFF


def tracked_for(download_id: str) -> TrackedDownload | None:
    if not download_id:
        return None
    return (
        TrackedDownload.objects.select_related("client", "movie", "grab")
        .filter(download_id=download_id)
        .first()
    )


def _grab(download_id: str, tracked: TrackedDownload | None) -> History | None:
    if tracked is not None and tracked.grab is not None:
        return tracked.grab
    if not download_id:
        return None
    return History.objects.grabs().filter(download_id=download_id).select_related("movie").last()


def manual_import_items(
    *,
    folder: str = "",
    download_id: str = "",
    movie_id: int | None = None,
    filter_existing_files: bool = True,
) -> list[ImportFacts]:
    """The files of `folder` (or of the download's output folder), decided as an import would."""
    tracked = tracked_for(download_id)
    path = folder or (tracked.output_path if tracked is not None else "")
    if not path:
        return []
    movie = Movie.objects.filter(pk=movie_id).first() if movie_id else None
    if movie is None and tracked is not None:
        movie = tracked.movie
    grab = _grab(download_id, tracked)
    version = tracked.version if tracked is not None and tracked.version_id else None
    _result, items = evaluate_folder(
        Path(path), movie=movie, download_id=download_id, grab=grab, version=version
    )
    if filter_existing_files:
        items = [item for item in items if not _in_library(item)]
    return sorted(items, key=lambda item: str(item.path))


def _in_library(item: ImportFacts) -> bool:
    """A file that already is a movie's file (manual import pointed at a library folder)."""
    movie = item.movie
    if movie is None or not movie.path:
        return False
    folders = [
        movie.path,
        *MovieVersion.objects.filter(movie=movie).exclude(path="").values_list("path", flat=True),
    ]
    for folder in folders:
        try:
            relative = item.path.relative_to(Path(folder)).as_posix()
        except ValueError:
            continue
        rows = MovieFile.objects.filter(movie=movie, relative_path=relative)
        if folder != movie.path:
            return rows.filter(version__path=folder).exists()
        return rows.exclude(version__path__gt="").exists()
    return False


@dataclass(slots=True)
class ManualFile:
    """One file the user chose, with what they set (None keeps what was detected)."""

    path: str
    movie_id: int | None = None
    quality: QualityModel | None = None
    language_ids: list[int] | None = None
    release_group: str | None = None
    download_id: str = ""
    version_id: int | None = None  # the extra version it is for; None or 0: the primary version
    extra: dict[str, Any] = field(default_factory=dict)


def reprocess(file: ManualFile) -> ImportFacts:
    """Decide one file again with the user's overrides (POST /manualimport)."""
    tracked = tracked_for(file.download_id)
    grab = _grab(file.download_id, tracked)
    path = Path(file.path)
    folder = Path(tracked.output_path) if tracked is not None and tracked.output_path else path.parent
    if folder.is_file():
        folder = folder.parent
    overrides: dict[str, Any] = {
        "quality": file.quality,
        "language_ids": file.language_ids,
        "release_group": file.release_group,
    }
    if file.movie_id:
        overrides["movie"] = Movie.objects.filter(pk=file.movie_id).first()
    overrides["version"] = (
        MovieVersion.objects.filter(pk=file.version_id).first() if file.version_id else None
    )
    context = load_import_context(grab, file.download_id)
    facts = evaluate_file(path, folder, context, download_id=file.download_id, overrides=overrides)
    if file.version_id and facts.version is None:
        facts.rejections.insert(0, ImportRejection(f"Version {file.version_id} does not exist"))
    return facts


def _identity_problem(file: ManualFile, facts: ImportFacts) -> str:
    """What the user must choose again: a movie, or a version of that movie."""
    name = Path(file.path).name
    if facts.movie is None:
        return f"{name}: choose a movie"
    if file.version_id and facts.version is None:
        return f"{name}: version {file.version_id} does not exist"
    if facts.version is not None and facts.version.movie_id != facts.movie.pk:
        return f"{name}: the version '{facts.version.name}' is not a version of {facts.movie}"
    return ""


def import_manual_files(files: list[ManualFile], mode: str = AUTO) -> str:
    """Import the chosen files; rejections other than the movie's identity are the user's call, as in
    Radarr (the user saw them), except that the file must exist and have a movie."""
    imported, failed = 0, []
    options = import_options()
    for file in files:
        facts = reprocess(file)
        problem = _identity_problem(file, facts)
        if problem:
            failed.append(problem)
            continue
        if not facts.path.is_file():
            failed.append(f"{file.path} does not exist")
            continue
        tracked = tracked_for(file.download_id)
        transfer_mode = resolve_mode(mode, tracked, options.copy_using_hardlinks)
        # mark_imported writes the download's import event only for a download it knows the movie of; a
        # download blocked as unknown gets it from the import, with the movie the user chose
        record_here = tracked is None or tracked.movie_id is None
        try:
            done = import_file(facts, mode=transfer_mode, notify_download=record_here)
        except ImportError_ as error:
            failed.append(str(error))
            continue
        imported += 1
        if tracked is not None:
            mark_imported(
                tracked.download_id,
                client_id=tracked.client_id,
                imported_path=path_of(done.movie_file),
                dropped_path=str(facts.path),
                movie_file=done.movie_file,
            )
    summary = f"Manually imported {imported} of {len(files)} file(s)"
    return summary + (": " + "; ".join(failed) if failed else "")
