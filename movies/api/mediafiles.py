"""GET /api/v3/filesystem/mediafiles?path=: the video files under a folder (manual import's picker)."""

import os
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

from movies.scanning import find_video_files
from radarr.api.auth import api_view
from radarr.api.responses import json_response


@api_view("GET")
def media_files(request: HttpRequest) -> HttpResponse:
    """`[{path, relativePath, name}]`; a folder that is not there (or not readable) has none."""
    folder = request.query.get("path") or ""  # type: ignore[attr-defined]
    try:
        if "\x00" in folder or not os.path.isdir(folder):
            return json_response([])
        found = find_video_files(Path(folder))
    except (OSError, ValueError):
        return json_response([])
    root = folder.rstrip("/") or "/"
    return json_response(
        [
            {
                "path": os.path.join(root, video.relative_path),
                "relativePath": video.relative_path,
                "name": os.path.basename(video.relative_path),
            }
            for video in found
        ]
    )


api_v3 = [path("filesystem/mediafiles", media_files)]
