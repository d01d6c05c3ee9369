"""Download (and Upgrade): a file was imported for a movie."""

from __future__ import annotations

from typing import Any

from notifications import events as ev
from notifications.payloads.common import (
    custom_format_info,
    envelope,
    grabbed_release_payload,
    movie_file_payload,
    movie_label,
    movie_notice,
    movie_payload,
    remote_movie_payload,
    size_text,
    version_label,
    with_version,
)
from notifications.payloads.notice import TITLES, Notice


def download_notice(event: ev.DownloadEvent) -> Notice:
    movie, movie_file, grab = event.movie, event.movie_file, event.release
    file_payload = movie_file_payload(movie_file)
    if event.source_path:
        file_payload["sourcePath"] = event.source_path
    payload: dict[str, Any] = {
        **envelope("Download"),
        "movie": movie_payload(movie, file_path=file_payload["path"]),
        "remoteMovie": remote_movie_payload(movie),
        "movieFile": file_payload,
        "isUpgrade": event.is_upgrade,
        "downloadClient": event.download_client or (grab.download_client if grab else "") or None,
        "downloadClientType": (grab.download_client_type if grab else "") or None,
        "downloadId": event.download_id or None,
        "customFormatInfo": custom_format_info(grab),
        "release": grabbed_release_payload(grab),
    }
    if event.is_upgrade:
        payload["deletedFiles"] = [movie_file_payload(deleted) for deleted in event.deleted_files]
    with_version(payload, event.version)
    quality = file_payload["quality"]
    if event.version is None:
        message = f"{movie_label(movie)} [{quality}]"
    else:
        message = f"{version_label(movie, event.version)} imported [{quality}]"
    notice = movie_notice(event, movie, payload, message)
    if event.is_upgrade:
        notice.title = TITLES["Upgrade"]
    notice.file_paths = (file_payload["path"],)
    notice.fields = {
        "Movie": movie_label(movie),
        **({"Version": event.version.name} if event.version is not None else {}),
        "Quality": quality,
        "Size": size_text(movie_file.size),
        "Group": movie_file.release_group,
        "Release": movie_file.scene_name,
    }
    return notice
