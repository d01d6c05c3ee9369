"""Pages: Settings → Download Clients (clients with status, the global options, remote path mappings).

Adding, editing, testing and deleting a client are the shared provider pages (`radarr.providerpages`)
for DOWNLOAD_CLIENTS.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from downloads.editing import DOWNLOAD_CLIENTS, save_download_client_config
from downloads.models import DownloadClient, DownloadClientConfig, RemotePathMapping
from downloads.remotepaths import delete_remote_path_mapping, save_remote_path_mapping
from radarr.api.errors import ValidationFailed
from radarr.providerpages import (
    delete_provider,
    edit_provider,
    manage_providers,
    new_provider,
    test_all_providers,
    test_provider_form,
)


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


CLIENT_PAGES = {"family": DOWNLOAD_CLIENTS}
MANAGE = CLIENT_PAGES | {
    "switches": [
        ("enable", "Enabled"),
        ("removeCompletedDownloads", "Remove completed"),
        ("removeFailedDownloads", "Remove failed"),
    ],
    "priority": True,
}

urlpatterns = [
    path("settings/downloadclients/manage", manage_providers, MANAGE, name="clients-manage"),
    path("settings/downloadclients", clients, name="clients"),
    path("settings/downloadclients/options", save_options, name="options"),
    path("settings/downloadclients/new", new_provider, CLIENT_PAGES, name="client-new"),
    path("settings/downloadclients/test", test_provider_form, CLIENT_PAGES, name="client-test"),
    path("settings/downloadclients/testall", test_all_providers, CLIENT_PAGES, name="clients-testall"),
    path("settings/downloadclients/<int:pk>", edit_provider, CLIENT_PAGES, name="client-edit"),
    path("settings/downloadclients/<int:pk>/delete", delete_provider, CLIENT_PAGES, name="client-delete"),
    path("settings/downloadclients/remotepathmappings/new", mapping_edit, name="mapping-new"),
    path("settings/downloadclients/remotepathmappings/<int:mapping_id>", mapping_edit, name="mapping-edit"),
    path(
        "settings/downloadclients/remotepathmappings/<int:mapping_id>/delete",
        mapping_delete,
        name="mapping-delete",
    ),
]
