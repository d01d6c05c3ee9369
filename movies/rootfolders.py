"""Which configured root folder holds a movie folder: the one rule every write, move and delete asks.

Radarr takes a path's parent as its root folder when no configured one holds it, so a movie pointed at
`/etc/ssl` would have `/etc` as its root folder and "delete files" would remove `/etc/ssl`. Here a movie's
folder always lies strictly inside a configured root folder (never the root folder itself), twice over:
as written, once `..`, `.` and duplicate slashes are resolved, and on disk, once symbolic links are
followed (os.path.realpath, which also resolves a path that does not exist yet through the part that
does). Both must name the same root folder, so a path that only looks inside through a `..` or a link
that leads out is refused, while a root folder that is itself a link (a NAS share mounted elsewhere)
keeps working.

Adding, editing, the bulk editor, collections, library import, imports, renaming, moving and deleting
all ask `placement`; nothing else decides whether a path may hold a movie's files.
"""

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from movies.models import Movie, RootFolder
from radarr.api.errors import Failure

MAX_PATH_LENGTH = Movie._meta.get_field("path").max_length  # what the column stores (PostgreSQL enforces it)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a path lies among the configured root folders."""

    path: str  # as written, `..` and duplicate slashes resolved: what is stored and acted on
    root_folder: str = ""  # the configured root folder it lies strictly inside as written; "" if none
    problem: str = ""  # why it may not be a movie's folder, for people; "" when it may

    @property
    def is_movie_folder(self) -> bool:
        return not self.problem


def configured_root_folders() -> list[str]:
    """The configured root folders, normalised (rows written before normalisation may end in a slash)."""
    return [posixpath.normpath(path) for path in RootFolder.objects.values_list("path", flat=True) if path]


def _is_valid(path: object) -> bool:
    return (
        isinstance(path, str)
        and posixpath.isabs(path.strip())
        and "\0" not in path
        and len(path) <= MAX_PATH_LENGTH
    )


def _strictly_inside(path: str, folder: str) -> bool:
    return path != folder and path.startswith(folder.rstrip("/") + "/")


def configured_root_folder(path: object, roots: Iterable[str] | None = None) -> str:
    """The configured root folder `path` names (RootFolderPath in a request), or "" when none."""
    if not _is_valid(path):
        return ""
    wanted = posixpath.normpath(str(path).strip())
    return next((root for root in _roots(roots) if root == wanted), "")


def _roots(roots: Iterable[str] | None) -> list[str]:
    return configured_root_folders() if roots is None else [posixpath.normpath(root) for root in roots]


def placement(path: object, roots: Iterable[str] | None = None) -> Placement:
    """Whether `path` may be a movie's folder: strictly inside one configured root folder, as written and
    on disk. `roots` saves the query when many paths are checked."""
    if not _is_valid(path):
        return Placement(str(path), problem="Invalid Path")
    written = str(path).strip()
    normal = posixpath.normpath(written)
    roots = _roots(roots)
    if normal in roots:
        return Placement(normal, problem=f"Path '{normal}' is already configured as a root folder")
    root = next((root for root in roots if _strictly_inside(normal, root)), "")
    if not root:
        return Placement(normal, problem=f"Path '{normal}' is not inside a root folder")
    real_root = os.path.realpath(root)
    for candidate in {written, normal}:  # `a/link/..` is not `a` on disk when `link` leads elsewhere
        real = os.path.realpath(candidate)
        if real == real_root:
            problem = f"Path '{written}' is the root folder '{root}' through a symbolic link"
            return Placement(normal, root, problem)
        if not _strictly_inside(real, real_root):
            problem = f"Path '{written}' leads outside the root folder '{root}' through a symbolic link"
            return Placement(normal, root, problem)
    return Placement(normal, root)


def path_failure(property_name: str, path: object, roots: Iterable[str] | None = None) -> Failure | None:
    """The validation failure (Radarr's shape) of a requested movie folder outside every root folder."""
    found = placement(path, roots)
    return Failure(property_name, found.problem, path) if found.problem else None


def root_folder_failure(
    property_name: str, path: object, roots: Iterable[str] | None = None
) -> Failure | None:
    """Radarr's RootFolderExistsValidator: a RootFolderPath must be one of the configured root folders."""
    if configured_root_folder(path, roots):
        return None
    if not _is_valid(path):
        return Failure(property_name, "Invalid Path", path)
    return Failure(property_name, f"Root folder '{str(path).strip()}' does not exist", path)


def stays_inside(path: str, folder: str) -> bool:
    """Whether `path` lies strictly inside `folder`, as written and on disk: a file name built from a
    naming format or a release title must not climb out of the movie's folder (`..`, a link)."""
    written, normal = posixpath.normpath(folder), posixpath.normpath(path)
    return _strictly_inside(normal, written) and _strictly_inside(
        os.path.realpath(path), os.path.realpath(folder)
    )
