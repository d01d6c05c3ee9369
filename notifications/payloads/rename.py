"""Rename: files of a movie were renamed."""

from __future__ import annotations

from notifications import events as ev
from notifications.payloads.common import (
    envelope,
    movie_file_payload,
    movie_label,
    movie_notice,
    movie_payload,
    with_version,
)
from notifications.payloads.notice import Notice


def rename_notice(event: ev.RenameEvent) -> Notice:
    movie = event.movie
    renamed = []
    for item in event.renamed:
        file_payload = movie_file_payload(item.file)
        file_payload["previousRelativePath"] = item.previous_relative_path
        file_payload["previousPath"] = item.previous_path
        renamed.append(with_version(file_payload, item.version))
    payload = {**envelope("Rename"), "movie": movie_payload(movie), "renamedMovieFiles": renamed}
    notice = movie_notice(event, movie, payload, _renamed_label(event))
    notice.file_paths = tuple(item["path"] for item in renamed)
    return notice


def _renamed_label(event: ev.RenameEvent) -> str:
    """The movie, with the versions whose files were renamed when an extra one is among them:
    "Arrival (2016) [4K]", "Arrival (2016) [Primary, 4K]"; only the primary's: Radarr's message."""
    names = list(dict.fromkeys(item.version.name if item.version else "Primary" for item in event.renamed))
    if names in ([], ["Primary"]):
        return movie_label(event.movie)
    return f"{movie_label(event.movie)} [{', '.join(names)}]"
