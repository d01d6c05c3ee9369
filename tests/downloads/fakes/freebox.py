"""The Freebox OS API (/api/v1/), after its documentation: GET /login gives a challenge, POST
/login/session takes the app id and HMAC-SHA1(app token, challenge) and gives a session token, which
every other call carries in X-Fbx-App-Auth (else 403 `auth_required`); folders travel base64-encoded;
answers are `{"success": bool, "result": ..., "error_code": ...}`."""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply, magnet_facts, torrent_facts


def encode(path: str) -> str:
    return base64.b64encode(path.encode()).decode()


@dataclass
class Task:
    id: int
    name: str
    size: int
    download_dir: str
    type: str = "bt"
    status: str = "downloading"
    rx_pct: int = 0
    eta: int = 0
    error: str = "none"
    stop_ratio: int = 0
    queue_pos: int = 1

    def resource(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "size": self.size,
            "rx_pct": self.rx_pct,
            "eta": self.eta,
            "error": self.error,
            "stop_ratio": self.stop_ratio,
            "queue_pos": self.queue_pos,
            "download_dir": encode(self.download_dir),
            "io_priority": "normal",
        }


def failure(code: str, status: int = 200) -> Reply:
    return json_reply({"success": False, "error_code": code, "msg": code}, status)


class FreeboxFake(FakeService):
    def __init__(self, app_id: str = "fr.radarr", app_token: str = "token-approved-on-the-box") -> None:
        super().__init__()
        self.app_id, self.app_token = app_id, app_token
        self.challenge = secrets.token_hex(16)
        self.sessions: set[str] = set()
        self.download_dir = "/Disque dur/Téléchargements"
        self.tasks: dict[int, Task] = {}
        self.deleted: list[tuple[int, bool]] = []

    def expire_sessions(self) -> None:
        self.sessions.clear()

    def handle(self, request: Request) -> Reply:
        if not request.path.startswith("/api/v1/"):
            return failure("invalid_api_version", 404)
        path = request.path.removeprefix("/api/v1")
        logged_in = request.headers.get("x-fbx-app-auth") in self.sessions
        if path == "/login" and request.method == "GET":
            return json_reply(
                {"success": True, "result": {"logged_in": logged_in, "challenge": self.challenge}}
            )
        if path == "/login/session":
            return self._open_session(request.json())
        if not logged_in:
            return failure("auth_required", 403)
        return self._downloads(request, path)

    def _open_session(self, body: dict[str, Any]) -> Reply:
        expected = hmac.new(self.app_token.encode(), self.challenge.encode(), hashlib.sha1).hexdigest()
        if body.get("app_id") != self.app_id or body.get("password") != expected:
            return failure("invalid_token", 403)
        self.challenge = secrets.token_hex(16)  # a challenge serves once
        token = secrets.token_hex(16)
        self.sessions.add(token)
        return json_reply(
            {"success": True, "result": {"session_token": token, "permissions": {"downloader": True}}}
        )

    def _downloads(self, request: Request, path: str) -> Reply:
        if path == "/downloads/config/":
            return json_reply({"success": True, "result": {"download_dir": encode(self.download_dir)}})
        if path == "/downloads/":
            tasks = [task.resource() for task in self.tasks.values()]
            return json_reply({"success": True, **({"result": tasks} if tasks else {})})  # none: no result
        if path == "/downloads/add":
            return self._add(request)
        task_id = int(path.split("/")[2])
        if task_id not in self.tasks:
            return failure("task_not_found")
        if request.method == "PUT":
            changes = request.json()
            task = self.tasks[task_id]
            task.status = changes.get("status", task.status)
            task.queue_pos = int(changes.get("queue_pos", task.queue_pos))
            task.stop_ratio = int(changes.get("stop_ratio", task.stop_ratio))
            return json_reply({"success": True, "result": task.resource()})
        if request.method == "DELETE":
            self.tasks.pop(task_id)
            self.deleted.append((task_id, path.endswith("/erase")))
            return json_reply({"success": True})
        return failure("invalid_request")

    def _add(self, request: Request) -> Reply:
        folder = base64.b64decode(request.arg("download_dir") or encode(self.download_dir)).decode()
        uploads = request.uploads()
        if "download_file" in uploads:
            _, name, size = torrent_facts(uploads["download_file"].content)
        elif request.arg("download_url").startswith("magnet:"):
            (_, name), size = magnet_facts(request.arg("download_url")), 0
        else:
            return failure("invalid_url")
        task_id = 100 + len(self.tasks)
        self.tasks[task_id] = Task(task_id, name, size, folder, queue_pos=len(self.tasks) + 1)
        return json_reply({"success": True, "result": {"id": task_id}})
