"""Naming, media management, remote path mappings, UI settings, and the host settings that make sense
on another machine (proxy, log level, backups); each through the writer of our own config endpoint."""

from typing import Any

from downloads.editing import save_download_client_config
from downloads.models import RemotePathMapping
from downloads.remotepaths import as_directory, save_remote_path_mapping
from imports.fromradarr.reader import NotInSource, RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState
from imports.mediamanagement import save_media_management_config, save_naming_config
from imports.metadataediting import save_metadata_config
from indexers.models import IndexerConfig
from indexers.options import indexer_options_input, save_indexer_options
from movies.importlistediting import save_import_list_config
from radarr.api.errors import ApiError
from radarr.api.secrets import MASK
from radarr.hostconfig import save_host_config
from radarr.system.uiconfig import save_ui_config

# what this machine may take from another's host settings: never its address, port, URL base, API
# key, sign-in or certificate, which belong to where it runs
HOST_KEYS = (
    "proxyEnabled", "proxyType", "proxyHostname", "proxyPort", "proxyUsername", "proxyBypassFilter",
    "proxyBypassLocalAddresses", "certificateValidation", "logLevel", "backupInterval", "backupRetention",
)  # fmt: skip


def _config(
    reader: RadarrReader, report: SectionReport, path: str, save: Any, body: dict[str, Any] | None = None
) -> None:
    if body is None:
        try:
            body = reader.get_object(path)
        except NotInSource:  # settings an older Radarr did not have yet
            report.skip("not in the source's version")
            return
    report.found += 1
    try:
        save({key: value for key, value in body.items() if key != "id"})
    except ApiError as error:
        report.skip("not accepted here")
        report.notice("invalid", f"Settings '{path}'", error.message)
        return
    report.updated += 1


def import_naming(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    _config(reader, report, "config/naming", save_naming_config)
    _config(reader, report, "config/mediamanagement", save_media_management_config)


def import_remote_path_mappings(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    mappings = {(m.host.lower(), m.remote_path): m for m in RemotePathMapping.objects.all()}
    for body in reader.get_list("remotepathmapping"):
        report.found += 1
        host, remote = str(body.get("host") or ""), str(body.get("remotePath") or "")
        existing = mappings.get((host.strip().lower(), as_directory(remote) if remote else ""))
        try:
            saved = save_remote_path_mapping(host, remote, str(body.get("localPath") or ""), existing)
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", f"Remote path mapping '{host}:{remote}'", error.message)
            continue
        mappings[(saved.host.lower(), saved.remote_path)] = saved
        report.updated += existing is not None
        report.imported += existing is None


def import_options(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    """Indexer options, completed download handling, list cleaning and the certification country."""
    _config(reader, report, "config/indexer", lambda body: save_indexer_options(
        indexer_options_input(body, IndexerConfig.load())
    ))  # fmt: skip
    _config(reader, report, "config/downloadclient", save_download_client_config)
    _config(
        reader,
        report,
        "config/importlist",
        lambda body: save_import_list_config(_safe_cleaning(body, state, report)),
    )
    _config(reader, report, "config/metadata", save_metadata_config)


def _safe_cleaning(body: dict[str, Any], state: ImportState, report: SectionReport) -> dict[str, Any]:
    """List cleaning as the source has it, but never one that deletes files: a move-in must not arm a
    deletion the user did not choose here (their tag mapped to ours)."""
    body = {**body, "listSyncTag": state.tags.get(body.get("listSyncTag") or 0, 0)}
    if body.get("listSyncLevel") == "removeAndDelete":
        body["listSyncLevel"] = "removeAndKeep"
        report.notice(
            "invalid",
            "Import list cleaning",
            "the source removes movies and deletes their files; imported as 'remove, keep files': "
            "choose deleting again on Settings → Import Lists if you want it",
        )
    return body


def import_ui_settings(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    _config(reader, report, "config/ui", save_ui_config)


def import_host_settings(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    """Written outside the database (config.xml's counterpart), so a dry run only reads them."""
    body = reader.get_object("config/host")
    chosen = {key: body[key] for key in HOST_KEYS if key in body}
    if (
        body.get("proxyEnabled")
        and body.get("proxyUsername")
        and body.get("proxyPassword") in (MASK, "", None)
    ):
        report.notice("secret", "Proxy", "the proxy's password was not sent: type it in Settings → General")
    if state.dry_run:
        report.found += 1
        report.skip("host settings are not written by a dry run")
        return
    _config(reader, report, "config/host", save_host_config, chosen)
