"""The notification events of library changes, and the snapshots of a movie and its files that other
apps' events carry too: what notifications send, taken from the rows when the change happens, with
qualities, languages and indexer flags by name (notifications may not read releases)."""

import posixpath

from movies.filefolders import folder_of
from movies.models import Movie, MovieFile, MovieVersion
from notifications.events import MovieAddedEvent, MovieDeleteEvent, MovieFileDeleteEvent
from notifications.snapshots import (
    ImageSnapshot,
    LanguageSnapshot,
    MovieFileSnapshot,
    MovieSnapshot,
    VersionSnapshot,
)
from releases.customformats.specifications import INDEXER_FLAGS
from releases.languages import language_by_id
from releases.qualities import QUALITIES_BY_ID


def language_snapshot(language_id: int) -> LanguageSnapshot:
    try:
        language = language_by_id(language_id)
    except (KeyError, ValueError):
        return LanguageSnapshot(language_id, "Unknown")
    return LanguageSnapshot(language.id, language.name)


def quality_name(quality_id: int) -> str:
    quality = QUALITIES_BY_ID.get(quality_id)
    return quality.name if quality else "Unknown"


def indexer_flag_names(flags: int) -> tuple[str, ...]:
    """The names of Radarr's IndexerFlags bits set in `flags`."""
    return tuple(name for bit, name in INDEXER_FLAGS.items() if flags & bit)


def movie_snapshot(movie: Movie) -> MovieSnapshot:
    tags = list(movie.tags.all())
    return MovieSnapshot(
        id=movie.pk,
        title=movie.title,
        year=movie.year,
        path=movie.path,
        tmdb_id=movie.tmdb_id,
        imdb_id=movie.imdb_id or "",
        overview=movie.overview or "",
        genres=tuple(movie.genres or ()),
        images=tuple(
            ImageSnapshot(str(image.get("coverType", "")), image.get("remoteUrl"))
            for image in movie.images or []
        ),
        tags=tuple(sorted(tag.label for tag in tags)),
        tag_ids=tuple(tag.pk for tag in tags),
        original_language=language_snapshot(movie.original_language_id),
        in_cinemas=movie.in_cinemas.isoformat() if movie.in_cinemas else "",
        physical_release=movie.physical_release.isoformat() if movie.physical_release else "",
        size_on_disk=movie.size_on_disk,
    )


def movie_file_snapshot(movie_file: MovieFile, movie_path: str | None = None) -> MovieFileSnapshot:
    """The file as notifications describe it; its path inside `movie_path` (default: the folder holding
    it, its version's own folder for an extra version in its own root folder)."""
    folder = folder_of(movie_file) if movie_path is None else movie_path
    return MovieFileSnapshot(
        id=movie_file.pk,
        relative_path=movie_file.relative_path,
        path=posixpath.join(folder, movie_file.relative_path),
        size=movie_file.size,
        quality=quality_name(movie_file.quality_id),
        quality_version=(movie_file.revision or {}).get("version", 1),
        release_group=movie_file.release_group or "",
        scene_name=movie_file.scene_name or "",
        indexer_flags=indexer_flag_names(movie_file.indexer_flags),
        date_added=movie_file.date_added.isoformat() if movie_file.date_added else None,
        languages=tuple(language_snapshot(language_id) for language_id in movie_file.language_ids or ()),
        media_info=dict(movie_file.media_info or {}),
    )


def version_snapshot(version: MovieVersion | None) -> VersionSnapshot | None:
    """The extra version an event is about; None for the primary version (Radarr's payloads unchanged)."""
    return VersionSnapshot(version.pk, version.name) if version is not None else None


def file_version_snapshot(movie_file: MovieFile) -> VersionSnapshot | None:
    return version_snapshot(movie_file.version) if movie_file.version_id else None


def movie_added_event(movie: Movie) -> MovieAddedEvent:
    method = (movie.add_options or {}).get("addMethod") or "manual"
    return MovieAddedEvent(movie=movie_snapshot(movie), add_method=method)


def movie_delete_event(movie: Movie, *, deleted_files: bool) -> MovieDeleteEvent:
    """Taken before the delete: the row is gone when the event is sent."""
    return MovieDeleteEvent(movie=movie_snapshot(movie), deleted_files=deleted_files)


def file_delete_event(
    movie_file: MovieFile, reason: str, *, for_upgrade: bool = False
) -> MovieFileDeleteEvent:
    return MovieFileDeleteEvent(
        movie=movie_snapshot(movie_file.movie),
        movie_file=movie_file_snapshot(movie_file),
        reason=reason,
        for_upgrade=for_upgrade,
        version=file_version_snapshot(movie_file),
    )
