"""What an event says about the movie, its files and the release, taken when the change happened.

Plain frozen dataclasses of names and values (never ids to look up, never model instances): the one
function that makes a change builds them from the rows it holds (`movies.events`, `downloads.events`,
`imports.events`) and the event carries them, so the worker formats exactly what happened without
reading other apps' rows, even once those rows have changed or gone. Quality, language and flag
names are resolved by the caller: releases sits to the right of notifications.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LanguageSnapshot:
    id: int
    name: str  # "Unknown" for an id Radarr's table lacks


@dataclass(frozen=True)
class ImageSnapshot:
    cover_type: str  # as TMDB data holds it ("Poster", "fanart"...)
    remote_url: str | None = None


@dataclass(frozen=True)
class MovieSnapshot:
    id: int
    title: str
    year: int
    path: str  # the movie's folder
    tmdb_id: int
    imdb_id: str = ""
    overview: str = ""
    genres: tuple[str, ...] = ()
    images: tuple[ImageSnapshot, ...] = ()
    tags: tuple[str, ...] = ()  # labels, sorted
    tag_ids: tuple[int, ...] = ()  # for matching notifications by tag
    original_language: LanguageSnapshot = LanguageSnapshot(0, "Unknown")
    in_cinemas: str = ""  # ISO days, "" when unknown
    physical_release: str = ""
    size_on_disk: int = 0


@dataclass(frozen=True)
class MovieFileSnapshot:
    id: int
    relative_path: str
    path: str  # the movie's folder joined with relative_path
    size: int
    quality: str  # the quality's name
    quality_version: int = 1
    release_group: str = ""
    scene_name: str = ""
    indexer_flags: tuple[str, ...] = ()  # Radarr's IndexerFlags names
    date_added: str | None = None  # ISO 8601
    languages: tuple[LanguageSnapshot, ...] = ()
    media_info: dict[str, Any] = field(default_factory=dict)  # as MovieFile.media_info stores it


@dataclass(frozen=True)
class VersionSnapshot:
    """An extra version of a movie (4K, Extended...) an event is about; events of the primary version
    carry none, so their payloads stay Radarr's."""

    id: int
    name: str


@dataclass(frozen=True)
class CustomFormatSnapshot:
    id: int | None
    name: str | None


@dataclass(frozen=True)
class ReleaseSnapshot:
    """A grabbed release as its Grabbed history row recorded it, with the client it went to."""

    title: str
    quality: str
    quality_version: int = 1
    release_group: str = ""
    indexer: str = ""
    size: int = 0
    custom_formats: tuple[CustomFormatSnapshot, ...] = ()
    custom_format_score: int = 0
    languages: tuple[LanguageSnapshot, ...] = ()
    indexer_flags: tuple[str, ...] = ()  # Radarr's IndexerFlags names
    download_client: str = ""  # the client's name
    download_client_type: str = ""  # its kind as the UI names it ("qBittorrent")
    download_id: str = ""


@dataclass(frozen=True)
class RenamedFileSnapshot:
    file: MovieFileSnapshot  # after the rename
    previous_relative_path: str
    previous_path: str
    version: VersionSnapshot | None = None  # the extra version whose file it is
