"""A version template's virtual instance: `/<url_base>/api/v3/...` answers as a separate Radarr that
holds only that version of every movie (Overseerr's and Jellyseerr's "4K server" point at it).

The middleware recognises the prefix (after the app's own URL base), strips it and routes the request
with radarr.instanceurls: the endpoints that differ are the instance's own views (movies/api/
versioninstance.py, imports/instanceapi.py), the queue and history filter on `version_template`, and
every other route is the main one. The instance's API key is the template's own when it has one.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, get_resolver

from movies.calendar import RELEASE_TYPES, calendar_movies
from movies.models import MovieQuerySet, MovieVersion, VersionTemplate
from radarr.api.errors import Failure

INSTANCE_URLCONF = "radarr.instanceurls"
# what an instance serves; anything else under its prefix is the main instance's page (a redirect)
_SERVED = {"api", "feed", "ping"}
_SEGMENT = re.compile(r"[A-Za-z0-9._-]*")
_URL_BASE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")  # a slug, as the template CRUD checks it


def instance_template(request: HttpRequest) -> VersionTemplate | None:
    """The template whose virtual instance this request was sent to; None for the main instance."""
    return getattr(request, "version_template", None)


def instance_calendar_movies(
    request: HttpRequest,
    start: date,
    end: date,
    *,
    include_unmonitored: bool = False,
    tag_ids: Iterable[int] = (),
    release_types: Iterable[str] = tuple(RELEASE_TYPES),
) -> MovieQuerySet:
    """movies.calendar.calendar_movies of the request's instance: on a version's instance, the movies
    with that version, "monitored" being the version's (the movie itself is often unwanted there)."""
    template = instance_template(request)
    options = {"tag_ids": tag_ids, "release_types": release_types}
    if template is None:
        return calendar_movies(start, end, include_unmonitored=include_unmonitored, **options)
    versions = MovieVersion.objects.filter(template=template)
    if not include_unmonitored:
        versions = versions.filter(monitored=True)
    movies = calendar_movies(start, end, include_unmonitored=True, **options)
    return movies.filter(pk__in=versions.values("movie_id"))


# ---- which first path segments the main instance routes (a url_base may not take one)


def _route_texts(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> Iterable[str]:
    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from _route_texts(pattern.url_patterns, text)
        else:
            yield text


@cache
def reserved_segments() -> frozenset[str]:
    """The first path segments (after the URL base) of every route of the main instance, lower-case:
    `api`, `movie`, `settings`, `static`, `admin`... A virtual instance never hides one of them."""
    base = settings.URL_BASE.strip("/")
    found = {settings.STATIC_URL.strip("/").rpartition("/")[2].lower()}
    for text in _route_texts(get_resolver(settings.ROOT_URLCONF).url_patterns):
        if base:
            if not text.startswith(base + "/"):
                continue
            text = text[len(base) + 1 :]
        if segment := _SEGMENT.match(text).group(0):  # type: ignore[union-attr]
            found.add(segment.lower())
    return frozenset(found)


def url_base_failure(url_base: str, *, template_id: int | None = None) -> Failure | None:
    """Why a template may not have this URL base: not a plain lower-case slug, a path the main
    instance routes (`api`, `movie`, `settings`...), or another template's. None when it may."""
    if url_base == "":
        return None
    if not isinstance(url_base, str) or not _URL_BASE.match(url_base):
        return Failure(
            "urlBase", "'URL Base' must be lower-case letters, digits and dashes (e.g. 4k)", url_base
        )
    if url_base in reserved_segments() or url_base in _SERVED:
        return Failure("urlBase", f"'/{url_base}' is already a path of this server", url_base)
    if VersionTemplate.objects.filter(url_base__iexact=url_base).exclude(pk=template_id or 0).exists():
        return Failure("urlBase", f"Another version template already uses '/{url_base}'", url_base)
    return None


# ---- the middleware


def _instance_of(path: str) -> tuple[VersionTemplate, str] | None:
    """(template, the rest of the path after its prefix) when `path` is under a template's URL base.
    Paths of the main instance never cost a query: their first segment is a reserved one."""
    base = settings.URL_BASE
    if path[: len(base)].lower() != base.lower() or path[len(base) : len(base) + 1] != "/":
        return None
    segment, slash, rest = path[len(base) + 1 :].partition("/")
    if not segment or not _URL_BASE.match(segment.lower()) or segment.lower() in reserved_segments():
        return None
    template = VersionTemplate.objects.filter(url_base__iexact=segment).first()
    if template is None:
        return None
    return template, slash + rest


def _instance_location(location: str, url_base: str) -> str:
    """A Location the main routes wrote (`/api/v3/movie/5`) as the instance's (`/4k/api/v3/movie/5`)."""
    base = settings.URL_BASE
    if location.startswith(base + "/api/"):
        return f"{base}/{url_base}{location[len(base) :]}"
    return location


def version_instance_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        found = _instance_of(request.path_info)
        if found is None:
            return get_response(request)
        template, rest = found
        rest = "/" + rest.lstrip("/") if rest else ""  # `/4k//evil.example` is no way out of the server
        if rest[1:].partition("/")[0].lower() in _SERVED:
            request.path_info = settings.URL_BASE + rest
            request.urlconf = INSTANCE_URLCONF  # type: ignore[attr-defined]
            request.version_template = template  # type: ignore[attr-defined]
            request.instance_api_key = template.api_key  # type: ignore[attr-defined] # radarr.api.auth
            response = get_response(request)
            if "Location" in response:
                response["Location"] = _instance_location(response["Location"], template.url_base)
            return response
        if request.method in ("GET", "HEAD"):  # a link to the web UI (Overseerr's "open in Radarr")
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect((settings.URL_BASE + rest or "/") + (f"?{query}" if query else ""))
        return get_response(request)  # the main routes' 404

    return middleware
