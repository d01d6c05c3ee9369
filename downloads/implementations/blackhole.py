"""Blackholes: drop the .torrent/.nzb into a folder some other program watches; read finished
downloads from a second folder ("watch folder").

Files are written atomically (a temporary name in the same folder, then a rename), so the watching
program never picks up half a file. An entry of the watch folder is a download only when it is a
folder or a video file (a stray .nfo, .txt or .part is not), as Radarr's ScanWatchFolder; it counts as
finished once nothing in it changed for SETTLE_SECONDS (Radarr's 30 s scan grace period). The id
of an item is derived from its title, so what `add` returns is what `items` reports once the
download appears in the watch folder.
"""

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    clean_file_name,
    magnet_link,
    require_nzb,
)
from movies.scanning import is_video_file
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

SETTLE_SECONDS = 30  # a download still being written changes more often than this
# folders file servers and operating systems keep for themselves: never a download
SPECIAL_FOLDERS = frozenset(
    {"$recycle.bin", "system volume information", "recycler", "lost+found", "@eadir", "#recycle", "@recycle"}
)


def write_atomically(folder: Path, name: str, content: bytes) -> Path:
    """Write `folder/name` so that it appears complete or not at all."""
    target = folder / name
    descriptor, temporary = tempfile.mkstemp(prefix=".radarr-", suffix=".partial", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _entry_stats(entry: Path) -> tuple[int, float]:
    """Total size in bytes and the newest modification time of a file or a folder tree."""
    if entry.is_file():
        stat = entry.stat()
        return stat.st_size, stat.st_mtime
    size, newest = 0, entry.stat().st_mtime
    for path in entry.rglob("*"):
        if path.is_file():
            stat = path.stat()
            size += stat.st_size
            newest = max(newest, stat.st_mtime)
    return size, newest


def _is_download(entry: Path) -> bool:
    """A folder (not hidden, not a system one) or a video file; anything else in the watch folder is not."""
    if entry.name.startswith("."):
        return False
    if entry.is_dir():
        return entry.name.lower() not in SPECIAL_FOLDERS
    return entry.is_file() and is_video_file(entry.name)


class Blackhole(BaseDownloadClient):
    """What both blackholes share: the watch folder read as a queue."""

    def download_id(self, title: str) -> str:
        digest = hashlib.md5(clean_file_name(title).lower().encode(), usedforsecurity=False).hexdigest()
        return f"{self.definition.name}_{digest}".replace(" ", "")

    def _drop_folder(self) -> Path:
        raise NotImplementedError

    def _watch_folder(self) -> Path:
        return Path(self.settings.watch_folder)

    def _write(self, release: ReleaseInfo, name: str, content: bytes) -> str:
        folder = self._drop_folder()
        if not folder.is_dir():
            raise ProviderError(f"The folder {folder} does not exist", permanent=True)
        try:
            write_atomically(folder, name, content)
        except OSError as error:
            raise ProviderError(f"Could not write {name} into {folder}: {error.strerror}") from error
        return self.download_id(release.title)

    def items(self) -> list[DownloadItem]:
        folder = self._watch_folder()
        if not folder.is_dir():
            raise ProviderError(f"The watch folder {folder} does not exist")
        now = time.time()
        items = []
        for entry in sorted(folder.iterdir()):
            if not _is_download(entry):
                continue
            title = entry.stem if entry.is_file() else entry.name
            size, newest = _entry_stats(entry)
            waiting = SETTLE_SECONDS - (now - newest)
            settled = waiting <= 0
            items.append(
                DownloadItem(
                    download_id=self.download_id(title),
                    title=title,
                    status=ItemStatus.COMPLETED if settled else ItemStatus.DOWNLOADING,
                    total_size=size,
                    remaining_time=timedelta(0) if settled else timedelta(seconds=round(waiting)),
                    output_path=str(entry),
                    can_move_files=not self.read_only_setting(),
                    can_be_removed=True,
                )
            )
        return items

    def read_only_setting(self) -> bool:
        return False

    def remove(self, download_id: str, delete_data: bool) -> None:
        if not delete_data:
            return
        for item in self.items():
            if item.download_id == download_id:
                path = Path(item.output_path)
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)

    def status(self) -> ClientStatus:
        return ClientStatus([str(self._watch_folder())], is_localhost=True)

    def check(self) -> list[Failure]:
        failures = []
        for name, folder in (self._drop_setting(), ("watchFolder", self._watch_folder())):
            if not str(folder) or not folder.is_absolute():
                failures.append(Failure(name, "Invalid Path", str(folder)))
            elif not folder.is_dir():
                failures.append(Failure(name, f"Folder '{folder}' does not exist", str(folder)))
            elif not os.access(folder, os.W_OK):
                failures.append(Failure(name, f"Folder '{folder}' is not writable", str(folder)))
        return failures

    def _drop_setting(self) -> tuple[str, Path]:
        raise NotImplementedError


class TorrentBlackhole(Blackhole):
    implementation = "TorrentBlackhole"
    implementation_name = "Torrent Blackhole"
    info_link = "https://wiki.servarr.com/radarr/supported#torrentblackhole"
    protocol = "torrent"

    @dataclass
    class Settings:
        torrent_folder: str = setting(
            "Torrent Folder",
            field_type="path",
            help_text="Folder in which Radarr will store the .torrent file",
        )
        watch_folder: str = setting(
            "Watch Folder",
            field_type="path",
            help_text="Folder from which Radarr should import completed downloads",
        )
        save_magnet_files: bool = setting(
            "Save Magnet Files",
            False,
            field_type="checkbox",
            help_text="Save the magnet link if no .torrent file is available (only useful if the download "
            "client supports magnets saved to a file)",
        )
        magnet_file_extension: str = setting(
            "Save Magnet Files Extension",
            ".magnet",
            help_text="Extension to use for magnet links, defaults to '.magnet'",
        )
        read_only: bool = setting(
            "Read Only",
            True,
            field_type="checkbox",
            help_text="Instead of moving files this will instruct Radarr to Copy or Hardlink",
        )

    def _drop_folder(self) -> Path:
        return Path(self.settings.torrent_folder)

    def _drop_setting(self) -> tuple[str, Path]:
        return "torrentFolder", self._drop_folder()

    def read_only_setting(self) -> bool:
        return bool(self.settings.read_only)

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        title = clean_file_name(release.title)
        if payload:
            return self._write(release, f"{title}.torrent", payload)
        magnet = magnet_link(release)
        if not self.settings.save_magnet_files:
            raise ProviderError(
                "Torrent Blackhole cannot use a magnet link unless 'Save Magnet Files' is on", permanent=True
            )
        extension = "." + self.settings.magnet_file_extension.strip().lstrip(".")
        return self._write(release, f"{title}{extension}", magnet.encode())

    def check(self) -> list[Failure]:
        failures = super().check()
        if not self.settings.magnet_file_extension.strip():
            failures.append(Failure("magnetFileExtension", "'Save Magnet Files Extension' must not be empty"))
        return failures


class UsenetBlackhole(Blackhole):
    implementation = "UsenetBlackhole"
    implementation_name = "Usenet Blackhole"
    info_link = "https://wiki.servarr.com/radarr/supported#usenetblackhole"
    protocol = "usenet"

    @dataclass
    class Settings:
        nzb_folder: str = setting(
            "Nzb Folder",
            field_type="path",
            help_text="This folder will need to be reachable from SABnzbd/NZBGet",
        )
        watch_folder: str = setting(
            "Watch Folder",
            field_type="path",
            help_text="Radarr will import completed downloads from this folder",
        )

    def _drop_folder(self) -> Path:
        return Path(self.settings.nzb_folder)

    def _drop_setting(self) -> tuple[str, Path]:
        return "nzbFolder", self._drop_folder()

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        return self._write(release, f"{clean_file_name(release.title)}.nzb", require_nzb(payload))
