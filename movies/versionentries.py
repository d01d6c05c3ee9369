"""The movie resource's `versions` array (our extension of Radarr's MovieResource): every version of the
movie, the primary one first, each with its own wishes, its file's id (`movieFileId`, 0 for none) and,
for an extra version, that file in Radarr's MovieFileResource shape (`movieFile`). The primary version's
file is the movie's own `movieFile`: written a second time it made the list of a library with two
versions per movie 1.6 times today's size and time, past the 1.5 times allowed (NOTES.md).

The rest of the movie resource stays the primary version as Radarr presents a movie, so clients that
know nothing of versions read what they always read. The array is written as JSON bytes from rows the
movie list already reads in bulk (movies.resources reads the extra versions in one query per batch);
the virtual per-template instance and the version endpoints read the same entries, so they never differ.
"""

from collections.abc import Callable
from typing import Any, NamedTuple

from movies.resourcevalues import BOOLEAN, dumps
from movies.versions import PRIMARY_NAME


class VersionRow(NamedTuple):
    """The MovieVersion columns a version entry reads, in the query's order (`file_id`: its file, by the
    one_file_per_version constraint at most one; None when it has none)."""

    movie_id: int
    pk: int
    name: str
    quality_profile_id: int
    root_folder_path: str
    path: str
    monitored: bool
    minimum_availability: str
    edition: str
    has_file: bool
    size_on_disk: int
    first_imported: Any  # SQLite's text or PostgreSQL's value, as the cursor gives it
    template_id: int | None
    file_id: int | None


# what each column is called on the queryset (the file id through the reverse relation of MovieFile)
VERSION_COLUMNS = (*VersionRow._fields[:-1], "files__id")
VERSION_ORDER = ("movie_id", "name", "pk")  # movies.versions lists the extras in this order too

_VERSION_TEMPLATE = (
    b'{"id":%d,"name":%s,"isPrimary":%s,"qualityProfileId":%d,"rootFolderPath":%s,"path":%s,"monitored":%s,'
    b'"minimumAvailability":%s,"edition":%s,"hasFile":%s,"sizeOnDisk":%d,"movieFileId":%d%s,"templateId":%d}'
)


class PrimaryVersion(NamedTuple):
    """What the primary version's entry reads of the movie row (the movie is its primary version)."""

    path: str
    root_folder_path: str
    quality_profile_id: int
    monitored: bool
    minimum_availability: str
    file_id: int  # its own file (the primary one), 0 for none
    size_on_disk: int  # that file's size: the movie's own total counts every file in the folder


# file_json for one file: (file row id, the version's folder, its profile id, its first import) → bytes
FileWriter = Callable[[int, str, int, Any], bytes | None]


def versions_json(primary: PrimaryVersion, extras: list[VersionRow], write_file: FileWriter) -> bytes:
    """`,"versions":[...]` for one movie; `write_file` writes an extra version's file (None when that
    row is gone)."""
    parts = [
        _VERSION_TEMPLATE % (
            0, dumps(PRIMARY_NAME), b"true", primary.quality_profile_id, dumps(primary.root_folder_path),
            dumps(primary.path), BOOLEAN[bool(primary.monitored)], dumps(primary.minimum_availability),
            b'""', BOOLEAN[primary.file_id > 0], primary.size_on_disk, primary.file_id, b"", 0,
        )
    ]  # fmt: skip
    for row in extras:
        folder = row.path or primary.path  # "" = the movie's folder, its file named with the suffix
        file = (
            write_file(row.file_id, folder, row.quality_profile_id, row.first_imported)
            if row.file_id
            else None
        )
        parts.append(
            _VERSION_TEMPLATE % (
                row.pk, dumps(row.name), b"false", row.quality_profile_id, dumps(row.root_folder_path),
                dumps(folder), BOOLEAN[bool(row.monitored)], dumps(row.minimum_availability),
                dumps(row.edition), BOOLEAN[bool(row.has_file)], row.size_on_disk,
                row.file_id if file else 0, b',"movieFile":%s' % file if file else b"", row.template_id or 0,
            )
        )  # fmt: skip
    return b',"versions":[' + b",".join(parts) + b"]"
