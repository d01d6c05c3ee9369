"""uTorrent's Web UI API (/gui/), after its documentation: token.html gives a token bound to the GUID
cookie; every call needs both (and basic authentication) or is answered 400; the list is differential
once a client sends the cache id (`cid`) it was given."""

import base64
import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply, magnet_facts, torrent_facts

STARTED, CHECKING, CHECKED, ERROR, PAUSED, QUEUED, LOADED = 1, 2, 8, 16, 32, 64, 128
FLAGS = {  # how uTorrent's status bits look in each state its GUI names
    "downloading": STARTED | CHECKED | LOADED,
    "queued": QUEUED | CHECKED | LOADED,
    "paused": STARTED | PAUSED | CHECKED | LOADED,
    "stopped": CHECKED | LOADED,
    "seeding": STARTED | QUEUED | CHECKED | LOADED,
    "forced seeding": STARTED | CHECKED | LOADED,
    "error": ERROR | CHECKED | LOADED,
}


@dataclass
class Torrent:
    hash: str
    name: str
    size: int
    label: str = ""
    flags: int = FLAGS["queued"]
    downloaded: int = 0
    uploaded: int = 0
    eta: int = -1
    queue_order: int = 1
    path: str = "/downloads"
    props: dict[str, list[str]] = field(default_factory=dict)

    def row(self) -> list[Any]:
        remaining = self.size - self.downloaded
        progress = 1000 * self.downloaded // self.size if self.size else 0
        ratio = 1000 * self.uploaded // self.downloaded if self.downloaded else 0
        return [
            self.hash, self.flags, self.name, self.size, progress, self.downloaded, self.uploaded, ratio,
            0, 0, self.eta, self.label, 2, 10, 3, 20, 65536, self.queue_order, remaining, "", "", "",
            "", 0, 0, "", f"{self.path}/{self.name}", 0, "",
        ]  # fmt: skip


class UTorrentFake(FakeService):
    def __init__(self, username: str = "admin", password: str = "secret", build: int = 46305) -> None:
        super().__init__()
        self.username, self.password, self.build = username, password, build
        self.token, self.guid = "", ""
        self.torrents: dict[str, Torrent] = {}
        self.snapshots: dict[str, dict[str, list[Any]]] = {}
        self.cache_ids = itertools.count(1000)
        self.settings = {
            "dir_active_download_flag": "true",
            "dir_active_download": "/downloads/incomplete",
            "dir_completed_download_flag": "true",
            "dir_completed_download": "/downloads/complete",
            "dir_add_label": "true",
        }
        self.actions: list[tuple[str, str]] = []  # (action, hash) in the order they arrived

    def expire_token(self) -> None:
        self.token = secrets.token_hex(8)  # as after uTorrent restarted: the client's token is stale

    def set(self, hash_: str, state: str, **changes: Any) -> Torrent:
        torrent = self.torrents[hash_.upper()]
        torrent.flags = FLAGS[state]
        for name, value in changes.items():
            setattr(torrent, name, value)
        return torrent

    def handle(self, request: Request) -> Reply:
        if not self._authorized(request):
            return Reply(401, "Unauthorized", "text/plain", {"WWW-Authenticate": 'Basic realm="uTorrent"'})
        if request.path == "/gui/token.html":
            self.token, self.guid = secrets.token_hex(16), secrets.token_hex(10)
            body = f"<html><div id='token' style='display:none;'>{self.token}</div></html>"
            return Reply(200, body, "text/html", {"Set-Cookie": f"GUID={self.guid}"})
        if request.path != "/gui/":
            return Reply(404, "not found", "text/plain")
        if not self.token or request.arg("token") != self.token or request.cookies().get("GUID") != self.guid:
            return Reply(400, "invalid request", "text/plain")
        if request.arg("list") == "1":
            return json_reply(self._list(request.arg("cid")))
        return self._action(request, request.arg("action"))

    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return header == f"Basic {expected}"

    def _list(self, cid: str) -> dict[str, Any]:
        rows = {hash_: torrent.row() for hash_, torrent in self.torrents.items()}
        answer: dict[str, Any] = {"build": self.build, "label": self._labels()}
        previous = self.snapshots.get(cid)
        if previous is None:
            answer["torrents"] = list(rows.values())
        else:
            answer["torrentp"] = [row for hash_, row in rows.items() if previous.get(hash_) != row]
            answer["torrentm"] = [hash_ for hash_ in previous if hash_ not in rows]
        new_cid = str(next(self.cache_ids))
        self.snapshots[new_cid] = rows
        answer["torrentc"] = new_cid
        return answer

    def _labels(self) -> list[list[Any]]:
        labels = sorted({torrent.label for torrent in self.torrents.values() if torrent.label})
        return [[label, sum(t.label == label for t in self.torrents.values())] for label in labels]

    def _action(self, request: Request, action: str) -> Reply:
        hash_ = request.arg("hash").upper()
        self.actions.append((action, hash_))
        if action == "getsettings":
            kinds = {"true": 1, "false": 1}
            settings = [[name, kinds.get(value, 2), value] for name, value in self.settings.items()]
            return json_reply({"build": self.build, "settings": settings})
        if action == "add-file":
            upload = request.uploads()["torrent_file"]
            info_hash, name, size = torrent_facts(upload.content)
            self.torrents[info_hash] = Torrent(info_hash, name, size, queue_order=len(self.torrents) + 1)
        elif action == "add-url":
            info_hash, name = magnet_facts(request.arg("s"))
            self.torrents[info_hash] = Torrent(info_hash, name, 0, queue_order=len(self.torrents) + 1)
        elif hash_ not in self.torrents:
            return json_reply({"build": self.build, "error": "invalid hash"})
        elif action == "setprops":
            torrent = self.torrents[hash_]
            for name, value in zip(request.query.get("s", []), request.query.get("v", []), strict=True):
                torrent.props.setdefault(name, []).append(value)
                if name == "label":
                    torrent.label = value
        elif action in ("remove", "removedata"):
            del self.torrents[hash_]
        elif action in FLAG_ACTIONS:
            self.torrents[hash_].flags = FLAG_ACTIONS[action]
        return json_reply({"build": self.build})


FLAG_ACTIONS = {
    "start": FLAGS["queued"],
    "forcestart": FLAGS["downloading"],
    "pause": FLAGS["paused"],
    "stop": FLAGS["stopped"],
}
