"""A SABnzbd stand-in whose queue and history a test sets (built on the fake HTTP server)."""

import json
from typing import Any

from tests.fakeserver import FakeServer


class SabFake:
    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.queue: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []
        server.add("/api", query={"mode": "version"}, body='{"version": "4.3.3"}')
        self.publish()

    def downloading(self, nzo_id: str, name: str, mb: float = 100, mbleft: float = 50) -> "SabFake":
        slot = {
            "status": "Downloading",
            "mb": str(mb),
            "mbleft": str(mbleft),
            "filename": name,
            "cat": "movies",
        }
        self.queue.append({**slot, "timeleft": "0:01:40", "nzo_id": nzo_id})
        return self.publish()

    def finished(
        self, nzo_id: str, name: str, storage: str, status: str = "Completed", message: str = ""
    ) -> "SabFake":
        self.queue = [slot for slot in self.queue if slot["nzo_id"] != nzo_id]
        slot = {"nzo_id": nzo_id, "name": name, "category": "movies", "status": status, "bytes": 104857600}
        self.history.append({**slot, "fail_message": message, "storage": storage})
        return self.publish()

    def publish(self) -> "SabFake":
        self.server.add(
            "/api",
            query={"mode": "queue"},
            body=json.dumps({"queue": {"paused": False, "slots": self.queue}}),
        )
        self.server.add(
            "/api", query={"mode": "history"}, body=json.dumps({"history": {"slots": self.history}})
        )
        return self

    def deletions(self) -> list[str]:
        return [r.query["value"][0] for r in self.server.requests if r.query.get("name") == ["delete"]]
