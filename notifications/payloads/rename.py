"""Rename: files of a movie were renamed."""

from __future__ import annotations

from notifications import events as ev
from notifications.payloads.common import (
    envelope,
    movie_file_payload,
    movie_label,
    movie_notice,
    movie_payload,
)
from notifications.payloads.notice import Notice


def rename_notice(event: ev.RenameEvent) -> Notice:
    movie = event.movie
    renamed = []
    for item in event.renamed:
        file_payload = movie_file_payload(item.file)
        file_payload["previousRelativePath"] = item.previous_relative_path
        file_payload["previousPath"] = item.previous_path
        renamed.append(file_payload)
    payload = {**envelope("Rename"), "movie": movie_payload(movie), "renamedMovieFiles": renamed}
    notice = movie_notice(event, movie, payload, movie_label(movie))
    notice.file_paths = tuple(item["path"] for item in renamed)
    return notice
