"""What every /api and /feed request gets before routing and after the view (one place for each rule)."""

import re
from collections.abc import Callable

import orjson
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from radarr.memory import release_database_memory, trim_heap

_CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "86400",
}


def _api_prefixes() -> tuple[str, ...]:
    return (f"{settings.URL_BASE}/api", f"{settings.URL_BASE}/feed")


def normalized_api_path(path: str, prefixes: tuple[str, ...]) -> str | None:
    """Lower-case the API path and drop a trailing slash: clients call `/qualityProfile/`, `/API/V3/Movie`.

    Returns None for paths outside the API. Everything we route under /api is lower-case, and no
    redirect is ever sent (Prowlarr reports one as "Radarr URL is invalid").
    """
    for prefix in prefixes:
        rest = path[len(prefix) :]
        # the prefix too: Radarr matches `/API/V3/Movie` (and the URL base) without regard to case
        if path[: len(prefix)].lower() == prefix.lower() and (rest == "" or rest.startswith("/")):
            rest = rest.lower()
            if rest.endswith("/"):
                rest = rest.rstrip("/")
            return prefix + rest
    return None


_TRAILING_ID = re.compile(r"/[0-9]+$")
LARGE_RESPONSE = 1024 * 1024  # bytes: past this the heap is trimmed after the answer is built


def created_location(path: str, response: HttpResponse) -> str | None:
    """Where a 201 or 202 answer's resource lives, as Radarr's CreatedAtAction/AcceptedAtAction say:
    the collection's path and the id of the JSON object answered (a list or a body without an id: none).
    """
    if response.status_code not in (201, 202) or not response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return None
    content = getattr(response, "content", b"")
    if not content.startswith(b"{"):
        return None
    resource_id = orjson.loads(content).get("id")
    if not isinstance(resource_id, int) or isinstance(resource_id, bool) or resource_id <= 0:
        return None
    return f"{_TRAILING_ID.sub('', path)}/{resource_id}"


def api_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    prefixes = _api_prefixes()

    def middleware(request: HttpRequest) -> HttpResponse:
        path = normalized_api_path(request.path_info, prefixes)
        if path is None:
            return get_response(request)
        request.path_info = path
        # a CORS preflight is answered without a key, as Radarr does
        response = HttpResponse(status=204) if request.method == "OPTIONS" else get_response(request)
        if "Location" not in response and (location := created_location(path, response)):
            response["Location"] = location
        for name, value in _CORS_HEADERS.items():
            response.setdefault(name, value)
        response["X-Application-Version"] = settings.RADARR_COMPAT_VERSION
        if len(getattr(response, "content", b"") if not response.streaming else b"") > LARGE_RESPONSE:
            release_database_memory()  # the rows read for it fill this thread's page cache
            trim_heap()  # the pieces of a whole library's JSON are freed: give their pages back
        return response

    return middleware
