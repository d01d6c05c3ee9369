"""Pages: Scene Groups (sortable, searchable, paged list with the factor weights) and one group's page
(factors with their evidence, score over time, latest sightings and outcomes, pin and unpin)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from radarr.api.errors import Failure, ValidationFailed
from radarr.commands import UnknownCommand, queue_command
from scenegroups.charts import score_chart
from scenegroups.listing import SORTS, GroupQuery, group_page
from scenegroups.models import FACTOR_NAMES, Outcome, ReputationSettings, SceneGroup, Sighting, group_key
from scenegroups.pins import pin_group, save_weights, unpin_group

RECOMPUTE_COMMAND = "RecomputeSceneGroups"
RECENT_EVIDENCE = 10  # sightings and outcomes shown on a group's page


def _errors(failures: list[Failure]) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    for failure in failures:
        by_field.setdefault(failure.property_name, []).append(failure.message)
    return by_field


def _weight_fields(values: dict[str, Any], errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": label, "value": values.get(key, ""), "errors": errors.get(key, [])}
        for key, label in FACTOR_NAMES.items()
    ]


def _list_context(request: HttpRequest) -> dict[str, Any]:
    query = GroupQuery.from_params(request.GET)
    page = group_page(query)
    links = query.sort_links()
    return {
        "query": query,
        "page": page,
        "headers": [(key, label, links[key]) for key, label in SORTS.items()],
        "previous_link": query.params(page=page.number - 1) if page.has_previous() else "",
        "next_link": query.params(page=page.number + 1) if page.has_next() else "",
    }


@require_GET
@vary_on_headers("HX-Request", "HX-Target")  # the same URL serves the page and the table alone
def scene_groups(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    if request.htmx and request.htmx.target == "groups":
        return render(request, "scenegroups/list.html#groups", context)
    context["weights"] = _weight_fields(ReputationSettings.load().weight_map(), {})
    return render(request, "scenegroups/list.html", context)


@require_POST
def weights(request: HttpRequest) -> HttpResponse:
    try:
        save_weights(request.POST)
    except ValidationFailed as failed:
        errors = _errors(failed.failures)
        context = _list_context(request) | {
            "weights": _weight_fields(request.POST.dict(), errors),
            "weights_error": errors.get("weights", []),
            "weights_open": True,
        }
        return render(request, "scenegroups/list.html", context, status=400)
    messages.success(request, "Weights saved. Scores update at the next recompute.")
    return redirect("scenegroups:list")


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    try:
        queue_command(RECOMPUTE_COMMAND, user_agent=request.headers.get("User-Agent", ""))
    except UnknownCommand as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Recompute queued: scores update when it finishes.")
    return redirect("scenegroups:list")


def _group(name: str) -> SceneGroup:
    return get_object_or_404(SceneGroup, key=group_key(name))


def _detail_context(group: SceneGroup, pin_form: QueryDict | None, failures: list[Failure]) -> dict[str, Any]:
    history = list(group.history.values_list("day", "score"))
    if pin_form is None:
        pin_values = {"score": group.pinned_score if group.is_pinned else "", "pinNote": group.pin_note}
    else:
        pin_values = {"score": pin_form.get("score", ""), "pinNote": pin_form.get("pinNote", "")}
    return {
        "group": group,
        "chart": score_chart(history, group.pinned_score),
        "sightings": Sighting.objects.filter(group=group.key).order_by("-published")[:RECENT_EVIDENCE],
        "outcomes": Outcome.objects.filter(group=group.key).order_by("-date")[:RECENT_EVIDENCE],
        "pin": pin_values,
        "pin_errors": _errors(failures),
    }


@require_GET
def scene_group(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "scenegroups/detail.html", _detail_context(_group(name), None, []))


@require_POST
def pin(request: HttpRequest, name: str) -> HttpResponse:
    group = _group(name)
    try:
        pin_group(group, request.POST.get("score", ""), request.POST.get("pinNote", ""))
    except ValidationFailed as failed:
        context = _detail_context(group, request.POST, failed.failures)
        return render(request, "scenegroups/detail.html", context, status=400)
    messages.success(request, f"{group.name} pinned at {group.pinned_score}.")
    return redirect("scenegroups:detail", name=group.key)


@require_POST
def unpin(request: HttpRequest, name: str) -> HttpResponse:
    group = unpin_group(_group(name))
    messages.success(request, f"{group.name} unpinned: the learned score applies again.")
    return redirect("scenegroups:detail", name=group.key)


urlpatterns = [
    path("scenegroups/", scene_groups, name="list"),
    path("scenegroups/weights", weights, name="weights"),
    path("scenegroups/recompute", recompute, name="recompute"),
    path("scenegroups/<str:name>/", scene_group, name="detail"),
    path("scenegroups/<str:name>/pin", pin, name="pin"),
    path("scenegroups/<str:name>/unpin", unpin, name="unpin"),
]
