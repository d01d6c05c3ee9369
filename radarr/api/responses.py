"""JSON in and out, in Radarr's conventions: camelCase, nulls left out, whole-second UTC datetimes with Z."""

from datetime import timedelta
from typing import Any

import orjson
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from radarr.api.errors import ApiError, invalid
from radarr.api.params import InsensitiveDict

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_OMIT_MICROSECONDS | orjson.OPT_NAIVE_UTC


def without_nulls(value: Any) -> Any:
    """Drop None-valued properties at every depth (Bazarr crashes on `"movieFile": null`)."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def json_response(data: Any, status: int = 200, *, headers: dict[str, str] | None = None) -> HttpResponse:
    """Serialize with orjson; `data` may hold dicts, lists, enums, datetimes and dates."""
    body = orjson.dumps(without_nulls(data), option=_OPTIONS)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8", headers=headers)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "Request body is too large", f"The limit is {limit} bytes")


def request_body(request: HttpRequest, *, bulk: bool = False) -> bytes:
    """The raw body; one past DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 (Django would answer 400 itself).

    `bulk` is for the few endpoints that take a whole library in one array (movie/import, movie/editor:
    Radarr's UI and Kometa send 20,000 movies at once): their limit is RADARR_BULK_BODY_MAX_SIZE."""
    if not bulk:
        try:
            return request.body
        except RequestDataTooBig:
            raise _too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) from None
    limit = settings.RADARR_BULK_BODY_MAX_SIZE
    if hasattr(request, "_body"):  # already read (a middleware looked at it)
        body = request._body
    else:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise _too_large(limit)
        # Django's `body` checks the tight limit; read the stream ourselves and keep it where `body`
        # finds it, so later readers see the same bytes
        body = request.read(limit + 1)
        request._body = body
    if len(body) > limit:
        raise _too_large(limit)
    return body


_NUL_ESCAPE = b"\\u0000"


def read_json(request: HttpRequest, *, bulk: bool = False) -> Any:
    """The request body as JSON; malformed or empty JSON is a 400 in Radarr's error shape, and so is
    text holding a NUL character (PostgreSQL cannot store one; no setting or name needs it)."""
    body = request_body(request, bulk=bulk)
    if not body:
        raise ApiError(400, "Request body is empty", "A JSON body is required")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise ApiError(400, "Invalid JSON in request body", str(error)) from error
    # JSON can hold a NUL only as the escape \u0000 (a raw one is invalid JSON), so a body without that
    # escape is not walked: a whole library's body would be, item by item, with a path string for each
    if _NUL_ESCAPE in body and (where := nul_in(data)):
        raise invalid(where.removeprefix("body").removeprefix("."), "Text may not contain a NUL character")
    return data


def nul_in(data: Any) -> str | None:
    """The property path of the first text (value or name) holding a NUL character, else None.
    A loop, not recursion: orjson reads 1,024 levels of nesting, past Python's recursion limit."""
    pending: list[tuple[str, Any]] = [("body", data)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, str) and "\x00" in value:
            return where
        if isinstance(value, list):
            pending += [(f"{where}[{index}]", item) for index, item in enumerate(value)]
        elif isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    return f"{where}.{key.replace(chr(0), '?')}"
                pending.append((f"{where}.{key}", item))
    return None


def read_json_object(request: HttpRequest, *, bulk: bool = False) -> InsensitiveDict:
    """A JSON object body whose keys are looked up ignoring case, as Radarr matches input names."""
    body = read_json(request, bulk=bulk)
    if not isinstance(body, dict):
        raise ApiError(400, "Request body must be a JSON object")
    return InsensitiveDict(body)


def timespan(value: timedelta | None) -> str | None:
    """A .NET TimeSpan string, as Radarr writes durations: `00:00:01.5000000`, `1.02:03:04`."""
    if value is None:
        return None
    total = value.total_seconds()
    days, rest = divmod(int(total), 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    ticks = round((total - int(total)) * 10_000_000)
    text = f"{hours:02}:{minutes:02}:{seconds:02}" + (f".{ticks:07}" if ticks else "")
    return f"{days}.{text}" if days else text
