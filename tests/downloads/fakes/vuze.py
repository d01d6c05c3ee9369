"""Vuze's Web Remote plugin, which speaks Transmission's RPC (/transmission/rpc), after Transmission's
RPC documentation: a call without the current X-Transmission-Session-Id is answered 409 with it;
basic authentication; Vuze reports `fileCount` and puts a multi-file torrent in its own folder."""

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply, magnet_facts, torrent_facts

STOPPED, CHECK_WAIT, CHECKING, DOWNLOAD_WAIT, DOWNLOADING, SEED_WAIT, SEEDING = range(7)
SESSION_HEADER = "X-Transmission-Session-Id"


@dataclass
class Torrent:
    id: int
    hash: str
    name: str
    size: int
    download_dir: str
    status: int = DOWNLOADING
    left: int = 0
    finished: bool = False
    file_count: int = 1
    error: str = ""
    ratio: float = 0.0

    def fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hashString": self.hash.lower(),
            "name": self.name,
            "downloadDir": self.download_dir,
            "totalSize": self.size,
            "leftUntilDone": self.left,
            "isFinished": self.finished,
            "eta": -1,
            "status": self.status,
            "errorString": self.error,
            "uploadRatio": self.ratio,
            "peersGettingFromUs": 0,
            "peersSendingToUs": 1,
            "fileCount": self.file_count,
        }


class VuzeFake(FakeService):
    def __init__(self, password: str = "pairing-code", rpc_version: int = 15) -> None:
        super().__init__()
        self.password, self.rpc_version = password, rpc_version
        self.session_id = secrets.token_hex(12)
        self.download_dir = "/home/vuze/Downloads"
        self.torrents: dict[str, Torrent] = {}
        self.removed: list[tuple[str, bool]] = []

    def handle(self, request: Request) -> Reply:
        expected = base64.b64encode(f"vuze:{self.password}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return Reply(401, "Unauthorized", "text/html")
        if request.path != "/transmission/rpc":
            return Reply(404, "", "text/html")
        if request.headers.get(SESSION_HEADER.lower()) != self.session_id:
            return Reply(409, "Conflict", "text/html", {SESSION_HEADER: self.session_id})
        call = request.json()
        arguments = getattr(self, "rpc_" + call["method"].replace("-", "_"))(call.get("arguments") or {})
        return json_reply({"result": "success", "arguments": arguments})

    def rpc_session_get(self, arguments: dict[str, Any]) -> dict[str, Any]:
        return {"rpc-version": self.rpc_version, "version": "5.7.6.0_B03", "download-dir": self.download_dir}

    def rpc_torrent_add(self, arguments: dict[str, Any]) -> dict[str, Any]:
        if "metainfo" in arguments:
            info_hash, name, size = torrent_facts(base64.b64decode(arguments["metainfo"]))
        else:
            (info_hash, name), size = magnet_facts(arguments["filename"]), 0
        folder = arguments.get("download-dir", self.download_dir)
        torrent = Torrent(len(self.torrents) + 1, info_hash, name, size, folder, left=size)
        self.torrents[info_hash] = torrent
        return {"torrent-added": {"id": torrent.id, "hashString": info_hash.lower(), "name": name}}

    def rpc_torrent_get(self, arguments: dict[str, Any]) -> dict[str, Any]:
        wanted = set(arguments["fields"])
        return {
            "torrents": [{k: v for k, v in t.fields().items() if k in wanted} for t in self.torrents.values()]
        }

    def rpc_torrent_remove(self, arguments: dict[str, Any]) -> dict[str, Any]:
        for hash_ in arguments["ids"]:
            self.torrents.pop(hash_.upper())
            self.removed.append((hash_.upper(), arguments.get("delete-local-data", False)))
        return {}

    def rpc_queue_move_top(self, arguments: dict[str, Any]) -> dict[str, Any]:
        return {}
