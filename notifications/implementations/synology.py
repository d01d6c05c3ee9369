"""Synology Indexer: tells DSM's media indexer (the local `synoindex` command) which files came, went or
were renamed, so Video Station and DLNA see them without a full rescan.

The command runs only when it is there (a Synology NAS); elsewhere the test says so and nothing runs."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings as django_settings

from notifications import events as ev
from notifications.implementations.messaging import CheckedNotification
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting

TIMEOUT_SECONDS = 60


def synoindex_path() -> str | None:
    """DSM's synoindex (settings.RADARR_SYNOINDEX_PATH), else one on PATH; None when there is none."""
    configured = str(django_settings.RADARR_SYNOINDEX_PATH or "")
    if configured and os.path.isfile(configured) and os.access(configured, os.X_OK):
        return configured
    return shutil.which("synoindex")


class SynologyIndexer(CheckedNotification):
    implementation = "SynologyIndexer"
    implementation_name = "Synology Indexer"
    info_link = "https://wiki.servarr.com/radarr/supported#synologyindexer"
    supported_events: ClassVar[frozenset[str]] = frozenset(
        {
            "on_download",
            "on_upgrade",
            "on_rename",
            "on_movie_delete",
            "on_movie_file_delete",
            "on_movie_file_delete_for_upgrade",
        }
    )

    @dataclass
    class Settings:
        update_library: bool = setting(
            "Update Library",
            True,
            field_type="checkbox",
            help_text="Call synoindex on localhost to update a library file",
        )

    def send(self, notice: Notice) -> None:
        if not self.settings.update_library:
            return
        event = notice.event
        if isinstance(event, ev.DownloadEvent):
            for old in event.deleted_files:
                self.run("-d", old.path)
            self.run("-a", event.movie_file.path)
        elif isinstance(event, ev.RenameEvent):
            self.run("-R", event.movie.path)
        elif isinstance(event, ev.MovieFileDeleteEvent):
            self.run("-d", event.movie_file.path)
        elif isinstance(event, ev.MovieDeleteEvent) and event.deleted_files:
            self.run("-D", event.movie.path)

    def run(self, *arguments: str, output_is_error: bool = True) -> None:
        command = synoindex_path()
        if command is None:
            raise ProviderError("synoindex was not found: the Synology Indexer works only on a Synology NAS")
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command with a path argument, no shell
                [command, *arguments], capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ProviderError(f"Unable to run synoindex: {safe_message(str(error))}") from None
        # synoindex is silent when it works: anything on stdout (outside --help) or stderr is its error
        said = (done.stderr or "").strip() or ((done.stdout or "").strip() if output_is_error else "")
        if said:
            raise ProviderError(f"synoindex returned an error: {safe_message(said[:300])}")

    def test(self) -> list[Failure]:
        if synoindex_path() is None:
            return [Failure("", "synoindex was not found: the Synology Indexer works only on a Synology NAS")]
        try:
            self.run("--help", output_is_error=False)
        except ProviderError as error:
            return [Failure("", f"Test of synoindex failed: {error.message}")]
        return []
