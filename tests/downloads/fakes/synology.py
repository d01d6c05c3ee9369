"""A Synology DiskStation with Download Station, after Synology's Web API documentation: SYNO.API.Info
at query.cgi says where every API lives and which versions it speaks; SYNO.API.Auth gives a session id
that every other call must carry as `_sid` (else error 119); APIs share entry.cgi and are told apart
by `api`; a version outside an API's range is error 104; errors are HTTP 200 with `success: false`.
Download Station speaks shared-folder paths (`downloads/radarr`); File Station knows their real ones."""

import json
import secrets
from dataclasses import dataclass
from typing import Any

from tests.downloads.fakes.service import FakeService, Reply, Request, json_reply, magnet_facts, torrent_facts

STATUS_NAMES = [
    "unknown", "waiting", "downloading", "paused", "finishing", "finished", "hash_checking", "seeding",
    "filehosting_waiting", "extracting", "error", "captcha_needed",
]  # fmt: skip


@dataclass(frozen=True)
class Api:
    path: str
    min_version: int
    max_version: int


@dataclass
class Task:
    id: str
    title: str
    size: int
    type: str
    destination: str
    uri: str
    status: str = "waiting"
    downloaded: int = 0
    uploaded: int = 0
    speed: int = 0
    extra: dict[str, Any] | None = None

    def resource(self, numbered: bool, additional: set[str]) -> dict[str, Any]:
        resource: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "size": self.size,
            "type": self.type,
            "username": "radarr",
            "status": STATUS_NAMES.index(self.status) if numbered else self.status,
        }
        if self.extra is not None:
            resource["status_extra"] = self.extra
        extras: dict[str, Any] = {}
        if "detail" in additional:
            extras["detail"] = {"destination": self.destination, "uri": self.uri, "priority": "auto"}
        if "transfer" in additional:
            extras["transfer"] = {
                "size_downloaded": str(self.downloaded),
                "size_uploaded": str(self.uploaded),
                "speed_download": str(self.speed),
            }
        if extras:
            resource["additional"] = extras
        return resource


def error(code: int) -> Reply:
    return json_reply({"success": False, "error": {"code": code}})


def ok(data: Any = None) -> Reply:
    return json_reply({"success": True, **({"data": data} if data is not None else {})})


class SynologyFake(FakeService):
    def __init__(
        self,
        username: str = "radarr",
        password: str = "secret",
        serial: str = "1780PDN123456",
        has_task2: bool = True,
        task_versions: tuple[int, int] = (1, 3),
    ) -> None:
        super().__init__()
        self.username, self.password, self.serial = username, password, serial
        self.has_task2, self.task_versions = has_task2, task_versions
        self.default_destination = "downloads"
        self.shares = {"downloads": "/volume1/downloads"}
        self.folders = {"downloads", "downloads/radarr", "video/movies"}
        self.sessions: set[str] = set()
        self.tasks: dict[str, Task] = {}
        self.next_id = 1
        self.deleted: list[str] = []

    def apis(self) -> dict[str, Api]:
        apis = {
            "SYNO.API.Info": Api("query.cgi", 1, 1),
            "SYNO.API.Auth": Api("auth.cgi", 1, 7),
            "SYNO.DownloadStation.Task": Api("DownloadStation/task.cgi", *self.task_versions),
            "SYNO.DownloadStation.Info": Api("DownloadStation/info.cgi", 1, 2),
            "SYNO.FileStation.List": Api("entry.cgi", 1, 2),
            "SYNO.DSM.Info": Api("entry.cgi", 1, 2),
        }
        if self.has_task2:
            apis["SYNO.DownloadStation2.Task"] = Api("entry.cgi", 1, 2)
            apis["SYNO.DownloadStation2.Settings.Location"] = Api("entry.cgi", 1, 1)
        return apis

    def expire_sessions(self) -> None:
        self.sessions.clear()

    # ---- dispatch

    def handle(self, request: Request) -> Reply:
        name, method = request.arg("api"), request.arg("method")
        api = self.apis().get(name)
        if api is None or request.path != f"/webapi/{api.path}":
            return error(102)
        if not api.min_version <= int(request.arg("version") or 0) <= api.max_version:
            return error(104)
        if name == "SYNO.API.Info":
            return self._info(request.arg("query"))
        if name == "SYNO.API.Auth":
            return self._login(request) if method == "login" else error(103)
        if request.arg("_sid") not in self.sessions:
            return error(119)
        handler = getattr(self, "_" + name.removeprefix("SYNO.").replace(".", "_") + "_" + method, None)
        return handler(request) if handler else error(103)

    def _info(self, query: str) -> Reply:
        wanted = set(query.split(",")) if query != "ALL" else set(self.apis())
        return ok(
            {
                name: {"path": api.path, "minVersion": api.min_version, "maxVersion": api.max_version}
                for name, api in self.apis().items()
                if name in wanted
            }
        )

    def _login(self, request: Request) -> Reply:
        if request.arg("account") != self.username or request.arg("passwd") != self.password:
            return error(400)
        sid = secrets.token_hex(12)
        self.sessions.add(sid)
        return ok({"sid": sid, "is_portal_port": False})

    # ---- APIs

    def _DSM_Info_getinfo(self, request: Request) -> Reply:
        return ok({"serial": self.serial, "model": "DS918+", "version_string": "DSM 7.2"})

    def _DownloadStation_Info_getConfig(self, request: Request) -> Reply:
        return ok({"default_destination": self.default_destination, "emule_enabled": False})

    def _DownloadStation2_Settings_Location_get(self, request: Request) -> Reply:
        return ok({"default_destination": self.default_destination})

    def _FileStation_List_getinfo(self, request: Request) -> Reply:
        files = []
        for path in json.loads(request.arg("path")):
            relative = path.strip("/")
            share, _, rest = relative.partition("/")
            if share not in self.shares:
                files.append({"code": 408, "path": path, "name": relative.rsplit("/", 1)[-1]})
                continue
            real = self.shares[share] + (f"/{rest}" if rest else "")
            files.append(
                {"path": path, "name": relative.rsplit("/", 1)[-1], "isdir": relative in self.folders,
                 "additional": {"real_path": real}}
            )  # fmt: skip
        return ok({"files": files})

    def _tasks(self, request: Request, numbered: bool) -> list[dict[str, Any]]:
        additional = {part for value in request.query.get("additional", []) for part in value.split(",")}
        return [task.resource(numbered, additional) for task in self.tasks.values()]

    def _DownloadStation_Task_list(self, request: Request) -> Reply:
        tasks = self._tasks(request, numbered=False)
        return ok({"total": len(tasks), "offset": 0, "tasks": tasks})

    def _DownloadStation2_Task_list(self, request: Request) -> Reply:
        tasks = self._tasks(request, numbered=True)
        return ok({"total": len(tasks), "offset": 0, "task": tasks})

    def _create(self, destination: str, *, upload: Any = None, url: str = "") -> Reply:
        destination = destination.strip('"')
        if destination not in self.folders:
            return error(403)
        if upload is not None and upload.filename.endswith(".nzb"):
            task = Task("", upload.filename.removesuffix(".nzb"), 0, "nzb", destination, upload.filename)
            task.size = len(upload.content) * 1000
        elif upload is not None:
            _, name, size = torrent_facts(upload.content)
            task = Task("", name, size, "bt", destination, upload.filename.removesuffix(".torrent"))
        else:
            _, name = magnet_facts(url)
            task = Task("", name, 0, "bt", destination, url)
        task.id = f"dbid_{self.next_id}"
        self.next_id += 1
        self.tasks[task.id] = task
        return ok({"list_id": [], "task_id": [task.id]})

    def _DownloadStation_Task_create(self, request: Request) -> Reply:
        upload = request.uploads().get("file")
        return self._create(request.arg("destination"), upload=upload, url=request.arg("uri"))

    def _DownloadStation2_Task_create(self, request: Request) -> Reply:
        if request.arg("type").strip('"') == "file":
            if request.arg("file") != '["fileData"]' or "fileData" not in request.uploads():
                return error(101)
            return self._create(request.arg("destination"), upload=request.uploads()["fileData"])
        return self._create(request.arg("destination"), url=request.arg("url"))

    def _delete(self, request: Request) -> Reply:
        results = []
        for task_id in request.arg("id").split(","):
            if self.tasks.pop(task_id, None) is None:
                return error(404)
            self.deleted.append(task_id)
            results.append({"id": task_id, "error": 0})
        return ok(results)

    _DownloadStation_Task_delete = _delete
    _DownloadStation2_Task_delete = _delete
