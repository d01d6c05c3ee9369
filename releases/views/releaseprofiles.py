"""Pages: Settings → Release Profiles, the must-contain and must-not-contain terms."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from radarr.api.errors import ValidationFailed
from radarr.formfields import TagChoiceField
from radarr.models import Tag
from releases.models import ReleaseProfile
from releases.profiles import ReleaseProfileInput, parse_terms, save_release_profile
from releases.views.profiles import confirm_delete, show_failures

_RELEASE_FIELDS = {"required": "required", "ignored": "ignored", "indexerId": "indexer_id", "tags": "tags"}


class ReleaseProfileForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    enabled = forms.BooleanField(required=False, initial=True)
    required = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Must contain",
        help_text="One term per line or separated by commas; /regex/i for a regular expression.",
    )
    ignored = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Must not contain"
    )
    indexer_id = forms.IntegerField(initial=0, label="Indexer id", help_text="0 for every indexer.")
    tags = TagChoiceField(Tag.objects.all(), required=False)

    def profile_input(self) -> ReleaseProfileInput:
        data = self.cleaned_data
        return ReleaseProfileInput(
            name=data["name"].strip(),
            enabled=data["enabled"],
            required=parse_terms(data["required"].replace("\n", ","), "required"),
            ignored=parse_terms(data["ignored"].replace("\n", ","), "ignored"),
            indexer_id=data["indexer_id"],
            tags=[tag.pk for tag in data["tags"]],
        )


@require_GET
def release_profiles(request: HttpRequest) -> HttpResponse:
    profiles = ReleaseProfile.objects.prefetch_related("tags")
    return render(request, "releases/releaseprofile_list.html", {"profiles": profiles})


def _edit_release(request: HttpRequest, profile: ReleaseProfile | None) -> HttpResponse:
    if request.method == "POST":
        form = ReleaseProfileForm(request.POST)
        if form.is_valid():
            try:
                save_release_profile(form.profile_input(), profile)
            except ValidationFailed as failures:
                show_failures(form, failures, _RELEASE_FIELDS)
            else:
                messages.success(request, "Release profile saved.")
                return redirect("releases:releaseprofiles")
    elif profile is not None:
        form = ReleaseProfileForm(
            initial={
                "name": profile.name,
                "enabled": profile.enabled,
                "required": "\n".join(profile.required),
                "ignored": "\n".join(profile.ignored),
                "indexer_id": profile.indexer_id,
                "tags": list(profile.tags.all()),
            }
        )
    else:
        form = ReleaseProfileForm()
    context = {"form": form, "profile": profile}
    return render(request, "releases/releaseprofile_edit.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def release_profile_new(request: HttpRequest) -> HttpResponse:
    return _edit_release(request, None)


@require_http_methods(["GET", "POST"])
def release_profile_edit(request: HttpRequest, id: int) -> HttpResponse:
    return _edit_release(request, get_object_or_404(ReleaseProfile, pk=id))


@require_http_methods(["GET", "POST"])
def release_profile_delete(request: HttpRequest, id: int) -> HttpResponse:
    profile = get_object_or_404(ReleaseProfile, pk=id)
    if request.method == "GET":
        return confirm_delete(request, f"the release profile '{profile}'", "releases:releaseprofiles")
    profile.delete()
    messages.success(request, "Release profile deleted.")
    return redirect("releases:releaseprofiles")


urlpatterns: list[URLPattern] = [
    path("releaseprofiles", release_profiles, name="releaseprofiles"),
    path("releaseprofiles/new", release_profile_new, name="releaseprofile-new"),
    path("releaseprofiles/<int:id>", release_profile_edit, name="releaseprofile-edit"),
    path("releaseprofiles/<int:id>/delete", release_profile_delete, name="releaseprofile-delete"),
]
