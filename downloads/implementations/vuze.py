"""Vuze (Azureus) through its Web Remote plugin, which speaks Transmission's RPC.

Everything is Transmission's (session id handshake, category sub-folders, states) except where Vuze
puts a download: a multi-file torrent's `downloadDir` is its own job folder, a single file's is the
folder that holds it. Radarr's Vuze keeps Transmission's settings (config contract and all).
"""

from typing import Any, ClassVar

from downloads.implementations.base import as_int
from downloads.implementations.transmission import MINIMUM_RPC_VERSION, TORRENT_FIELDS, Transmission
from radarr.api.errors import Failure


class Vuze(Transmission):
    implementation = "Vuze"
    implementation_name = "Vuze"
    info_link = "https://wiki.servarr.com/radarr/supported#vuze"
    torrent_fields: ClassVar[list[str]] = [*TORRENT_FIELDS, "fileCount"]

    @classmethod
    def config_contract(cls) -> str:
        return "TransmissionSettings"

    def output_path(self, torrent: dict[str, Any]) -> str:
        directory = str(torrent.get("downloadDir", "")).rstrip("/")
        name = str(torrent.get("name", ""))
        if not directory or directory.rsplit("/", 1)[-1] == name or as_int(torrent.get("fileCount")) > 1:
            return directory  # already the job folder (or the file itself)
        return f"{directory}/{name}"

    def check_version(self) -> Failure | None:
        version = as_int(self.session_settings().get("rpc-version"))
        if version < MINIMUM_RPC_VERSION:
            return Failure(
                "host",
                f"Vuze's Web Remote speaks RPC version {version}: version {MINIMUM_RPC_VERSION} or "
                "newer is needed (update the Vuze Web Remote plugin)",
            )
        return None
