"""A small reader of another Radarr's v3 API: one GET per resource, paged resources page by page."""

from collections.abc import Iterator
from typing import Any

import requests

from radarr.http import session

PAGE_SIZE = 1000  # records per page of history and blocklist (Radarr answers up to any pageSize)


class SourceError(Exception):
    """The source could not be read (down, wrong key, an error status, not JSON): the section stops."""


class NotInSource(SourceError):
    """404: the source's version has no such resource (release profiles were restrictions before 5)."""


class RadarrReader:
    def __init__(self, url: str, api_key: str, *, read_timeout: float = 120) -> None:
        self.base = url.rstrip("/")
        if not self.base.endswith("/api/v3"):
            self.base += "/api/v3"
        self.session = session(read_timeout=read_timeout)
        self.session.headers["X-Api-Key"] = api_key

    def get(self, path: str, **params: Any) -> Any:
        """The JSON answer of GET /api/v3/<path>; SourceError saying which resource failed and why."""
        try:
            response = self.session.get(f"{self.base}/{path}", params=params or None)
        except requests.RequestException as error:
            raise SourceError(f"GET {path}: {type(error).__name__}") from None
        if response.status_code == 401:
            raise SourceError(f"GET {path}: the source refused the API key (401)")
        if response.status_code == 404:
            raise NotInSource(f"GET {path}: the source has no such resource (404)")
        if response.status_code >= 400:
            raise SourceError(f"GET {path}: the source answered {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise SourceError(f"GET {path}: the answer is not JSON") from None

    def get_list(self, path: str, **params: Any) -> list[dict[str, Any]]:
        """A resource list; entries that are not objects are dropped."""
        answer = self.get(path, **params)
        if not isinstance(answer, list):
            raise SourceError(f"GET {path}: expected a list")
        return [entry for entry in answer if isinstance(entry, dict)]

    def get_object(self, path: str) -> dict[str, Any]:
        answer = self.get(path)
        if not isinstance(answer, dict):
            raise SourceError(f"GET {path}: expected an object")
        return answer

    def pages(self, path: str, page_size: int = PAGE_SIZE, **params: Any) -> Iterator[list[dict[str, Any]]]:
        """The records of a paged resource (history, blocklist), oldest page last, page by page.

        Radarr's paging answers {page, pageSize, totalRecords, records}; an old source without paging
        answering a plain list is read as one page."""
        page = 1
        while True:
            answer = self.get(path, page=page, pageSize=page_size, **params)
            if isinstance(answer, list):
                yield [entry for entry in answer if isinstance(entry, dict)]
                return
            if not isinstance(answer, dict):
                raise SourceError(f"GET {path}: expected a page")
            records = [entry for entry in answer.get("records") or [] if isinstance(entry, dict)]
            if records:
                yield records
            total = answer.get("totalRecords")
            size = answer.get("pageSize") if isinstance(answer.get("pageSize"), int) else page_size
            if not records or (isinstance(total, int) and page * max(size, 1) >= total):
                return
            page += 1
