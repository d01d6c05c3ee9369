"""Pneumatic: the Kodi add-on that streams straight from usenet, fed as a usenet blackhole.

Radarr writes the .nzb into the Nzb Folder and a .strm file pointing Pneumatic at it into the Strm
Folder; Kodi plays the .strm. The Strm Folder is the queue: every .strm file is a finished download
(the file is written whole), named by its file and modification time as Radarr names it.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    clean_file_name,
    require_nzb,
)
from downloads.implementations.blackhole import write_atomically
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

STRM_TEMPLATE = "plugin://plugin.program.pneumatic/?mode=strm&type=add_file&nzb={nzb}&nzbname={title}"


class Pneumatic(BaseDownloadClient):
    implementation = "Pneumatic"
    implementation_name = "Pneumatic"
    info_link = "https://wiki.servarr.com/radarr/supported#pneumatic"
    protocol = "usenet"

    @dataclass
    class Settings:
        nzb_folder: str = setting(
            "Nzb Folder", field_type="path", help_text="This folder will need to be reachable from Kodi"
        )
        strm_folder: str = setting(
            "Strm Folder",
            field_type="path",
            help_text=".strm files in this folder will be imported by Radarr",
        )

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        nzb = require_nzb(payload)
        if not self.settings.strm_folder.strip():
            raise ProviderError("Strm Folder needs to be set for Pneumatic", permanent=True)
        title = clean_file_name(release.title)
        nzb_file = self._write(Path(self.settings.nzb_folder), f"{title}.nzb", nzb)
        strm = STRM_TEMPLATE.format(nzb=nzb_file, title=title)
        return self._download_id(self._write(Path(self.settings.strm_folder), f"{title}.strm", strm.encode()))

    def _write(self, folder: Path, name: str, content: bytes) -> Path:
        if not folder.is_dir():
            raise ProviderError(f"The folder {folder} does not exist", permanent=True)
        try:
            return write_atomically(folder, name, content)
        except OSError as error:
            raise ProviderError(f"Could not write {name} into {folder}: {error.strerror}") from error

    def _download_id(self, strm: Path) -> str:
        return f"{self.definition.name}_{strm.name}_{strm.stat().st_mtime_ns}"

    def items(self) -> list[DownloadItem]:
        folder = Path(self.settings.strm_folder)
        if not folder.is_dir():
            raise ProviderError(f"The Strm Folder {folder} does not exist")
        return [
            DownloadItem(
                download_id=self._download_id(strm),
                title=clean_file_name(strm.stem),
                status=ItemStatus.COMPLETED,
                total_size=strm.stat().st_size,
                output_path=str(strm),
                can_move_files=True,
                # Radarr offers removal, then refuses it: we never offer it (Kodi still plays the file)
                can_be_removed=False,
            )
            for strm in sorted(folder.glob("*.strm"))
            if strm.is_file()
        ]

    def remove(self, download_id: str, delete_data: bool) -> None:
        raise ProviderError(
            "Pneumatic cannot remove downloads: delete the .strm file in Kodi's folder by hand"
        )

    def status(self) -> ClientStatus:
        return ClientStatus([], is_localhost=True)

    def check(self) -> list[Failure]:
        failures = []
        for name, value in (
            ("nzbFolder", self.settings.nzb_folder),
            ("strmFolder", self.settings.strm_folder),
        ):
            folder = Path(value)
            if not value.strip() or not folder.is_absolute():
                failures.append(Failure(name, "Invalid Path", value))
            elif not folder.is_dir():
                failures.append(Failure(name, f"Folder '{folder}' does not exist", value))
            elif not os.access(folder, os.W_OK):
                failures.append(Failure(name, f"Folder '{folder}' is not writable", value))
        return failures
