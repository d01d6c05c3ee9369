"""MovieAdded, MovieDelete and MovieFileDelete: the library gained or lost a movie or a file."""

from __future__ import annotations

from typing import Any

from notifications import events as ev
from notifications.payloads.common import (
    drop_nulls,
    envelope,
    label,
    movie_label,
    movie_notice,
    movie_payload,
    release_date,
    size_text,
    timestamp_text,
    version_label,
    with_version,
)
from notifications.payloads.notice import TITLES, Notice


def movie_added_notice(event: ev.MovieAddedEvent) -> Notice:
    movie = event.movie
    payload = {**envelope("MovieAdded"), "movie": movie_payload(movie), "addMethod": event.add_method}
    return movie_notice(event, movie, payload, f"{movie_label(movie)} added to the library")


def movie_delete_notice(event: ev.MovieDeleteEvent) -> Notice:
    snapshot = event.movie
    language = snapshot.original_language.name
    movie = {
        "id": snapshot.id,
        "title": snapshot.title,
        "year": snapshot.year,
        "releaseDate": release_date(snapshot),
        "folderPath": snapshot.path,
        "tmdbId": snapshot.tmdb_id,
        "imdbId": snapshot.imdb_id or None,
        "overview": snapshot.overview or None,
        "genres": list(snapshot.genres),
        "images": [],
        "tags": list(snapshot.tags),
        "originalLanguage": {"id": 0, "name": language} if language else None,
    }
    payload: dict[str, Any] = {
        **envelope("MovieDelete"),
        "movie": movie,
        "deletedFiles": event.deleted_files,
    }
    if event.deleted_files and snapshot.size_on_disk:
        payload["movieFolderSize"] = snapshot.size_on_disk
    with_files = " with its files" if event.deleted_files else ""
    message = f"{label(snapshot.title, snapshot.year)} removed{with_files}"
    return Notice(
        event=event,
        title=TITLES["MovieDelete"],
        message=message,
        payload=drop_nulls(payload),
        movie_id=snapshot.id,
        tag_ids=frozenset(snapshot.tag_ids),
        folder_path=snapshot.path,
    )


def movie_file_delete_notice(event: ev.MovieFileDeleteEvent) -> Notice:
    movie, movie_file = event.movie, event.movie_file
    file_payload = {
        "id": movie_file.id,
        "relativePath": movie_file.relative_path,
        "path": movie_file.path,
        "quality": movie_file.quality or None,
        "qualityVersion": movie_file.quality_version,
        "releaseGroup": movie_file.release_group or None,
        "sceneName": movie_file.scene_name or None,
        "indexerFlags": "0",
        "size": movie_file.size,
        "dateAdded": timestamp_text(movie_file.date_added),
        "languages": [],
        "recycleBinPath": event.recycle_bin_path or None,
    }
    payload = {
        **envelope("MovieFileDelete"),
        "movie": movie_payload(movie),
        "movieFile": file_payload,
        "deleteReason": event.reason,
    }
    with_version(payload, event.version)
    message = f"{version_label(movie, event.version)}: {movie_file.relative_path}"
    notice = movie_notice(event, movie, payload, message)
    notice.file_paths = (movie_file.path,)
    notice.fields = {"Reason": event.reason, "Size": size_text(movie_file.size)}
    if event.version is not None:
        notice.fields["Version"] = event.version.name
    return notice
