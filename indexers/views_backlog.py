"""Page: Settings → Indexers → Backlog search (off by default; how many movies a run may search)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from indexers.models import BacklogSettings


class BacklogSettingsForm(forms.ModelForm):
    class Meta:
        model = BacklogSettings
        fields = [
            "enabled",
            "interval_minutes",
            "movies_per_run",
            "include_cutoff_unmet",
            "retry_days",
            "max_retry_days",
        ]
        labels = {
            "enabled": "Search the backlog on a schedule",
            "interval_minutes": "Run every (minutes)",
            "movies_per_run": "Movies per run",
            "include_cutoff_unmet": "Also search movies whose file is below the profile's cutoff",
            "retry_days": "Wait after a search that found nothing (days)",
            "max_retry_days": "Longest wait (days)",
        }
        help_texts = {
            "interval_minutes": "15 to 1440. Each run searches a few movies, oldest-searched first.",
            "movies_per_run": (
                "Every movie costs one search per indexer: keep this low for indexers with API limits."
            ),
            "retry_days": "Doubled after each further search that finds nothing, up to the longest wait.",
        }


@require_http_methods(["GET", "POST"])
def backlog_settings(request: HttpRequest) -> HttpResponse:
    settings = BacklogSettings.load()
    form = BacklogSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "on" if form.instance.enabled else "off"
        messages.success(request, f"Backlog search saved: it is {state}.")
        return redirect("indexers:backlog")
    return render(request, "indexers/backlog.html", {"form": form, "settings": settings})


urlpatterns: list[URLPattern] = [path("indexers/backlog", backlog_settings, name="backlog")]
