"""Synology Download Station, for torrents and for usenet (two kinds sharing one settings contract).

Download Station speaks in shared folders (`downloads/radarr`), never in volume paths: File Station
tells the real path (`/volume1/downloads`), which remote path mappings then map. Its folder rules are
Radarr's: the Directory setting is where downloads go (a path inside a share, without a leading /);
else the Category is a sub-folder of Download Station's default destination; both cannot be set.
Download ids are `<hashed serial number>:<task id>`, as Radarr makes them.
"""

import re
import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

import orjson

from downloads.implementations.base import (
    BaseDownloadClient,
    ClientStatus,
    DownloadItem,
    ItemStatus,
    as_int,
    clean_file_name,
    require_nzb,
    torrent_to_add,
)
from downloads.implementations.synology import (
    DS_INFO_API,
    LOCATION_API,
    TASK2_API,
    TASK_API,
    DiskStation,
    DiskStationAuthError,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.releaseinfo import ReleaseInfo

# SYNO.DownloadStation2.Task reports numbers, SYNO.DownloadStation.Task names
STATUS_NAMES = [
    "unknown", "waiting", "downloading", "paused", "finishing", "finished", "hash_checking", "seeding",
    "filehosting_waiting", "extracting", "error", "captcha_needed",
]  # fmt: skip
CATEGORY_RULE = re.compile(r"\.?[-a-z]*", re.IGNORECASE)


def _status_name(value: Any) -> str:
    if isinstance(value, int) and 0 <= value < len(STATUS_NAMES):
        return STATUS_NAMES[value]
    name = str(value or "").lower()
    return name if name in STATUS_NAMES else "unknown"


@dataclass(slots=True)
class Task:
    """One Download Station task, whichever task API reported it."""

    id: str
    title: str
    size: int
    type: str
    status: str
    destination: str
    uri: str
    downloaded: int
    uploaded: int
    speed: int
    extra: dict[str, Any]

    @property
    def remaining(self) -> int:
        return self.size - max(0, self.downloaded)


def _task(raw: dict[str, Any]) -> Task:
    additional = _object(raw.get("additional"))
    detail, transfer = _object(additional.get("detail")), _object(additional.get("transfer"))
    return Task(
        id=str(raw.get("id", "")),
        title=str(raw.get("title", "")),
        size=as_int(raw.get("size")),
        type=str(raw.get("type", "")).lower(),
        status=_status_name(raw.get("status")),
        destination=str(detail.get("destination") or ""),
        uri=str(detail.get("uri") or ""),
        downloaded=as_int(transfer.get("size_downloaded")),
        uploaded=as_int(transfer.get("size_uploaded")),
        speed=max(0, as_int(transfer.get("speed_download"))),
        extra=_object(raw.get("status_extra")),
    )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class DownloadStation(BaseDownloadClient):
    """What the torrent and usenet kinds share; `task_type` is the kind of task each lists."""

    task_type: str
    info_link = "https://wiki.servarr.com/radarr/supported#downloadstation"
    message: ClassVar[dict[str, str] | None] = {
        "message": "Radarr cannot log in to Download Station when the DSM account uses 2-step verification; "
        "the account also needs access to File Station",
        "type": "warning",
    }

    @dataclass
    class Settings:
        host: str = setting("Host", "127.0.0.1")
        port: int = setting("Port", 5000)
        use_ssl: bool = setting("Use SSL", False, field_type="checkbox", help_text="Use a secure connection")
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", field_type="password", secret=True)
        movie_category: str = setting(
            "Category",
            name="tvCategory",  # Radarr's field name
            help_text="Adding a category specific to Radarr avoids conflicts with unrelated downloads. "
            "Creates a [category] subdirectory in the output directory.",
        )
        movie_directory: str = setting(
            "Directory",
            name="tvDirectory",
            help_text="Optional shared folder to put downloads into; blank: Download Station's default",
        )

    @classmethod
    def config_contract(cls) -> str:
        return "DownloadStationSettings"

    def __init__(self, definition: Any) -> None:
        super().__init__(definition)
        self.station = DiskStation(self)

    def validate(self) -> list[Failure]:
        settings = self.settings
        failures = []
        if settings.movie_directory and settings.movie_directory.startswith("/"):
            failures.append(Failure("tvDirectory", "Cannot start with /", settings.movie_directory))
        if not CATEGORY_RULE.fullmatch(settings.movie_category or ""):
            failures.append(Failure("tvCategory", "Allowed characters a-z and -", settings.movie_category))
        if settings.movie_category and settings.movie_directory:
            failures.append(
                Failure("tvCategory", "Cannot use Category and Directory", settings.movie_category)
            )
        return failures

    def failing_field(self, error: ProviderError) -> str:
        if isinstance(error, DiskStationAuthError):
            return "username"
        return super().failing_field(error)

    # ---- tasks

    def task_api(self) -> str:
        """Download Station 3.8+ has SYNO.DownloadStation2.Task; older ones only the first."""
        for name in (TASK2_API, TASK_API):
            if self.station.api(name) is not None:
                return name
        raise ProviderError("Unable to determine Download Station's task API version: is it installed?")

    def tasks(self) -> list[Task]:
        api = self.task_api()
        if api == TASK2_API:
            params = [("additional", "detail"), ("additional", "transfer")]
            data = self.station.call(api, "list", 1, "get tasks", params=params)
            raw = (data or {}).get("task")
        else:
            data = self.station.call(api, "list", 1, "get tasks", params={"additional": "detail,transfer"})
            raw = (data or {}).get("tasks")
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.unexpected("the task list is not a list")
        tasks = [_task(task) for task in raw if isinstance(task, dict)]
        return [task for task in tasks if task.type == self.task_type]

    def download_directory(self) -> str | None:
        """The shared-folder path downloads go to: Directory, else the default destination (+ category)."""
        if self.settings.movie_directory:
            return self.settings.movie_directory.lstrip("/")
        data = self.station.call(DS_INFO_API, "getConfig", 1, "get config")
        default = str((data or {}).get("default_destination") or "")
        if default and self.settings.movie_category:
            return f"{default.rstrip('/')}/{self.settings.movie_category}"
        return default.rstrip("/") or None

    def _destination(self) -> str:
        folder = self.download_directory()
        if folder is None and self.station.api(LOCATION_API) is not None:
            info = self.station.require(LOCATION_API)
            data = self.station.call(LOCATION_API, "get", info.min_version, "get default destination folder")
            folder = str((data or {}).get("default_destination") or "") or None
        if folder is None:
            raise ProviderError(self._no_default_destination(), permanent=True)
        return folder

    def _no_default_destination(self) -> str:
        return (
            f"Download Station has no default destination: log in to the DiskStation as "
            f"{self.settings.username} and set one in Download Station's settings (Location)"
        )

    def _create_from_file(self, filename: str, content: bytes) -> None:
        api, destination = self.task_api(), self._destination()
        operation = f"add task from data {filename}"
        if api == TASK2_API:
            form = {
                "type": '"file"',
                "file": '["fileData"]',
                "create_list": "false",
                "destination": orjson.dumps(destination).decode(),
            }
            files = {"fileData": (filename, content)}
            self.station.call(api, "create", 2, operation, form=form, files=files, sid_in_query=True)
        else:
            files = {"file": (filename, content)}
            self.station.call(api, "create", 2, operation, form={"destination": destination}, files=files)

    def _create_from_url(self, url: str) -> None:
        api, destination = self.task_api(), self._destination()
        if api == TASK2_API:
            params = {"type": "url", "url": url, "create_list": "false", "destination": destination}
            self.station.call(api, "create", 2, "add task from url", params=params)
        else:
            self.station.call(
                api, "create", 3, "add task from url", params={"uri": url, "destination": destination}
            )

    def _added(self, uri: str, what: str) -> str:
        serial = self.station.serial_hash()
        matches = [task for task in self.tasks() if task.uri == uri]
        if len(matches) != 1:
            raise ProviderError(f"Failed to add {what} task to Download Station")
        return f"{serial}:{matches[0].id}"

    # ---- the interface

    def items(self) -> list[DownloadItem]:
        tasks = self.tasks()
        serial = self.station.serial_hash()
        directory = "/" + self.settings.movie_directory.strip("/") if self.settings.movie_directory else ""
        category = self.settings.movie_category
        self._prepare(tasks)
        items = []
        for task in tasks:
            folder = "/" + task.destination.strip("/")
            if directory and not (folder == directory or folder.startswith(directory + "/")):
                continue
            if not directory and category and category not in re.split(r"[\\/]", folder):
                continue
            item = self._item(task, serial)
            if item.status in (ItemStatus.COMPLETED, ItemStatus.FAILED):
                item.output_path = self.map_path(self.station.full_path(folder, serial)) + "/" + task.title
            items.append(item)
        return items

    def _prepare(self, tasks: list[Task]) -> None:
        """What a kind works out from all tasks before it reads each one."""

    def _item(self, task: Task, serial: str) -> DownloadItem:
        return DownloadItem(
            download_id=f"{serial}:{task.id}",
            title=task.title,
            status=self._status(task),
            category=self.settings.movie_category,
            total_size=task.size,
            remaining_size=task.remaining,
            message=self._message(task),
        )

    def _status(self, task: Task) -> ItemStatus:
        if task.status in ("unknown", "waiting", "filehosting_waiting"):
            return ItemStatus.QUEUED if task.size == 0 or task.remaining > 0 else ItemStatus.COMPLETED
        return {
            "paused": ItemStatus.PAUSED,
            "finished": ItemStatus.COMPLETED,
            "seeding": ItemStatus.COMPLETED,
            "error": ItemStatus.FAILED,
        }.get(task.status, ItemStatus.DOWNLOADING)

    @staticmethod
    def _message(task: Task) -> str:
        if task.status == "extracting" and "unzip_progress" in task.extra:
            return f"Extracting: {as_int(task.extra['unzip_progress'])}%"
        if task.status == "error":
            return str(task.extra.get("error_detail") or "Download Station reports an error")
        return ""

    def remove(self, download_id: str, delete_data: bool) -> None:
        task_id = download_id.split(":", 1)[-1]
        if delete_data:
            for item in self.items():
                if item.download_id.split(":", 1)[-1] == task_id and item.output_path:
                    _delete(Path(item.output_path))
        api = self.task_api()
        params = {"id": task_id, "force_complete": "false"}
        self.station.call(
            api, "delete", 2 if api == TASK2_API else 1, f"remove item {task_id}", params=params
        )

    def status(self) -> ClientStatus:
        serial = self.station.serial_hash()
        folder = self.station.full_path("/" + (self.download_directory() or ""), serial)
        return self.client_status(folder)

    def check(self) -> list[Failure]:
        info = self.station.require(self.task_api())
        if info.min_version > 2 or info.max_version < 2:
            return [
                Failure(
                    "",
                    f"Download Station's API version is not supported: version 2 is needed, it speaks "
                    f"{info.min_version} to {info.max_version}",
                )
            ]
        if failure := self._check_output_folder():
            return [failure]
        try:
            self.items()
        except ProviderError as error:
            return [Failure("", f"Failed to get the list of downloads: {error.message}")]
        return []

    def _check_output_folder(self) -> Failure | None:
        folder = self.download_directory()
        if folder is None:
            return Failure("tvDirectory", self._no_default_destination())
        share = re.split(r"[\\/]", folder)[0]
        field = "tvDirectory" if self.settings.movie_directory else "tvCategory"
        info = self.station.file_info(f"/{folder}")
        if not info.get("additional"):
            return Failure(
                field, f"Shared folder does not exist: the DiskStation has no shared folder '{share}'"
            )
        if not info.get("isdir"):
            return Failure(
                field, f"Folder does not exist: create '{folder}' inside the shared folder '{share}' first"
            )
        return None


def _delete(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


class TorrentDownloadStation(DownloadStation):
    implementation = "TorrentDownloadStation"
    implementation_name = "Download Station"
    protocol = "torrent"
    task_type = "bt"

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        _, magnet = torrent_to_add(release, payload)
        if magnet:
            self._create_from_url(magnet)
            return self._added(magnet, "magnet")
        title = clean_file_name(release.title)
        self._create_from_file(f"{title}.torrent", payload or b"")
        return self._added(title, "torrent")  # Download Station names the task's uri after the file

    def _item(self, task: Task, serial: str) -> DownloadItem:
        item = super()._item(task, serial)
        if task.speed > 0:
            item.remaining_time = timedelta(seconds=task.remaining // task.speed)
        item.seed_ratio = task.uploaded / task.downloaded if task.downloaded > 0 else 0.0
        # a task that met its seeding goal is "finished"; one still seeding is "seeding"
        item.can_move_files = item.can_be_removed = task.status == "finished"
        return item


class UsenetDownloadStation(DownloadStation):
    implementation = "UsenetDownloadStation"
    implementation_name = "Download Station"
    protocol = "usenet"
    task_type = "nzb"

    def add(
        self,
        release: ReleaseInfo,
        payload: bytes | None,
        *,
        category_override: str | None = None,
        is_recent: bool = False,
    ) -> str:
        filename = f"{clean_file_name(release.title)}.nzb"
        self._create_from_file(filename, require_nzb(payload))
        return self._added(filename, "NZB")

    def _prepare(self, tasks: list[Task]) -> None:
        # Radarr's estimate: what is left of every unpaused task at the speed of all of them together
        self._speed = sum(task.speed for task in tasks if task.status == "downloading")
        self._left = sum(task.remaining for task in tasks if task.status != "paused")

    def _item(self, task: Task, serial: str) -> DownloadItem:
        item = super()._item(task, serial)
        if item.status != ItemStatus.PAUSED and self._speed > 0:
            item.remaining_time = timedelta(seconds=self._left // self._speed)
        item.can_move_files = item.can_be_removed = True
        return item
