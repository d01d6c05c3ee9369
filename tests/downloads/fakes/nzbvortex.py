"""NZBVortex 3's API (HTTPS only, /api), after its documentation: auth/nonce gives a nonce, auth/login
takes base64(sha256(nonce:cnonce:apikey)) and gives a session id that every other call needs (else
`{"result": "notLoggedIn"}`); NZBs live in groups; finished ones stay listed (limitDone)."""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply

WAITING, DOWNLOADING, PASSWORD_REQUEST, DONE, UNCOMPRESS_FAILED = 0, 1, 5, 20, 21


@dataclass
class Nzb:
    id: int
    add_uuid: str
    title: str
    group: str
    priority: int
    size: int = 1_000_000
    downloaded: int = 0
    state: int = WAITING
    paused: bool = False
    destination: str = "/Users/vortex/Downloads/Movies"
    files: tuple[str, ...] = ()

    def resource(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uiTitle": self.title,
            "destinationPath": self.destination,
            "nzbFilename": f"{self.title}.nzb",
            "isPaused": self.paused,
            "state": self.state,
            "statusText": "",
            "progress": 100.0 * self.downloaded / self.size,
            "downloadedSize": self.downloaded,
            "totalDownloadSize": self.size,
            "addUUID": self.add_uuid,
            "groupName": self.group,
        }


class NzbVortexFake(FakeService):
    def __init__(self, certificate: Path, api_key: str = "vortex-key", api_level: str = "2.4") -> None:
        super().__init__(tls_certificate=certificate)
        self.api_key, self.api_level = api_key, api_level
        self.groups = ["Movies", "TV"]
        self.nonces: set[str] = set()
        self.sessions: set[str] = set()
        self.nzbs: dict[int, Nzb] = {}
        self.cancelled: list[tuple[int, bool]] = []

    def expire_sessions(self) -> None:
        self.sessions.clear()

    def handle(self, request: Request) -> Reply:
        path = request.path.removeprefix("/api/")
        if path == "app/appversion":
            return json_reply({"result": "ok", "version": "3.5.1", "apiLevel": self.api_level})
        if path == "app/apilevel":
            return json_reply({"result": "ok", "apilevel": self.api_level})
        if path == "auth/nonce":
            nonce = secrets.token_hex(8)
            self.nonces.add(nonce)
            return json_reply({"result": "ok", "authNonce": nonce})
        if path == "auth/login":
            return json_reply(self._login(request))
        if request.arg("sessionid") not in self.sessions:
            return json_reply({"result": "notLoggedIn"})
        return json_reply({"result": "ok", **self._command(request, path)})

    def _login(self, request: Request) -> dict[str, Any]:
        nonce, cnonce = request.arg("nonce"), request.arg("cnonce")
        expected = base64.b64encode(
            hashlib.sha256(f"{nonce}:{cnonce}:{self.api_key}".encode()).digest()
        ).decode()
        if nonce not in self.nonces or request.arg("hash") != expected:
            return {"result": "ok", "loginResult": "failed"}
        self.nonces.discard(nonce)  # a nonce serves one login
        session = secrets.token_hex(12)
        self.sessions.add(session)
        return {"result": "ok", "loginResult": "successful", "sessionID": session}

    def _command(self, request: Request, path: str) -> dict[str, Any]:
        if path == "group":
            return {"groups": [{"groupname": name} for name in self.groups]}
        if path == "nzb/add":
            upload = request.uploads()["name"]
            nzb_id = len(self.nzbs) + 1
            group = request.arg("groupname")
            title = upload.filename.removesuffix(".nzb")
            self.nzbs[nzb_id] = Nzb(nzb_id, f"uuid-{nzb_id:04d}", title, group, int(request.arg("priority")))
            return {"add_uuid": self.nzbs[nzb_id].add_uuid}
        if path == "nzb":
            group = request.arg("groupName")
            return {"nzbs": [nzb.resource() for nzb in self.nzbs.values() if not group or nzb.group == group]}
        if path.startswith("file/"):
            return {
                "files": [
                    {"id": i, "fileName": name} for i, name in enumerate(self.nzbs[int(path[5:])].files)
                ]
            }
        if path.startswith("nzb/") and path.endswith(("/cancel", "/cancelDelete")):
            nzb_id = int(path.split("/")[1])
            self.nzbs.pop(nzb_id)
            self.cancelled.append((nzb_id, path.endswith("cancelDelete")))
            return {}
        return {"result": "unknownCommand"}
