"""Pages: interactive search for one movie version (a table of every release with its decision) and
grabbing one of them for that version. The movie page loads the table with HTMX; the same address is
a page of its own; `?version=<id>` searches an extra version (none: the primary one).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from downloads.grabbing import GrabError
from downloads.interactive import (
    CachedRelease,
    Override,
    cached_release,
    grab_cached,
    interactive_search,
    redecide,
)
from downloads.models import DownloadClient
from movies.models import Movie, MovieVersion
from movies.versions import has_extra_versions
from radarr.api.errors import ApiError
from radarr.api.params import int_or_none
from releases.decisions.engine import Decision
from releases.languages import ANY, LANGUAGES, LANGUAGES_BY_ID, ORIGINAL
from releases.qualities import QUALITIES, QUALITIES_BY_ID, QualityModel, Revision
from releases.releaseinfo import IndexerFlag
from scenegroups.reputation import Reputation

TEMPLATE = "downloads/interactive_search.html"


@dataclass(frozen=True, slots=True)
class ReleaseRow:
    """One row of the interactive search table, ready to show."""

    decision: Decision
    quality: str
    quality_rank: int
    formats: list[str]
    score: int
    age_hours: float
    languages: str
    flags: list[str]
    group: str  # the release group as the title writes it, "" when it names none

    @property
    def reputation(self) -> Reputation | None:
        return self.decision.reputation

    @property
    def reputation_sort(self) -> float:
        """Scored groups by score, then unscored groups, then titles without a group."""
        if self.reputation is not None:
            return self.reputation.score
        return -1 if self.group else -2

    @property
    def release(self):  # noqa: ANN201 - a ReleaseInfo
        return self.decision.release

    @property
    def peers(self) -> str:
        release = self.release
        if release.protocol != "torrent" or release.seeders is None:
            return ""
        return f"{release.seeders} / {release.leechers or 0}"

    @property
    def age(self) -> str:
        hours = self.age_hours
        if hours < 1:
            return f"{hours * 60:.0f} min"
        return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} d"

    @property
    def status(self) -> str:
        decision = self.decision
        return "approved" if decision.approved else "pending" if decision.temporarily_rejected else "rejected"


def release_row(decision: Decision, now: datetime) -> ReleaseRow:
    candidate, parsed = decision.candidate, decision.parsed
    quality = parsed.quality.quality.name if parsed else "Unknown"
    if candidate is not None:
        language_ids = candidate.languages
    else:
        language_ids = [language.id for language in parsed.languages] if parsed else []
    flags = [flag.name or "" for flag in IndexerFlag if decision.release.indexer_flags & flag]
    return ReleaseRow(
        decision=decision,
        quality=quality,
        quality_rank=candidate.profile.rank(candidate.quality.quality.id) if candidate else -1,
        formats=candidate.format_names if candidate else [],
        score=candidate.format_score if candidate else 0,
        age_hours=decision.release.age_minutes(now) / 60,
        languages=", ".join(LANGUAGES_BY_ID[i].name for i in language_ids if i in LANGUAGES_BY_ID),
        flags=[flag.removeprefix("G_").replace("_", " ").title() for flag in flags],
        group=(parsed.release_group or "") if parsed else "",
    )


class BadVersion(ValueError):
    """`version` is not a version id."""


def _version(movie: Movie, text: str) -> MovieVersion | None:
    """The extra version `text` names (""/"0": the primary version, None); BadVersion when it is not a
    number, Http404 when it is no version of this movie."""
    if text in ("", "0"):
        return None
    version_id = int_or_none(text, minimum=1)
    if version_id is None:
        raise BadVersion(text)
    return get_object_or_404(
        MovieVersion.objects.select_related("quality_profile"), pk=version_id, movie=movie
    )


def _version_context(movie: Movie, version: MovieVersion | None) -> dict[str, Any]:
    """Which version the table decides for: named when the movie has more than one."""
    if version is not None:
        return {"version": version, "version_name": version.name, "version_id": version.pk}
    named = bool(has_extra_versions([movie.pk]))
    return {"version": None, "version_name": "Primary" if named else "", "version_id": 0}


@require_GET
@vary_on_headers("HX-Request")
def interactive_search_page(request: HttpRequest, movie_id: int) -> HttpResponse:
    movie = get_object_or_404(Movie, pk=movie_id)
    try:
        version = _version(movie, request.GET.get("version", ""))
    except BadVersion:
        return HttpResponseBadRequest("version must be the id of one of the movie's versions")
    result = interactive_search(movie.pk, version.pk if version else None)
    now = timezone.now()
    rows = [release_row(decision, now) for decision in result.decisions]  # in the engine's ranking
    context = {
        "movie": movie,
        "rows": rows,
        "qualities": sorted({row.quality for row in rows}),
        "indexers": sorted({row.release.indexer for row in rows}),
        **_version_context(movie, version),
    }
    template = f"{TEMPLATE}#results" if request.htmx else TEMPLATE
    return render(request, template, context)


@require_POST
@vary_on_headers("HX-Request")
def grab_page(request: HttpRequest, movie_id: int) -> HttpResponse:
    template = f"{TEMPLATE}#grab" if request.htmx else TEMPLATE
    response = _grab(request, movie_id)
    return render(request, template, response.context, status=response.status)


@dataclass(frozen=True, slots=True)
class _GrabPage:
    context: dict
    status: int = 200


def _posted_version(request: HttpRequest, movie: Movie) -> MovieVersion | None:
    """The version a grab form names (`version_id`); BadVersion or Http404 as for the search page."""
    return _version(movie, request.POST.get("version_id", ""))


def _grab(request: HttpRequest, movie_id: int) -> _GrabPage:
    """Grab one result for the version searched; a rejected one needs `confirmed` (the button asks,
    or a page does)."""
    movie = get_object_or_404(Movie, pk=movie_id)
    indexer_id, guid = (
        int_or_none(request.POST.get("indexer_id", ""), minimum=0) or 0,
        request.POST.get("guid", ""),
    )
    context: dict[str, Any] = {"movie": movie, "guid": guid, "indexer_id": indexer_id}
    try:
        version = _posted_version(request, movie)
    except (BadVersion, Http404):
        context["error"] = "This version is not one of the movie's versions."
        return _GrabPage(context, 404)
    context |= _version_context(movie, version)
    cached = cached_release(indexer_id, guid)
    if cached is None:
        context["error"] = "This search result has expired (results are kept for 30 minutes): search again."
        return _GrabPage(context, 410)
    # a release matched to a movie is grabbed for it (a wrong-movie result stays the other movie's,
    # for its primary version); one matching nothing is grabbed for the movie whose page this is
    target = None if cached.mapped_movie_id else movie.pk
    # for this movie, the version posted (a form without one: the version searched); another's primary
    version_id: int | None = 0
    if (cached.mapped_movie_id or movie.pk) == movie.pk:
        version_id = (version.pk if version else 0) if "version_id" in request.POST else None
    try:
        if not request.POST.get("confirmed"):
            decision = redecide(cached, target, version_id)
            if not decision.approved:
                context |= {"confirm": decision, "title": cached.release.title}
                return _GrabPage(context)
        user_agent = request.headers.get("User-Agent", "")
        _, grab = grab_cached(indexer_id, guid, movie_id=target, version_id=version_id, user_agent=user_agent)
    except (GrabError, ApiError) as error:
        context["error"] = getattr(error, "message", str(error))
        return _GrabPage(context, 409)
    context |= {"grab": grab, "title": cached.release.title}
    return _GrabPage(context)


class OverrideForm(forms.Form):
    """Radarr's manual grab: the movie, quality and languages chosen by hand, and optionally the client."""

    movie = forms.ModelChoiceField(Movie.objects.order_by("sort_title").only("id", "title", "year"))
    quality = forms.TypedChoiceField(
        coerce=int, choices=[(quality.id, quality.name) for quality in QUALITIES]
    )
    proper = forms.BooleanField(required=False, label="Proper or repack (revision 2)")
    languages = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[(language.id, language.name) for language in LANGUAGES if language not in (ANY, ORIGINAL)],
    )
    download_client = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=0, label="Download client"
    )

    def __init__(self, *args: Any, protocol: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clients = DownloadClient.objects.enabled().filter(protocol=protocol).order_by("priority", "name")
        self.fields["download_client"].choices = [(0, "Automatic (by priority and tags)")] + [
            (client.pk, client.name) for client in clients
        ]


def _override_initial(cached: CachedRelease, movie: Movie) -> dict[str, Any]:
    decision = redecide(cached, cached.mapped_movie_id or movie.pk)
    parsed, candidate = decision.parsed, decision.candidate
    return {
        "movie": cached.mapped_movie_id or movie.pk,
        "quality": parsed.quality.quality.id if parsed else 0,
        "proper": bool(parsed and parsed.quality.revision.version > 1),
        "languages": candidate.languages if candidate else [],
        "download_client": 0,
    }


@require_http_methods(["GET", "POST"])
def override_page(request: HttpRequest, movie_id: int) -> HttpResponse:
    """Override and grab: a form with the release's movie, quality and languages as read, to change."""
    movie = get_object_or_404(Movie, pk=movie_id)
    source = request.POST if request.method == "POST" else request.GET
    indexer_id, guid = int_or_none(source.get("indexer_id", ""), minimum=0) or 0, source.get("guid", "")
    cached = cached_release(indexer_id, guid)
    context: dict[str, Any] = {"movie": movie, "guid": guid, "indexer_id": indexer_id}
    template = f"{TEMPLATE}#override" if request.htmx else TEMPLATE
    if cached is None:
        context["error"] = "This search result has expired (results are kept for 30 minutes): search again."
        return render(request, f"{TEMPLATE}#grab" if request.htmx else TEMPLATE, context, status=410)
    context["title"] = cached.release.title
    try:
        version = _version(movie, source.get("version_id", ""))
    except BadVersion:
        return HttpResponseBadRequest("version_id must be the id of one of the movie's versions")
    context |= _version_context(movie, version)
    if request.method == "GET":
        context["form"] = OverrideForm(
            initial=_override_initial(cached, movie), protocol=cached.release.protocol
        )
        return render(request, template, context)
    form = OverrideForm(request.POST, protocol=cached.release.protocol)
    if not form.is_valid():
        return render(request, template, context | {"form": form}, status=400)
    data = form.cleaned_data
    quality = QualityModel(QUALITIES_BY_ID[data["quality"]], Revision(version=2 if data["proper"] else 1))
    # the version searched when the release is grabbed for this movie; another movie's primary one
    version_id = (version.pk if version else 0) if data["movie"].pk == movie.pk else 0
    try:
        _, grab = grab_cached(
            indexer_id,
            guid,
            movie_id=data["movie"].pk,
            version_id=version_id,
            download_client_id=data["download_client"] or 0,
            user_agent=request.headers.get("User-Agent", ""),
            override=Override(quality, data["languages"]),
        )
    except (GrabError, ApiError) as error:
        context["error"] = getattr(error, "message", str(error))
        return render(request, f"{TEMPLATE}#grab" if request.htmx else TEMPLATE, context, status=409)
    context |= {"grab": grab}
    return render(request, f"{TEMPLATE}#grab" if request.htmx else TEMPLATE, context)


# under settings/indexers/ since the page was first written there, and the address is kept
urlpatterns: list[URLPattern] = [
    path("settings/indexers/search/movie/<int:movie_id>", interactive_search_page, name="interactive-search"),
    path("settings/indexers/search/movie/<int:movie_id>/grab", grab_page, name="interactive-grab"),
    path(
        "settings/indexers/search/movie/<int:movie_id>/override", override_page, name="interactive-override"
    ),
]
