"""Pages: the Preview buttons of the quality profile and custom format editors. They post the editor's
unsaved form here and show what saving it would do (downloads.preview); nothing is saved. With HTMX the
answer is a fragment under the editor; without JavaScript, a page of its own."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from downloads.preview import ChangePreview, preview_format_change, preview_profile_change
from releases.decisions.loading import unsaved_profile_facts
from releases.models import CustomFormat, QualityProfile
from releases.views.customformats import posted_format
from releases.views.profiles import posted_profile


def _answer(
    request: HttpRequest, what: str, back: str, preview: ChangePreview | None, problems: list[str]
) -> HttpResponse:
    context = {"what": what, "back": back, "preview": preview, "problems": problems}
    template = "downloads/change_preview.html#preview" if request.htmx else "downloads/change_preview.html"
    return render(request, template, context)


@require_POST
@vary_on_headers("HX-Request")
def profile_preview(request: HttpRequest, id: int) -> HttpResponse:
    profile = get_object_or_404(QualityProfile.objects.for_resource(), pk=id)
    form, data = posted_profile(request, profile)
    back = reverse("releases:profile-edit", args=[profile.pk])
    if data is None:
        problems = [f"{error}" for errors in form.errors.values() for error in errors]
        return _answer(request, f"quality profile {profile.name}", back, None, problems)
    preview = preview_profile_change(unsaved_profile_facts(data, profile))
    return _answer(request, f"quality profile {profile.name}", back, preview, [])


@require_POST
@vary_on_headers("HX-Request")
def custom_format_preview(request: HttpRequest, id: int) -> HttpResponse:
    custom_format = get_object_or_404(CustomFormat, pk=id)
    name, conditions, failures = posted_format(request)
    back = reverse("releases:customformat-edit", args=[custom_format.pk])
    what = f"custom format {custom_format.name}"
    if failures:
        return _answer(request, what, back, None, [failure.message for failure in failures])
    return _answer(request, what, back, preview_format_change(custom_format.pk, name, conditions), [])


urlpatterns: list[URLPattern] = [
    path("settings/profiles/<int:id>/preview", profile_preview, name="profile-preview"),
    path("settings/customformats/<int:id>/preview", custom_format_preview, name="customformat-preview"),
]
