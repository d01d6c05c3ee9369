"""Import facts ↔ Radarr's ManualImportResource and the command's file entries."""

from typing import Any

from imports.facts import ImportFacts
from imports.manual import ManualFile, item_id
from movies.resources import movie_resource
from movies.resourcevalues import language_resource
from movies.versions import versions_of
from releases.parse_resources import quality_model_resource
from releases.qualities import QUALITIES_BY_ID, UNKNOWN, QualityModel, Revision


def manual_import_resource(
    facts: ImportFacts,
    movies: dict[int, dict[str, Any]] | None = None,
    versions: dict[int, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Radarr's ManualImportResource, with ours: `versionId` (0: the primary version) and `versions`,
    the movie's versions the file may be imported as. `movies` and `versions` cache per movie."""
    movie = None
    movie_versions: list[dict[str, Any]] = []
    if facts.movie is not None:
        movies = movies if movies is not None else {}
        versions = versions if versions is not None else {}
        if facts.movie.pk not in movies:
            movies[facts.movie.pk] = movie_resource(facts.movie)
        if facts.movie.pk not in versions:
            versions[facts.movie.pk] = [
                {"id": version.key, "name": version.name} for version in versions_of(facts.movie)
            ]
        movie = movies[facts.movie.pk]
        movie_versions = versions[facts.movie.pk]
    return {
        "id": item_id(facts.path),
        "path": str(facts.path),
        "relativePath": facts.relative_path,
        "folderName": facts.folder_name,
        "name": facts.name,
        "size": facts.size,
        "movie": movie,
        "movieId": facts.movie.pk if facts.movie is not None else 0,
        "releaseGroup": facts.release_group,
        "quality": quality_model_resource(facts.quality),
        "languages": [language_resource(language_id) for language_id in facts.language_ids],
        "qualityWeight": facts.quality.quality.id,
        "downloadId": facts.download_id,
        "customFormats": [{"id": fid, "name": name} for fid, name in facts.matched_formats],
        "customFormatScore": facts.custom_format_score,
        "indexerFlags": facts.indexer_flags,
        "rejections": [{"reason": r.reason, "type": r.type} for r in facts.rejections],
        "versionId": facts.version.pk if facts.version is not None else 0,
        "versions": movie_versions,
    }


def quality_from_resource(value: Any) -> QualityModel | None:
    """A QualityModel from `{"quality": {"id"}, "revision": {...}}`; None when absent or unknown."""
    if not isinstance(value, dict):
        return None
    quality = value.get("quality") or {}
    quality_id = quality.get("id") if isinstance(quality, dict) else None
    if not isinstance(quality_id, int) or quality_id not in QUALITIES_BY_ID:
        return None
    revision = value.get("revision") or {}
    return QualityModel(
        QUALITIES_BY_ID.get(quality_id, UNKNOWN),
        Revision(
            int(revision.get("version", 1) or 1),
            int(revision.get("real", 0) or 0),
            bool(revision.get("isRepack", False)),
        ),
    )


def language_ids_from_resource(value: Any) -> list[int] | None:
    if not isinstance(value, list):
        return None
    ids = [entry.get("id") for entry in value if isinstance(entry, dict)]
    return [language_id for language_id in ids if isinstance(language_id, int)] or None


NO_SUCH_VERSION = -1  # a versionId that is not an id: refused as a version that does not exist
MAX_ID = 2**31 - 1  # the largest id a database column holds


def version_id_from_resource(value: Any) -> int | None:
    """`versionId` (ours): None for the primary version (absent, null or 0), else the id; a value that
    is no id at all becomes NO_SUCH_VERSION, so the file is refused rather than imported as primary."""
    if value is None or value == 0 and not isinstance(value, bool):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    return NO_SUCH_VERSION


def manual_file_from_resource(entry: Any) -> ManualFile | None:
    """One file of the ManualImport command or of POST /manualimport; None without a path."""
    if not isinstance(entry, dict):
        return None
    get = {str(key).lower(): value for key, value in entry.items()}.get
    path = get("path")
    if not isinstance(path, str) or not path:
        return None
    movie_id = get("movieid")
    movie = get("movie")
    if not movie_id and isinstance(movie, dict):
        movie_id = movie.get("id")
    release_group = get("releasegroup")
    return ManualFile(
        path=path,
        movie_id=movie_id if isinstance(movie_id, int) and movie_id > 0 else None,
        quality=quality_from_resource(get("quality")),
        language_ids=language_ids_from_resource(get("languages")),
        release_group=release_group if isinstance(release_group, str) else None,
        download_id=get("downloadid") or "",
        version_id=version_id_from_resource(get("versionid")),
    )
