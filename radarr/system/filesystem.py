"""The folder browser behind GET /api/v3/filesystem (Radarr's UI and Bazarr pick paths with it).

Only what the server's own user may open is listed: folders it cannot enter are left out, and a path it
cannot read (or that does not exist, or is not a path at all) answers an empty listing, never an error.
As in Radarr, a path is read up to its last `/` unless it names an existing folder and the client
allows folders without a trailing slash; "/" lists the top-level folders.
"""

import os
import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# Folders file servers and operating systems keep for themselves (Radarr hides the same)
_SPECIAL_FOLDERS = frozenset(
    {"$recycle.bin", "system volume information", "recycler", "lost+found", "@eadir", "#recycle", "@recycle"}
)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "folder" or "file"
    name: str
    path: str
    last_modified: datetime | None
    size: int = 0

    def as_resource(self) -> dict[str, Any]:
        resource: dict[str, Any] = {
            "type": self.kind,
            "name": self.name,
            "path": self.path,
            "lastModified": self.last_modified,
        }
        if self.kind == "file":
            resource["extension"] = posixpath.splitext(self.name)[1]
            resource["size"] = self.size
        return resource


def _parent(folder: str) -> str | None:
    """The folder above, with a trailing slash; None above "/" (Radarr's GetParent)."""
    trimmed = folder.rstrip("/")
    if not trimmed:
        return None
    return posixpath.dirname(trimmed).rstrip("/") + "/"


def _modified(stat: os.stat_result) -> datetime:
    return datetime.fromtimestamp(stat.st_mtime, tz=UTC).replace(microsecond=0)


def _visible(entry: os.DirEntry) -> bool:
    """A folder the server's user may open and list, and not one the system keeps for itself."""
    return entry.name.lower() not in _SPECIAL_FOLDERS and os.access(entry.path, os.R_OK | os.X_OK)


def _entries(folder: str, include_files: bool) -> tuple[list[Entry], list[Entry]]:
    directories: list[Entry] = []
    files: list[Entry] = []
    with os.scandir(folder) as scan:
        for entry in scan:
            try:
                if entry.is_dir(follow_symlinks=True):
                    if _visible(entry):
                        path = posixpath.join(folder, entry.name) + "/"
                        directories.append(Entry("folder", entry.name, path, _modified(entry.stat())))
                elif include_files and entry.is_file(follow_symlinks=True):
                    stat = entry.stat()
                    path = posixpath.join(folder, entry.name)
                    files.append(Entry("file", entry.name, path, _modified(stat), stat.st_size))
            except OSError:
                continue  # gone or unreadable while listing: leave it out
    return sorted(directories, key=lambda e: e.name), sorted(files, key=lambda e: e.name)


def folder_listing(
    query: str, include_files: bool = False, allow_without_slash: bool = False
) -> dict[str, Any]:
    """Radarr's FileSystemResult: `{parent, directories, files}` of the folder `query` points into."""
    query = query or "/"
    if "\x00" in query or not query.startswith("/"):
        return {"directories": [], "files": []}
    if allow_without_slash and os.path.isdir(query):
        folder = query.rstrip("/") + "/"
    else:
        folder = query[: query.rindex("/") + 1]
    folder = posixpath.normpath(folder).rstrip("/") + "/" if folder != "/" else "/"
    parent = _parent(folder)
    try:
        directories, files = _entries(folder, include_files)
    except (OSError, ValueError):  # missing, not a folder, not allowed, name too long
        return {"parent": parent, "directories": [], "files": []}
    return {
        "parent": parent,
        "directories": [entry.as_resource() for entry in directories],
        "files": [entry.as_resource() for entry in files],
    }


def entity_type(path: str) -> str:
    """ "file" for an existing file; "folder" otherwise, even when nothing is there (Radarr's answer,
    which tells a caller nothing about what does not exist)."""
    try:
        return "file" if path and "\x00" not in path and os.path.isfile(path) else "folder"
    except (OSError, ValueError):
        return "folder"
