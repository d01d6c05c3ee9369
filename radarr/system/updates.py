"""GET /api/v3/update: updates are managed outside the app (a new image or `git pull` and `make run`),
so the list holds the installed version only, marked installed and latest, never installable."""

from typing import Any

from django.conf import settings

from radarr.system.status import BUILD_TIME

MANAGED_OUTSIDE = "Updates are managed outside the app: pull the new version, then start it again"


def update_resources() -> list[dict[str, Any]]:
    """Radarr's UpdateResource list; clients that compare `version` with the status see nothing newer."""
    return [
        {
            "id": 0,
            "version": settings.RADARR_COMPAT_VERSION,
            "branch": "main",
            "releaseDate": BUILD_TIME,
            "fileName": "",
            "url": "",
            "installed": True,
            "installedOn": BUILD_TIME,
            "installable": False,
            "latest": True,
            "changes": {"new": [MANAGED_OUTSIDE], "fixed": []},
            "hash": "",
        }
    ]
