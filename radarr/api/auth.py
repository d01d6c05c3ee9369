"""`api_view`: the one decorator every v3 endpoint wears (API key, methods, CSRF, errors)."""

import hmac
import logging
import traceback
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from radarr.api.errors import ApiError
from radarr.api.params import QueryParams
from radarr.hostconfig import stored_host_settings

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def request_api_key(request: HttpRequest) -> str | None:
    """Radarr's order: `apikey` query parameter, `X-Api-Key` header, then `Authorization: Bearer`."""
    for name, value in request.GET.items():
        if name.lower() == "apikey" and value:  # an empty one (`?apikey=`) is as good as none
            return value
    if key := request.headers.get("X-Api-Key"):
        return key
    authorization = request.headers.get("Authorization", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None  # a Basic header belongs to a reverse proxy: ignored, not rejected


def has_valid_api_key(request: HttpRequest) -> bool:
    """The main key, or a version template's own key on its virtual instance (movies.versioninstance
    sets `instance_api_key`; "" there means the main key)."""
    stored_host_settings()  # takes a key reset by another process
    key = request_api_key(request)
    expected = getattr(request, "instance_api_key", "") or settings.RADARR_API_KEY
    return key is not None and hmac.compare_digest(key.encode(), expected.encode())


def server_error(error: Exception) -> HttpResponse:
    """A 500 in Radarr's `{message, description}` shape; the stack trace only with DEBUG on."""
    logger.exception("Unhandled error in API request")
    description = "".join(traceback.format_exception(error)) if settings.DEBUG else None
    return ApiError(500, str(error) or type(error).__name__, description).response()


def api_view(*methods: str) -> Callable[[View], View]:
    """Require the API key, allow `methods` (GET implies HEAD), turn ApiError into Radarr's bodies."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            try:
                authorized = has_valid_api_key(request)
            except SuspiciousOperation as error:  # more query fields than Django reads: JSON, not HTML
                return ApiError(400, str(error)).response()
            if not authorized:
                return ApiError(401, "Unauthorized", "A valid API key is required").response()
            if request.method not in allowed:
                response = ApiError(405, f"Method {request.method} is not allowed here").response()
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            request.query = QueryParams(request.GET)  # type: ignore[attr-defined]
            try:
                return view(request, *args, **kwargs)
            except ApiError as error:
                return error.response()
            except Exception as error:  # noqa: BLE001 - every failure answers JSON, never an HTML page
                return server_error(error)

        return login_not_required(csrf_exempt(wrapper))

    return decorate
