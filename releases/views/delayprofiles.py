"""Pages: Settings → Delay Profiles, listed in the order they are matched, the default one last."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from radarr.api.errors import ApiError, ValidationFailed
from radarr.formfields import TagChoiceField
from radarr.models import Tag
from releases.models import DelayProfile, Protocol
from releases.profiles import (
    DelayProfileInput,
    delete_delay_profile,
    ensure_default_delay_profile,
    is_default_delay_profile,
    reorder_delay_profile,
    save_delay_profile,
)
from releases.views.profiles import confirm_delete, show_failures

_DELAY_FIELDS = {
    "tags": "tags",
    "usenetDelay": "usenet_delay",
    "torrentDelay": "torrent_delay",
    "preferredProtocol": "preferred_protocol",
}


class DelayProfileForm(forms.Form):
    enable_usenet = forms.BooleanField(required=False, initial=True, label="Usenet")
    enable_torrent = forms.BooleanField(required=False, initial=True, label="Torrent")
    preferred_protocol = forms.ChoiceField(choices=Protocol.choices, initial=Protocol.USENET)
    usenet_delay = forms.IntegerField(initial=0, label="Usenet delay (minutes)")
    torrent_delay = forms.IntegerField(initial=0, label="Torrent delay (minutes)")
    bypass_if_highest_quality = forms.BooleanField(required=False, label="Bypass if highest quality")
    bypass_if_above_custom_format_score = forms.BooleanField(
        required=False, label="Bypass if above custom format score"
    )
    minimum_custom_format_score = forms.IntegerField(initial=0, label="Minimum custom format score")
    tags = TagChoiceField(Tag.objects.all(), required=False)

    def profile_input(self) -> DelayProfileInput:
        data = dict(self.cleaned_data)
        data["tags"] = [tag.pk for tag in data["tags"]]
        return DelayProfileInput(**data)


def _protocol_label(profile: DelayProfile) -> str:
    enabled = [
        name for name, on in (("Usenet", profile.enable_usenet), ("Torrent", profile.enable_torrent)) if on
    ]
    return " and ".join(enabled) + (f", prefer {profile.preferred_protocol}" if len(enabled) == 2 else "")


@require_GET
def delay_profiles(request: HttpRequest) -> HttpResponse:
    ensure_default_delay_profile()
    rows = [
        {
            "profile": profile,
            "protocols": _protocol_label(profile),
            "is_default": is_default_delay_profile(profile),
        }
        for profile in DelayProfile.objects.prefetch_related("tags").order_by("order", "pk")
    ]
    return render(request, "releases/delayprofile_list.html", {"rows": rows})


def _edit_delay(request: HttpRequest, profile: DelayProfile | None) -> HttpResponse:
    is_default = profile is not None and is_default_delay_profile(profile)
    if request.method == "POST":
        form = DelayProfileForm(request.POST)
        if form.is_valid():
            try:
                save_delay_profile(form.profile_input(), profile)
            except ValidationFailed as failures:
                show_failures(form, failures, _DELAY_FIELDS)
            else:
                messages.success(request, "Delay profile saved.")
                return redirect("releases:delayprofiles")
    elif profile is not None:
        initial = {name: getattr(profile, name) for name in DelayProfileForm.base_fields if name != "tags"}
        form = DelayProfileForm(initial=initial | {"tags": list(profile.tags.all())})
    else:
        form = DelayProfileForm()
    if is_default:
        del form.fields["tags"]
    context = {"form": form, "profile": profile, "is_default": is_default}
    return render(request, "releases/delayprofile_edit.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def delay_profile_new(request: HttpRequest) -> HttpResponse:
    return _edit_delay(request, None)


@require_http_methods(["GET", "POST"])
def delay_profile_edit(request: HttpRequest, id: int) -> HttpResponse:
    return _edit_delay(request, get_object_or_404(DelayProfile, pk=id))


@require_POST
def delay_profile_move(request: HttpRequest, id: int) -> HttpResponse:
    """Up/down buttons, as Radarr's reorder: "after" names the profile this one should follow."""
    ordered = [p.pk for p in DelayProfile.objects.order_by("order", "pk") if not is_default_delay_profile(p)]
    if id in ordered:
        index = ordered.index(id)
        target = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= target < len(ordered):
            ordered.remove(id)
            reorder_delay_profile(id, ordered[target - 1] if target > 0 else None)
    return redirect("releases:delayprofiles")


@require_http_methods(["GET", "POST"])
def delay_profile_delete(request: HttpRequest, id: int) -> HttpResponse:
    profile = get_object_or_404(DelayProfile, pk=id)
    if request.method == "GET":
        return confirm_delete(request, "this delay profile", "releases:delayprofiles")
    try:
        delete_delay_profile(profile)
    except ApiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Delay profile deleted.")
    return redirect("releases:delayprofiles")


urlpatterns: list[URLPattern] = [
    path("delayprofiles", delay_profiles, name="delayprofiles"),
    path("delayprofiles/new", delay_profile_new, name="delayprofile-new"),
    path("delayprofiles/<int:id>", delay_profile_edit, name="delayprofile-edit"),
    path("delayprofiles/<int:id>/move", delay_profile_move, name="delayprofile-move"),
    path("delayprofiles/<int:id>/delete", delay_profile_delete, name="delayprofile-delete"),
]
