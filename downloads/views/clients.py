"""Pages: Settings → Download Clients (clients with status, add/edit/delete/test, the global options,
remote path mappings).

A client's form is built from its implementation's settings (the same declaration that drives the v3
`fields`); Test posts the form as it stands, so a client can be tried before it is saved.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from downloads.clients import test_client
from downloads.editing import (
    ClientInput,
    build_client,
    delete_download_clients,
    save_download_client,
    save_download_client_config,
)
from downloads.implementations import IMPLEMENTATIONS
from downloads.implementations.base import BaseDownloadClient
from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping
from downloads.remotepaths import delete_remote_path_mapping, save_remote_path_mapping
from radarr.api.errors import Failure, ValidationFailed
from radarr.models import Tag
from radarr.providerediting import (
    form_fields,
    posted_fields,
    posted_tags,
    report_test,
    requested_implementation,
    test_result_template,
)
from radarr.system.health import recheck_health


class OptionsForm(forms.ModelForm):
    class Meta:
        model = DownloadClientConfig
        fields = [
            "enable_completed_download_handling",
            "auto_redownload_failed",
            "auto_redownload_failed_from_interactive_search",
            "check_for_finished_download_interval",
            "download_client_working_folders",
            "stalled_after_minutes",
            "stalled_when_no_seeds",
        ]
        labels = {
            "enable_completed_download_handling": "Completed Download Handling",
            "auto_redownload_failed": "Redownload Failed",
            "auto_redownload_failed_from_interactive_search": "Redownload Failed from Interactive Search",
            "check_for_finished_download_interval": "Check for finished downloads every (minutes)",
            "download_client_working_folders": "Working folders (never imported; separated by |)",
            "stalled_after_minutes": "Call a download stalled after (minutes, 0 = never)",
            "stalled_when_no_seeds": "Call a torrent stalled when it has no seeds",
        }


def _status(client: DownloadClient, now: Any) -> str:
    if not client.enable:
        return "Disabled"
    if client.is_backed_off(now):
        return f"Failing: {client.last_error}" if client.last_error else "Failing"
    return "Error: " + client.last_error if client.last_error else "OK"


@require_GET
def clients(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {"client": client, "status": _status(client, now)} for client in DownloadClient.objects.for_resource()
    ]
    context = {
        "rows": rows,
        "options": OptionsForm(instance=DownloadClientConfig.load()),
        "mappings": RemotePathMapping.objects.all(),
    }
    return render(request, "downloads/clients.html", context)


@require_POST
def save_options(request: HttpRequest) -> HttpResponse:
    form = OptionsForm(request.POST, instance=DownloadClientConfig.load())
    if form.is_valid():
        body = {_camel(name): value for name, value in form.cleaned_data.items()}
        try:
            save_download_client_config(body)
        except ValidationFailed as failed:
            for failure in failed.failures:
                messages.error(request, failure.message)
        else:
            messages.success(request, "Download client options saved")
            return redirect("downloads:clients")
    now = timezone.now()
    rows = [{"client": c, "status": _status(c, now)} for c in DownloadClient.objects.for_resource()]
    context = {"rows": rows, "options": form, "mappings": RemotePathMapping.objects.all()}
    return render(request, "downloads/clients.html", context, status=400)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


# ---- a client's form


def _posted_input(cls: type[BaseDownloadClient], post: QueryDict) -> ClientInput:
    return ClientInput(
        name=post.get("name", ""),
        implementation=cls.implementation,
        fields=posted_fields(cls.Settings, post),
        enable="enable" in post,
        priority=post.get("priority") or 1,
        remove_completed_downloads="remove_completed_downloads" in post,
        remove_failed_downloads="remove_failed_downloads" in post,
        tags=posted_tags(post),
    )


def _form_context(
    cls: type[BaseDownloadClient],
    client: DownloadClient | None,
    stored: dict[str, Any] | None,
    common: dict[str, Any],
    failures: list[Failure] | None = None,
) -> dict[str, Any]:
    failures = failures or []
    fields, common_errors = form_fields(cls.Settings, stored, failures)
    return {
        "cls": cls,
        "client": client,
        "fields": fields,
        "common": common,
        "common_errors": common_errors,
        "tags": Tag.objects.all(),
        "failures": failures,
    }


def _common(client: DownloadClient | None, post: QueryDict | None = None) -> dict[str, Any]:
    if post is not None:
        return {
            "name": post.get("name", ""),
            "enable": "enable" in post,
            "priority": post.get("priority", 1),
            "remove_completed_downloads": "remove_completed_downloads" in post,
            "remove_failed_downloads": "remove_failed_downloads" in post,
            "tags": posted_tags(post),
        }
    if client is None:
        return {"name": "", "enable": True, "priority": 1, "remove_completed_downloads": True,
                "remove_failed_downloads": True, "tags": []}  # fmt: skip
    return {
        "name": client.name,
        "enable": client.enable,
        "priority": client.priority,
        "remove_completed_downloads": client.remove_completed_downloads,
        "remove_failed_downloads": client.remove_failed_downloads,
        "tags": [tag.pk for tag in client.tags.all()],
    }


def _save_form(
    request: HttpRequest, cls: type[BaseDownloadClient], client: DownloadClient | None
) -> HttpResponse:
    data = _posted_input(cls, request.POST)
    try:
        row = build_client(data, client)
    except ValidationFailed as failed:
        stored = posted_fields(cls.Settings, request.POST)
        context = _form_context(cls, client, stored, _common(None, request.POST), failed.failures)
        return render(request, "downloads/client_form.html", context, status=400)
    save_download_client(row, data.tags)
    recheck_health("downloadclient")  # new settings may fix (or cause) what the slow checks found
    messages.success(request, f"Saved {row.name}")
    return redirect("downloads:clients")


@require_http_methods(["GET", "POST"])
def client_new(request: HttpRequest) -> HttpResponse:
    cls = IMPLEMENTATIONS.get(requested_implementation(request))
    if cls is None:
        return render(request, "downloads/client_pick.html", {"implementations": IMPLEMENTATIONS.values()})
    if request.method == "POST":
        return _save_form(request, cls, None)
    return render(request, "downloads/client_form.html", _form_context(cls, None, None, _common(None)))


@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(DownloadClient.objects.for_resource(), pk=client_id)
    cls = IMPLEMENTATIONS.get(client.implementation)
    if cls is None:
        messages.error(request, f"Unknown implementation {client.implementation}")
        return redirect("downloads:clients")
    if request.method == "POST":
        return _save_form(request, cls, client)
    return render(
        request, "downloads/client_form.html", _form_context(cls, client, client.settings, _common(client))
    )


@require_POST
def client_test(request: HttpRequest) -> HttpResponse:
    """Test the form as posted (a saved client's masked secrets come from its row)."""
    cls = IMPLEMENTATIONS.get(request.POST.get("implementation", ""))
    if cls is None:
        return HttpResponse("Unknown implementation", status=400)
    stored = DownloadClient.objects.filter(pk=request.POST.get("client_id") or 0).first()
    data = _posted_input(cls, request.POST)
    data.name = data.name or "Test"
    try:
        row = build_client(data, stored)
        failures = row.provider().test() if stored is None else test_client(row)
    except ValidationFailed as failed:
        failures = failed.failures
    context = _form_context(
        cls, stored, posted_fields(cls.Settings, request.POST), _common(None, request.POST), failures
    )
    context["tested"] = True
    if stored is not None:  # a saved client that answers again should stop showing as failing
        recheck_health("downloadclient")
    return render(request, test_result_template(request, "downloads/client_form.html"), context)


@require_POST
def clients_test_all(request: HttpRequest) -> HttpResponse:
    recheck_health("downloadclient")
    for client in DownloadClient.objects.all():
        report_test(request, client.name, test_client(client))
    return redirect("downloads:clients")


@require_http_methods(["GET", "POST"])
def client_delete(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(DownloadClient, pk=client_id)
    if request.method == "POST":
        delete_download_clients([client.pk])
        recheck_health("downloadclient")
        messages.success(request, f"Deleted {client.name}")
        return redirect("downloads:clients")
    return render(request, "downloads/confirm_delete.html", {"what": f"the download client {client.name}"})


# ---- remote path mappings


class MappingForm(forms.Form):
    host = forms.CharField(max_length=300, help_text="The host of the download client, as in its settings")
    remote_path = forms.CharField(max_length=1000, help_text="The root path the download client reports")
    local_path = forms.CharField(max_length=1000, help_text="Where Radarr reaches that same folder")


_MAPPING_FIELDS = {"host": "host", "remotePath": "remote_path", "localPath": "local_path"}


@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, mapping_id: int | None = None) -> HttpResponse:
    mapping = get_object_or_404(RemotePathMapping, pk=mapping_id) if mapping_id else None
    initial = (
        {"host": mapping.host, "remote_path": mapping.remote_path, "local_path": mapping.local_path}
        if mapping
        else {}
    )
    form = MappingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_remote_path_mapping(data["host"], data["remote_path"], data["local_path"], mapping)
        except ValidationFailed as failed:
            for failure in failed.failures:
                form.add_error(_MAPPING_FIELDS.get(failure.property_name), failure.message)
        else:
            messages.success(request, "Remote path mapping saved")
            return redirect("downloads:clients")
    status = 400 if request.method == "POST" else 200
    return render(request, "downloads/mapping_form.html", {"form": form, "mapping": mapping}, status=status)


@require_http_methods(["GET", "POST"])
def mapping_delete(request: HttpRequest, mapping_id: int) -> HttpResponse:
    mapping = get_object_or_404(RemotePathMapping, pk=mapping_id)
    if request.method == "POST":
        delete_remote_path_mapping(mapping)
        messages.success(request, "Remote path mapping deleted")
        return redirect("downloads:clients")
    return render(request, "downloads/confirm_delete.html", {"what": f"the remote path mapping {mapping}"})


urlpatterns = [
    path("settings/downloadclients", clients, name="clients"),
    path("settings/downloadclients/options", save_options, name="options"),
    path("settings/downloadclients/new", client_new, name="client-new"),
    path("settings/downloadclients/test", client_test, name="client-test"),
    path("settings/downloadclients/testall", clients_test_all, name="clients-testall"),
    path("settings/downloadclients/<int:client_id>", client_edit, name="client-edit"),
    path("settings/downloadclients/<int:client_id>/delete", client_delete, name="client-delete"),
    path("settings/downloadclients/remotepathmappings/new", mapping_edit, name="mapping-new"),
    path("settings/downloadclients/remotepathmappings/<int:mapping_id>", mapping_edit, name="mapping-edit"),
    path(
        "settings/downloadclients/remotepathmappings/<int:mapping_id>/delete",
        mapping_delete,
        name="mapping-delete",
    ),
]
