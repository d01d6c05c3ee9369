"""v3 endpoints: /qualityprofile (+ /schema), /delayprofile (+ /reorder), /releaseprofile, /language."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path

from radarr.api.auth import api_view
from radarr.api.errors import NotFound
from radarr.api.identity import row_or_404, row_to_save, saved_status
from radarr.api.responses import json_response, read_json_object
from releases import languages
from releases.models import CustomFormat, DelayProfile, QualityProfile, ReleaseProfile
from releases.profiles import (
    delete_delay_profile,
    delete_quality_profile,
    ensure_default_delay_profile,
    reorder_delay_profile,
    save_delay_profile,
    save_quality_profile,
    save_release_profile,
)
from releases.resources import (
    delay_profile_input,
    delay_profile_resource,
    language_list_resource,
    quality_profile_input,
    quality_profile_resource,
    quality_profile_schema,
    release_profile_input,
    release_profile_resource,
)

# ---- quality profiles


def _all_formats() -> list[CustomFormat]:
    return list(CustomFormat.objects.order_by("pk"))


def _profile_response(profile: QualityProfile, status: int = 200) -> HttpResponse:
    return json_response(quality_profile_resource(profile, _all_formats()), status=status)


def _save_profile(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    profile = row_to_save(request, QualityProfile.objects.all(), "QualityProfile", path_id, body)
    saved = save_quality_profile(quality_profile_input(body), profile)
    return _profile_response(saved, status=saved_status(request))


@api_view("GET", "POST", "PUT")
def quality_profile_collection(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save_profile(request, None)
    formats = _all_formats()
    profiles = QualityProfile.objects.for_resource()
    return json_response([quality_profile_resource(profile, formats) for profile in profiles])


@api_view("GET", "PUT", "DELETE")
def quality_profile_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save_profile(request, id)
    if request.method == "DELETE":
        delete_quality_profile(row_or_404(QualityProfile.objects.all(), "QualityProfile", id))
        return HttpResponse(status=200)
    return _profile_response(row_or_404(QualityProfile.objects.for_resource(), "QualityProfile", id))


@api_view("GET")
def quality_profile_schema_view(request: HttpRequest) -> HttpResponse:
    return json_response(quality_profile_schema(_all_formats()))


# ---- delay profiles


def _delay_profiles() -> list[DelayProfile]:
    ensure_default_delay_profile()
    return list(DelayProfile.objects.prefetch_related("tags").order_by("order", "pk"))


def _delay_profile(pk: int) -> DelayProfile:
    return row_or_404(DelayProfile.objects.all(), "DelayProfile", pk)


def _save_delay(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    profile = row_to_save(request, DelayProfile.objects.all(), "DelayProfile", path_id, body)
    saved = save_delay_profile(delay_profile_input(body), profile)
    return json_response(delay_profile_resource(saved), status=saved_status(request))


@api_view("GET", "POST", "PUT")
def delay_profile_collection(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save_delay(request, None)
    return json_response([delay_profile_resource(profile) for profile in _delay_profiles()])


@api_view("GET", "PUT", "DELETE")
def delay_profile_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save_delay(request, id)
    profile = _delay_profile(id)
    if request.method == "DELETE":
        delete_delay_profile(profile)
        return HttpResponse(status=200)
    return json_response(delay_profile_resource(profile))


@api_view("PUT")
def delay_profile_reorder(request: HttpRequest, id: int) -> HttpResponse:
    _delay_profile(id)
    profiles = reorder_delay_profile(id, request.query.get_int("after"))  # type: ignore[attr-defined]
    return json_response([delay_profile_resource(profile) for profile in profiles])


# ---- release profiles


def _save_release(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    profile = row_to_save(request, ReleaseProfile.objects.all(), "ReleaseProfile", path_id, body)
    saved = save_release_profile(release_profile_input(body), profile)
    return json_response(release_profile_resource(saved), status=saved_status(request))


@api_view("GET", "POST", "PUT")
def release_profile_collection(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save_release(request, None)
    profiles = ReleaseProfile.objects.prefetch_related("tags")
    return json_response([release_profile_resource(profile) for profile in profiles])


@api_view("GET", "PUT", "DELETE")
def release_profile_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save_release(request, id)
    profile = row_or_404(ReleaseProfile.objects.all(), "ReleaseProfile", id)
    if request.method == "DELETE":
        profile.delete()
        return HttpResponse(status=200)
    return json_response(release_profile_resource(profile))


# ---- languages


@api_view("GET")
def language_collection(request: HttpRequest) -> HttpResponse:
    return json_response([language_list_resource(language) for language in languages.LANGUAGES])


@api_view("GET")
def language_detail(request: HttpRequest, id: str) -> HttpResponse:
    language = languages.LANGUAGES_BY_ID.get(int(id))
    if language is None:
        raise NotFound("Language", id)
    return json_response(language_list_resource(language))


api_v3: list[URLPattern] = [
    path("qualityprofile", quality_profile_collection),
    path("qualityprofile/schema", quality_profile_schema_view),
    path("qualityprofile/<int:id>", quality_profile_detail),
    path("delayprofile", delay_profile_collection),
    path("delayprofile/reorder/<int:id>", delay_profile_reorder),
    path("delayprofile/<int:id>", delay_profile_detail),
    path("releaseprofile", release_profile_collection),
    path("releaseprofile/<int:id>", release_profile_detail),
    path("language", language_collection),
    re_path(r"^language/(?P<id>-?[0-9]+)$", language_detail),  # Any is -1, Original -2
]
