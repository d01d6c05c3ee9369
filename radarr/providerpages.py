"""The add, edit, test and delete pages every provider family shares (Settings → Indexers, Download
Clients, Connect): plain views taking the family, drawn by `radarr/provider_form.html` with the
family's own inputs (`ProviderPages.inputs_template`).

The form comes from the implementation's Settings dataclass (the declaration that drives the v3
fields); a posted form is read into a v3 body and goes through `radarr.providerfamily`, so the page
validates and tests exactly as the API does. Secrets show as ******** and stay unchanged when sent
back. Each app routes these views with `{"family": ...}` and keeps its own list page.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.models import Tag
from radarr.providerediting import (
    form_fields,
    posted_fields,
    posted_tags,
    report_test,
    requested_implementation,
    test_result_template,
)
from radarr.providerfamily import (
    ProviderFamily,
    ProviderTestFailed,
    build_provider,
    bulk_edit_providers,
    delete_providers,
    run_provider_test,
    save_provider,
)
from radarr.providers import Provider
from radarr.system.health import recheck_health

FORM = "radarr/provider_form.html"


def _posted_body(family: ProviderFamily, cls: type[Provider], post: QueryDict) -> dict[str, Any]:
    """The posted form as the v3 body the API would receive."""
    return {
        "name": post.get("name", ""),
        "implementation": cls.implementation,
        "fields": posted_fields(cls.Settings, post),
        "tags": posted_tags(post),
        **family.pages.posted_columns(post),
    }


def _form(
    request: HttpRequest,
    family: ProviderFamily,
    cls: type[Provider],
    row: Any,
    values: dict[str, Any],
    stored: dict[str, Any] | None,
    failures: list[Failure] | None = None,
    *,
    tested: bool = False,
    offer_force: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The form with `values` (v3 names: a resource, a /schema template or the posted body) in the
    family's inputs and `stored` in the settings inputs; after a Test, with htmx, only its result."""
    failures = failures or []
    fields, common_errors = form_fields(cls.Settings, stored, failures)
    context = {
        "family": family,
        "pages": family.pages,
        "cls": cls,
        "row": row,
        "values": values,
        "fields": fields,
        "common_errors": common_errors,
        "tags": Tag.objects.all(),
        "failures": failures,
        "tested": tested,
        "offer_force": offer_force,
    }
    if family.pages.inputs_context is not None:
        context.update(family.pages.inputs_context(cls, values))
    template = test_result_template(request, FORM) if tested else FORM
    return render(request, template, context, status=status)


def _save_form(request: HttpRequest, family: ProviderFamily, cls: type[Provider], row: Any) -> HttpResponse:
    body = _posted_body(family, cls, request.POST)
    force = "force" in request.POST  # Save tests first, as the API without forceSave; then "Save anyway"
    try:
        built, tags = build_provider(family, body, row)
        save_provider(family, built, tags, force=force)
    except ValidationFailed as failed:
        if row is not None:
            row.refresh_from_db()  # building changed it in memory; the heading names the saved row
        stored = posted_fields(cls.Settings, request.POST)
        offer_force = isinstance(failed, ProviderTestFailed)  # only the test can be skipped
        return _form(
            request, family, cls, row, body, stored, failed.failures, status=400, offer_force=offer_force
        )
    messages.success(request, f"Saved {built.name}.")
    return redirect(family.pages.list_url)


@require_http_methods(["GET", "POST"])
def new_provider(request: HttpRequest, family: ProviderFamily, implementation: str = "") -> HttpResponse:
    """Pick an implementation, then its form; the form posts back here with the implementation."""
    cls = family.implementations.get(implementation or requested_implementation(request))
    if cls is None:
        implementations = sorted(
            family.implementations.values(), key=lambda item: item.implementation_name.lower()
        )
        context = {"family": family, "pages": family.pages, "implementations": implementations}
        return render(request, "radarr/provider_pick.html", context)
    if request.method == "POST":
        return _save_form(request, family, cls, None)
    return _form(request, family, cls, None, {**family.template(cls), "name": cls.implementation_name}, None)


@require_http_methods(["GET", "POST"])
def edit_provider(request: HttpRequest, family: ProviderFamily, pk: int) -> HttpResponse:
    row = get_object_or_404(family.model.objects.for_resource(), pk=pk)
    cls = family.implementations.get(row.implementation)
    if cls is None:
        messages.error(request, f"Unknown implementation {row.implementation}")
        return redirect(family.pages.list_url)
    if request.method == "POST":
        return _save_form(request, family, cls, row)
    return _form(request, family, cls, row, family.resource(row), row.settings)


@require_POST
def test_provider_form(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    """Test the form as posted, nothing saved (a saved row's masked secrets come from it); with htmx
    only the result block answers."""
    cls = family.implementations.get(request.POST.get("implementation", ""))
    if cls is None:
        return HttpResponse("Unknown implementation", status=400)
    row_id = int_or_none(request.POST.get("id", ""), minimum=1)
    stored = family.model.objects.filter(pk=row_id).first() if row_id else None
    body = _posted_body(family, cls, request.POST)
    try:
        row, _ = build_provider(family, body, stored, for_test=True)
        failures = run_provider_test(family, row)
    except ValidationFailed as failed:
        failures = failed.failures
    if stored is not None:  # a saved provider that answers again should stop showing as failing
        stored.refresh_from_db()
        recheck_health(family.health_key)
    stored_fields = posted_fields(cls.Settings, request.POST)
    return _form(request, family, cls, stored, body, stored_fields, failures, tested=True)


def posted_provider(request: HttpRequest, family: ProviderFamily) -> Provider | None:
    """The provider the form describes as posted, unsaved (a saved row's masked secrets from the row),
    for a field action such as a sign-in; None for an unknown implementation."""
    cls = family.implementations.get(request.POST.get("implementation", ""))
    if cls is None:
        return None
    row_id = int_or_none(request.POST.get("id", ""), minimum=1)
    stored = family.model.objects.filter(pk=row_id).first() if row_id else None
    row, _ = build_provider(
        family, _posted_body(family, cls, request.POST), stored, for_test=True, validate=False
    )
    return cls(row)


@require_POST
def test_all_providers(request: HttpRequest, family: ProviderFamily) -> HttpResponse:
    recheck_health(family.health_key)
    for row in family.model.objects.for_resource():
        report_test(request, row.name, run_provider_test(family, row))
    return redirect(family.pages.list_url)


@require_http_methods(["GET", "POST"])
def delete_provider(request: HttpRequest, family: ProviderFamily, pk: int) -> HttpResponse:
    """A confirmation page, then the delete (list pages may post here directly)."""
    row = get_object_or_404(family.model, pk=pk)
    if request.method == "POST":
        delete_providers(family, [row.pk])
        messages.success(request, f"Deleted {row.name}.")
        return redirect(family.pages.list_url)
    return render(
        request, "radarr/provider_delete.html", {"family": family, "pages": family.pages, "row": row}
    )


APPLY_TAGS = (
    ("add", "Add these tags"),
    ("remove", "Remove these tags"),
    ("replace", "Replace the tags with these"),
)


def _bulk_body(post: QueryDict, switches: list[tuple[str, str]], priority: bool) -> dict[str, Any]:
    """The Manage form's changes as the v3 bulk body: only what was set changes."""
    body: dict[str, Any] = {}
    for name, _ in switches:
        value = post.get(f"switch-{name}", "")
        if value in ("true", "false"):
            body[name] = value == "true"
    text = post.get("priority", "").strip()
    if priority and text:
        number = int_or_none(text)
        body["priority"] = text if number is None else number  # not a number: the family's rule says why
    tags = posted_tags(post)
    mode = post.get("apply_tags", "add")
    if tags or mode == "replace":
        body |= {"tags": tags, "applyTags": mode}
    return body


@require_http_methods(["GET", "POST"])
def manage_providers(
    request: HttpRequest, family: ProviderFamily, switches: list[tuple[str, str]], priority: bool = True
) -> HttpResponse:
    """Radarr's "Manage" of a provider list: tick several, then switch them on or off, set their
    priority or tags, or delete them, in one go (the v3 bulk edit and bulk delete underneath)."""
    if request.method == "POST":
        ids = [
            pk for value in request.POST.getlist("ids") if (pk := int_or_none(value, minimum=1)) is not None
        ]
        if not ids:
            messages.error(request, f"Tick at least one {family.label} first.")
        elif request.POST.get("action") == "delete" and not request.POST.get("confirmed"):
            names = family.model.objects.filter(pk__in=ids).values_list("pk", "name")
            context = {"family": family, "pages": family.pages, "to_delete": list(names)}
            return render(request, "radarr/provider_manage.html", context)
        elif request.POST.get("action") == "delete":
            deleted = delete_providers(family, ids)
            messages.success(request, f"Deleted {deleted} {family.label}{'s' if deleted != 1 else ''}.")
        else:
            body = _bulk_body(request.POST, switches, priority)
            try:
                rows = bulk_edit_providers(family, ids, body) if body else []
            except ValidationFailed as failed:
                messages.error(request, "; ".join(failure.message for failure in failed.failures))
            else:
                changed = len(rows)
                if changed:
                    messages.success(
                        request, f"Changed {changed} {family.label}{'s' if changed != 1 else ''}."
                    )
                else:
                    messages.info(request, "Nothing to change: choose a switch, a priority or tags.")
        return redirect(request.path)
    rows = [(row, family.resource(row)) for row in family.model.objects.for_resource()]
    context = {
        "family": family,
        "pages": family.pages,
        "rows": rows,
        "switches": switches,
        "priority": priority,
        "tags": Tag.objects.all(),
        "apply_tags": APPLY_TAGS,
    }
    return render(request, "radarr/provider_manage.html", context)
