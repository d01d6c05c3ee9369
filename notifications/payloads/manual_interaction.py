"""ManualInteractionRequired: a completed download cannot be imported without a person."""

from __future__ import annotations

from typing import Any

from notifications import events as ev
from notifications.payloads.common import (
    custom_format_info,
    drop_nulls,
    envelope,
    grabbed_release_payload,
    movie_notice,
    movie_payload,
)
from notifications.payloads.notice import TITLES, Notice


def manual_interaction_notice(event: ev.ManualInteractionRequiredEvent) -> Notice:
    movie, grab = event.movie, event.release if event.movie else None
    payload: dict[str, Any] = {
        **envelope("ManualInteractionRequired"),
        "movie": movie_payload(movie) if movie else None,
        "downloadInfo": {
            "quality": event.quality or None,
            "qualityVersion": 1,
            "title": event.title,
            "size": event.size,
        },
        "downloadClient": event.download_client or None,
        "downloadClientType": (grab.download_client_type if grab else "") or None,
        "downloadId": event.download_id,
        "downloadStatus": "Warning",
        "downloadStatusMessages": [{"title": event.title, "messages": list(event.messages)}],
        "customFormatInfo": custom_format_info(grab),
        "release": grabbed_release_payload(grab),
    }
    text = f"{event.title}: " + "; ".join(event.messages) if event.messages else event.title
    if movie is not None:
        return movie_notice(event, movie, payload, text)
    return Notice(event=event, title=TITLES[event.event_type], message=text, payload=drop_nulls(payload))
