"""Grab: a release was sent to a download client."""

from __future__ import annotations

from notifications import events as ev
from notifications.payloads.common import (
    custom_format_info,
    envelope,
    language_payload,
    movie_notice,
    movie_payload,
    remote_movie_payload,
    size_text,
    version_label,
    with_version,
)
from notifications.payloads.notice import Notice


def grab_notice(event: ev.GrabEvent) -> Notice:
    movie, grab = event.movie, event.release
    release = {
        "quality": grab.quality,
        "qualityVersion": grab.quality_version,
        "releaseGroup": grab.release_group or None,
        "releaseTitle": grab.title,
        "indexer": grab.indexer or None,
        "size": grab.size,
        "customFormatScore": grab.custom_format_score,
        "customFormats": [item.name for item in grab.custom_formats],
        "languages": [language_payload(language) for language in grab.languages],
        "indexerFlags": list(grab.indexer_flags),
    }
    payload = {
        **envelope("Grab"),
        "movie": movie_payload(movie),
        "remoteMovie": remote_movie_payload(movie),
        "release": release,
        "downloadClient": grab.download_client or None,
        "downloadClientType": grab.download_client_type or None,
        "downloadId": grab.download_id or None,
        "customFormatInfo": custom_format_info(grab),
    }
    with_version(payload, event.version)
    notice = movie_notice(event, movie, payload, f"{version_label(movie, event.version)} [{grab.quality}]")
    notice.message = (
        f"{grab.title}" if event.version is None else f"{grab.title} (for the {event.version.name} version)"
    )
    notice.fields = {
        "Movie": version_label(movie, event.version),
        "Quality": grab.quality,
        "Size": size_text(grab.size),
        "Group": grab.release_group,
        "Indexer": grab.indexer,
        "Download Client": grab.download_client,
        "Custom Formats": ", ".join(release["customFormats"]),
        "Custom Format Score": str(grab.custom_format_score),
    }
    return notice
