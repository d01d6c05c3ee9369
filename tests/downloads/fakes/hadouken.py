"""Hadouken's JSON-RPC API (/api, basic authentication), after its documentation: `webui.list` answers
uTorrent-style rows, `webui.addTorrent` takes a base64 file or a URL with a label, `webui.perform`
removes (with or without data)."""

import base64
from dataclasses import dataclass
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply, magnet_facts, torrent_facts

STARTED, CHECKING, PAUSED, QUEUED_FOR_CHECKING = 1, 2, 32, 64


@dataclass
class Torrent:
    hash: str
    name: str
    size: int
    label: str
    state: int = STARTED
    downloaded: int = 0
    uploaded: int = 0
    rate: int = 0
    error: str = ""
    save_path: str = "/data/downloads"

    def row(self) -> list[Any]:
        progress = 1000 * self.downloaded // self.size if self.size else 0
        row: list[Any] = [""] * 27
        row[0:7] = [
            self.hash.lower(),
            self.state,
            self.name,
            self.size,
            progress,
            self.downloaded,
            self.uploaded,
        ]
        row[9], row[11], row[21], row[26] = self.rate, self.label, self.error, self.save_path
        return row


class HadoukenFake(FakeService):
    def __init__(self, username: str = "hadouken", password: str = "secret", version: str = "5.2.1") -> None:
        super().__init__()
        self.username, self.password, self.version = username, password, version
        self.torrents: dict[str, Torrent] = {}
        self.removed: list[tuple[str, str]] = []

    def handle(self, request: Request) -> Reply:
        expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return Reply(401, "", "text/plain", {"WWW-Authenticate": 'Basic realm="Hadouken"'})
        if request.path != "/api" or request.method != "POST":
            return Reply(404, "", "text/plain")
        call = request.json()
        try:
            result = getattr(self, "rpc_" + call["method"].replace(".", "_"))(*call["params"])
        except AttributeError:
            return json_reply({"id": call["id"], "error": {"code": -32601, "message": "Method not found"}})
        return json_reply({"jsonrpc": "2.0", "id": call["id"], "result": result})

    def rpc_core_getSystemInfo(self) -> dict[str, Any]:
        return {"commitish": "abc", "branch": "master", "versions": {"hadouken": self.version}}

    def rpc_webui_list(self) -> dict[str, Any]:
        return {"torrents": [torrent.row() for torrent in self.torrents.values()], "label": []}

    def rpc_webui_getSettings(self) -> dict[str, Any]:
        return {"bittorrent.defaultSavePath": "/data/downloads", "http.port": 7070}

    def rpc_webui_addTorrent(self, kind: str, data: str, options: dict[str, Any]) -> str:
        if kind == "file":
            info_hash, name, size = torrent_facts(base64.b64decode(data))
        else:
            (info_hash, name), size = magnet_facts(data), 0
        self.torrents[info_hash] = Torrent(info_hash, name, size, options.get("label", ""))
        return info_hash.lower()

    def rpc_webui_perform(self, action: str, hashes: list[str]) -> bool:
        for hash_ in hashes:
            self.torrents.pop(hash_.upper())
            self.removed.append((action, hash_.upper()))
        return True
