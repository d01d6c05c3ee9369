"""v3 (ours): POST /qualityprofile/{id}/preview and /customformat/{id}/preview take the body a PUT would
and answer what saving it would do (downloads.preview), saving nothing."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from downloads.preview import change_preview_resource, preview_format_change, preview_profile_change
from radarr.api.auth import api_view
from radarr.api.errors import ValidationFailed
from radarr.api.identity import row_or_404
from radarr.api.responses import json_response, read_json_object
from releases.api.customformats import format_from_body
from releases.decisions.loading import unsaved_profile_facts
from releases.models import CustomFormat, QualityProfile
from releases.profiles import quality_profile_failures
from releases.resources import quality_profile_input


@api_view("POST")
def profile_preview(request: HttpRequest, id: int) -> HttpResponse:
    profile = row_or_404(QualityProfile.objects.for_resource(), "QualityProfile", id)
    data = quality_profile_input(read_json_object(request))
    if failures := quality_profile_failures(data, profile.pk):
        raise ValidationFailed(failures)
    preview = preview_profile_change(unsaved_profile_facts(data, profile))
    return json_response(change_preview_resource(preview), status=200)


@api_view("POST")
def custom_format_preview(request: HttpRequest, id: int) -> HttpResponse:
    custom_format = row_or_404(CustomFormat.objects.all(), "CustomFormat", id)
    name, specifications = format_from_body(read_json_object(request))
    preview = preview_format_change(custom_format.pk, name, specifications)
    return json_response(change_preview_resource(preview), status=200)


api_v3: list[URLPattern] = [
    path("qualityprofile/<int:id>/preview", profile_preview),
    path("customformat/<int:id>/preview", custom_format_preview),
]
