"""Settings → Import Lists → Exclusions: the movies lists and collections never add, as Radarr's page
has them (add by TMDB id, remove some); before this they were only in the Django admin."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from movies.library import add_exclusion
from movies.models import ImportExclusion
from radarr.api.errors import ValidationFailed
from radarr.api.params import int_or_none

PAGE_SIZE = 50


class ExclusionForm(forms.Form):
    tmdb_id = forms.IntegerField(min_value=1, max_value=2**31 - 1, label="TMDB id")
    movie_title = forms.CharField(max_length=500, required=False, label="Title")
    movie_year = forms.IntegerField(min_value=0, max_value=9999, required=False, label="Year")


@require_http_methods(["GET", "POST"])
def exclusions(request: HttpRequest) -> HttpResponse:
    form = ExclusionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            excluded = add_exclusion(data["tmdb_id"], data["movie_title"].strip(), data["movie_year"] or 0)
        except ValidationFailed as failed:
            form.add_error("tmdb_id", failed.failures[0].message)
        else:
            messages.success(request, f"Excluded {excluded.movie_title or excluded.tmdb_id}.")
            return redirect("movies:exclusions")
    search = request.GET.get("search", "").strip()[:200]
    rows = ImportExclusion.objects.order_by("movie_title", "tmdb_id")
    if search:
        rows = rows.filter(movie_title__icontains=search)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "search": search}
    return render(request, "movies/exclusions.html", context, status=400 if form.errors else 200)


@require_POST
def exclusions_remove(request: HttpRequest) -> HttpResponse:
    ids = [pk for value in request.POST.getlist("ids") if (pk := int_or_none(value, minimum=1)) is not None]
    removed, _ = ImportExclusion.objects.filter(pk__in=ids).delete()
    if removed:
        messages.success(
            request, f"Removed {removed} exclusion{'s' if removed != 1 else ''}: lists may add them again."
        )
    else:
        messages.error(request, "Tick at least one exclusion first.")
    return redirect("movies:exclusions")


urlpatterns = [
    path("settings/importlists/exclusions", exclusions, name="exclusions"),
    path("settings/importlists/exclusions/remove", exclusions_remove, name="exclusions-remove"),
]
