"""Disk operations on whole movie folders, written so that no media file is ever lost.

A move renames within one filesystem; across filesystems it copies into a hidden sibling of the target,
checks every file's size, renames the copy into place and only then deletes the source. A target that
already holds files is never overwritten. Both ends of a move, and every folder deleted, must be a
movie folder by movies.rootfolders' rule: strictly inside a configured root folder, as written and on
disk. A movie folder that is a symbolic link is removed as a link; what it points to is never touched.
"""

import errno
import logging
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from movies.models import Movie, MovieVersion
from movies.rootfolders import Placement, placement
from radarr.api.errors import ApiError

logger = logging.getLogger(__name__)

POINT_INSIDE = "Edit the movie's path to a folder inside a root folder first (without moving files)"


class FolderError(ApiError):
    """A folder operation refused or failed; nothing was lost (answered as a 409 by the API)."""

    def __init__(self, message: str) -> None:
        super().__init__(409, message)


def _is_inside(path: Path, parent: Path) -> bool:
    return path != parent and parent in path.parents


def _has_entries(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def _file_sizes(root: Path) -> dict[str, int]:
    """Relative path → size of every file under `root`: what a copy must reproduce exactly."""
    sizes: dict[str, int] = {}
    for folder, _subfolders, names in os.walk(root):
        for name in names:
            full = Path(folder) / name
            sizes[str(full.relative_to(root))] = full.stat().st_size
    return sizes


def _copy_verified(source: Path, target: Path) -> None:
    """Copy across filesystems into a temporary sibling, verify sizes, then rename it into place."""
    partial = target.with_name(f".{target.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)  # our own leftover from an interrupted move, never user data
    shutil.copytree(source, partial, copy_function=shutil.copy2)
    expected, copied = _file_sizes(source), _file_sizes(partial)
    if expected != copied:
        shutil.rmtree(partial)
        raise FolderError(f"Copy of '{source}' to '{target}' did not verify; the source is untouched")
    if target.exists():
        target.rmdir()  # checked empty by the caller
    partial.rename(target)
    shutil.rmtree(source)


def move_movie_folder(movie: Movie, new_path: str) -> bool:
    """Move the movie's folder to `new_path`; False when there was nothing on disk to move.

    Raises FolderError (leaving everything in place) when the target holds files, lies inside the
    source, or a copy cannot be verified.
    """
    if Path(movie.path) == Path(new_path):
        return False
    destination = placement(new_path)
    if destination.problem:
        raise FolderError(f"Cannot move {movie} to '{new_path}': {destination.problem}")
    source, target = Path(movie.path), Path(destination.path)
    if not source.is_dir():
        logger.info("Movie folder '%s' does not exist; nothing to move for %s", source, movie)
        return False
    origin = placement(movie.path)
    if origin.problem:
        raise FolderError(f"Cannot move the folder of {movie}: {origin.problem}. {POINT_INSIDE}")
    source = Path(origin.path)
    if _is_inside(target, source) or _is_inside(source, target):
        raise FolderError(f"Cannot move '{source}' to '{target}': one folder is inside the other")
    if _has_entries(target):
        raise FolderError(f"Cannot move '{source}' to '{target}': the target folder is not empty")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.exists():
            target.rmdir()
        source.rename(target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise FolderError(f"Cannot move '{source}' to '{target}': {error.strerror}") from error
        _copy_verified(source, target)
    logger.info("Moved movie folder of %s from '%s' to '%s'", movie, source, target)
    return True


def _recycle(source: Path, recycle_bin: Path) -> Path:
    """Move a folder into the recycle bin, `_2`, `_3`... when the name is taken (Radarr's rule)."""
    recycle_bin.mkdir(parents=True, exist_ok=True)
    destination, number = recycle_bin / source.name, 1
    while destination.exists():
        number += 1
        destination = recycle_bin / f"{source.name}_{number}"
    shutil.move(str(source), str(destination))
    return destination


def remove_movie_folder(movie: Movie, recycle_bin: str | None = None) -> bool:
    """Delete (or recycle) the movie's own folder and the own folders of its extra versions (a 4K
    version in another root folder); False when they were all gone already.

    Only called when the user asked for deleteFiles. Refuses (FolderError, nothing touched) when any of
    them is not a movie folder by movies.rootfolders' rule: a root folder, outside every root folder,
    or leading out of its root folder through a symbolic link. A folder that is itself a link loses the
    link only. `recycle_bin` defaults to the one set in Media Management ("" deletes permanently), read
    through settings.RADARR_RECYCLE_BIN: imports keeps it, which movies may not import.
    """
    if recycle_bin is None:
        recycle_bin = import_string(settings.RADARR_RECYCLE_BIN)()
    folders = [
        movie.path,
        *MovieVersion.objects.filter(movie=movie).exclude(path="").values_list("path", flat=True),
    ]
    places = [place for path in dict.fromkeys(folders) if (place := _removable(movie, path)) is not None]
    for place in places:
        _remove_folder(movie, place, recycle_bin)
    return bool(places)


def _removable(movie: Movie, path: str) -> Placement | None:
    """Where the folder is, None when it is gone; FolderError when it may not be removed."""
    place = placement(path)
    if os.path.isabs(place.path) and not os.path.lexists(place.path):
        logger.info("Folder '%s' of %s is already gone", place.path, movie)
        return None  # nothing on disk: removing the movie itself must not be refused
    if place.root_folder and os.path.islink(place.path):
        return place
    if place.problem:
        logger.error("Refused to delete the folder '%s' of %s: %s", path, movie, place.problem)
        raise FolderError(f"Refusing to delete the folder of {movie}: {place.problem}. {POINT_INSIDE}")
    return place


def _remove_folder(movie: Movie, place: Placement, recycle_bin: str) -> None:
    path = Path(place.path)
    if os.path.islink(path):
        _remove_link(movie, path)
    elif recycle_bin:
        destination = _recycle(path, Path(recycle_bin))
        logger.info("Moved folder '%s' of %s to the recycle bin at '%s'", path, movie, destination)
    else:
        shutil.rmtree(path)
        logger.warning("Deleted folder '%s' of %s permanently (no recycle bin)", path, movie)


def _remove_link(movie: Movie, link: Path) -> bool:
    """The movie's folder is a symbolic link: only the link goes, wherever it points stays as it is."""
    target = os.readlink(link)
    link.unlink()
    logger.warning("Movie folder '%s' of %s was a link to '%s': removed the link only", link, movie, target)
    return True
