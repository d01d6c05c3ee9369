"""What every /api and /feed request gets before routing and after the view (one place for each rule)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
        for name, value in _CORS_HEADERS.items():
            response.setdefault(name, value)
        response["X-Application-Version"] = settings.RADARR_COMPAT_VERSION
        return response

    return middleware
