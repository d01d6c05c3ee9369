"""Which row a PUT means: the id in the path, else the one in the body (Overseerr, pyarr send none)."""

from typing import Any

from radarr.api.errors import invalid


def resource_id(path_id: int | None, body: dict[str, Any]) -> int:
    """Radarr uses the path id unless it is absent or 0; an id that is still not positive is a 400."""
    chosen = path_id or body.get("id")
    try:
        value = int(chosen) if chosen is not None else 0
    except (TypeError, ValueError):
        value = 0
    if value <= 0:
        raise invalid("id", "Id must be set, in the path or in the body", chosen)
    return value
