"""A loopback stand-in for another Radarr (built on tests/fakeserver.py): resources by v3 path, paged
ones (history, blocklist) answered page by page as Radarr pages them, any resource made to fail."""

import json
from pathlib import Path
from typing import Any

from tests.fakeserver import FakeServer

PAGED = ("history", "blocklist")
FIXTURES = Path(__file__).parent / "fixtures" / "radarr"


class StandInRadarr(FakeServer):
    API_KEY = "stand-in-key"

    def __init__(self, page_size: int = 1000) -> None:
        super().__init__()
        self.page_size = page_size

    def serve(self, path: str, body: Any) -> None:
        """GET /api/v3/<path> answers `body` (instead of what it answered); a paged resource's list is
        split into pages."""
        self.routes.pop(("GET", f"/api/v3/{path}"), None)
        if path in PAGED and isinstance(body, list):
            self._serve_pages(path, body)
            return
        self.add(f"/api/v3/{path}", body=json.dumps(body))

    def _serve_pages(self, path: str, records: list[Any]) -> None:
        pages = max(1, -(-len(records) // self.page_size))
        for number in range(1, pages + 1):
            chunk = records[(number - 1) * self.page_size : number * self.page_size]
            page = {
                "page": number,
                "pageSize": self.page_size,
                "totalRecords": len(records),
                "records": chunk,
            }
            self.add(f"/api/v3/{path}", body=json.dumps(page), query={"page": str(number)})

    def serve_all(self, resources: dict[str, Any]) -> None:
        for path, body in resources.items():
            self.serve(path, body)

    def fail(self, path: str, status: int = 500) -> None:
        """Every GET of this resource answers `status` (routes added later take precedence)."""
        self.routes.pop(("GET", f"/api/v3/{path}"), None)
        self.add(f"/api/v3/{path}", body='{"message": "boom"}', status=status)


def our_fixtures(library: Path) -> dict[str, Any]:
    """The small Radarr install of tests/imports/fixtures/radarr, its paths under `library`."""
    resources = {}
    for file in sorted(FIXTURES.glob("*.json")):
        text = file.read_text().replace("{library}", str(library))
        resources[file.stem.replace("--", "/")] = json.loads(text)
    return resources
