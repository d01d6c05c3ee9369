"""The movie resource's `versions` array (our extension of Radarr's MovieResource): every version of the
movie, the primary one first, each with its own wishes and its file's id (`movieFileId`, 0 for none).

The rest of the movie resource stays the primary version as Radarr presents a movie, so clients that
know nothing of versions read what they always read. The entries are written as JSON bytes from rows the
movie list already reads in bulk (movies.resources reads the extra versions in one query per batch).
A version's file in Radarr's MovieFileResource shape is in the version endpoints' entries
(`with_version_files`), not in the list: there it made a library with two versions per movie cost 1.5
to 1.7 times the list with one, past the 1.5 allowed (NOTES.md); the primary's is the movie's movieFile.
"""

from typing import Any, NamedTuple

import orjson

from movies.fileresources import FILE_COLUMNS, FileContext, FileRow, file_json
from movies.models import MovieFile
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
    template_id: int | None
    file_id: int | None


# what each column is called on the queryset (the file id through the reverse relation of MovieFile)
VERSION_COLUMNS = (*VersionRow._fields[:-1], "files__id")
VERSION_ORDER = ("movie_id", "name", "pk")  # movies.versions lists the extras in this order too

_VERSION_TEMPLATE = (
    b'{"id":%d,"name":%s,"isPrimary":%s,"qualityProfileId":%d,"rootFolderPath":%s,"path":%s,"monitored":%s,'
    b'"minimumAvailability":%s,"edition":%s,"hasFile":%s,"sizeOnDisk":%d,"movieFileId":%d,"templateId":%d}'
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


def versions_json(primary: PrimaryVersion, extras: list[VersionRow]) -> bytes:
    """`,"versions":[...]` for one movie."""
    parts = [
        _VERSION_TEMPLATE % (
            0, dumps(PRIMARY_NAME), b"true", primary.quality_profile_id, dumps(primary.root_folder_path),
            dumps(primary.path), BOOLEAN[bool(primary.monitored)], dumps(primary.minimum_availability),
            b'""', BOOLEAN[primary.file_id > 0], primary.size_on_disk, primary.file_id, 0,
        )
    ]  # fmt: skip
    for row in extras:
        parts.append(
            _VERSION_TEMPLATE % (
                row.pk, dumps(row.name), b"false", row.quality_profile_id, dumps(row.root_folder_path),
                dumps(row.path or primary.path),  # "" = the movie's folder, its file named with the suffix
                BOOLEAN[bool(row.monitored)], dumps(row.minimum_availability), dumps(row.edition),
                BOOLEAN[bool(row.has_file)], row.size_on_disk, row.file_id or 0, row.template_id or 0,
            )
        )  # fmt: skip
    return b',"versions":[' + b",".join(parts) + b"]"


def with_version_files(movie: dict[str, Any]) -> list[dict[str, Any]]:
    """The movie resource's `versions` entries, each extra version's with its file in Radarr's
    MovieFileResource shape (`movieFile`): its path in the version's folder, its cutoff judged by the
    version's profile. One query for the files; the primary's file is the movie's `movieFile`."""
    entries = movie["versions"]
    by_id = {entry["id"]: entry for entry in entries if not entry["isPrimary"] and entry["movieFileId"]}
    if not by_id:
        return entries
    extra = ("version_id", "version__quality_profile_id", "version__first_imported")
    rows = list(MovieFile.objects.filter(version__in=list(by_id)).values_list(*FILE_COLUMNS, *extra))
    context = FileContext(row[FILE_COLUMNS.index("release_group")] for row in rows)
    files = {}
    for row in rows:
        file_row, (version_id, profile_id, first_imported) = FileRow(*row[: len(FILE_COLUMNS)]), row[-3:]
        files[version_id] = file_json(
            file_row, by_id[version_id]["path"], profile_id, first_imported, context
        )
    return [
        entry | {"movieFile": orjson.loads(files[entry["id"]])} if entry["id"] in files else entry
        for entry in entries
    ]
