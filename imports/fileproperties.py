"""Editing what is known about movie files (quality, languages, edition, release group, scene name,
indexer flags): PUT /api/v3/moviefile/{id}, /moviefile/editor and /moviefile/bulk, as Radarr's.

Only what a request gives changes; the file's custom formats are matched again with the new facts.
"""

from dataclasses import dataclass
from typing import Any

from imports.resources import language_ids_from_resource, quality_from_resource
from movies.fileformats import assign_formats
from movies.models import MovieFile
from radarr.api.errors import invalid
from radarr.api.params import InsensitiveDict, whole_number
from releases.languages import ANY, ORIGINAL
from releases.parser import parse_movie_title
from releases.qualities import QualityModel

_EDITED = [
    "quality_id",
    "revision",
    "language_ids",
    "indexer_flags",
    "edition",
    "release_group",
    "scene_name",
]


@dataclass(frozen=True, slots=True)
class FileProperties:
    quality: QualityModel | None = None
    language_ids: list[int] | None = None
    indexer_flags: int | None = None
    edition: str | None = None
    release_group: str | None = None
    scene_name: str | None = None


def _text(body: InsensitiveDict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise invalid(name, f"'{name}' must be text", value)
    return value


def file_properties(body: InsensitiveDict) -> FileProperties:
    """The properties a MovieFileResource or MovieFileListResource body sets; a 400 on a wrong type."""
    quality = None
    if body.get("quality") is not None:
        try:
            quality = quality_from_resource(body.get("quality"))
        except (TypeError, ValueError):
            quality = None
        if quality is None:
            raise invalid("quality", "'Quality' is not a known quality", body.get("quality"))
    languages = body.get("languages")
    if languages is not None and not isinstance(languages, list):
        raise invalid("languages", "'Languages' must be a list", languages)
    flags = body.get("indexerFlags")
    return FileProperties(
        quality=quality,
        language_ids=language_ids_from_resource(languages) or ([] if languages is not None else None),
        indexer_flags=whole_number("indexerFlags", flags, minimum=0) if flags is not None else None,
        edition=_text(body, "edition"),
        release_group=_text(body, "releaseGroup"),
        scene_name=_text(body, "sceneName"),
    )


def is_scene_name(name: str) -> bool:
    """Radarr keeps only a scene-like name (dots, no spaces, a quality and a group can be read)."""
    if " " in name or "." not in name:
        return False
    parsed = parse_movie_title(name)
    return parsed is not None and parsed.quality.quality.id != 0 and bool(parsed.release_group)


def apply_file_properties(movie_file: MovieFile, properties: FileProperties) -> None:
    if properties.quality is not None:
        movie_file.quality_id = properties.quality.quality.id
        revision = properties.quality.revision
        movie_file.revision = {
            "version": revision.version,
            "real": revision.real,
            "isRepack": revision.is_repack,
        }
    if properties.language_ids is not None:  # Any and Original are choices for profiles, not files
        movie_file.language_ids = [pk for pk in properties.language_ids if pk not in (ANY.id, ORIGINAL.id)]
    if properties.indexer_flags is not None:
        movie_file.indexer_flags = properties.indexer_flags
    if properties.edition is not None:
        movie_file.edition = properties.edition
    if properties.release_group is not None:
        movie_file.release_group = properties.release_group
    if properties.scene_name is not None and is_scene_name(properties.scene_name):
        movie_file.scene_name = properties.scene_name


def edit_movie_files(changes: dict[int, FileProperties]) -> list[MovieFile]:
    """Apply each file's changes (unknown ids are skipped, as Radarr does) and save them together."""
    files = list(MovieFile.objects.select_related("movie").filter(pk__in=changes).order_by("pk"))
    for movie_file in files:
        apply_file_properties(movie_file, changes[movie_file.pk])
        assign_formats([movie_file], movie_file.movie)
    MovieFile.objects.bulk_update(files, [*_EDITED, "custom_format_ids", "custom_formats_stamp"])
    return files


def body_properties(body: Any) -> InsensitiveDict:
    if not isinstance(body, dict):
        raise invalid("", "Each movie file must be a JSON object", body)
    return InsensitiveDict(body)
