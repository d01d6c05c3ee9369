"""A local HTTP server that answers with captured responses, standing in for TMDB, indexers, SABnzbd."""

import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Route:
    status: int
    body: bytes
    content_type: str
    query: dict[str, str] = field(default_factory=dict)  # must all match, when given


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


class FakeServer:
    """Routes are (method, path) → response; unrouted GETs fall back to files under `root`, if set."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.routes: dict[tuple[str, str], list[Route]] = {}
        self.requests: list[RecordedRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # a short poll interval: stopping the server otherwise waits half a second per test
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(
        self,
        path: str,
        *,
        body: bytes | str = b"",
        file: Path | None = None,
        status: int = 200,
        content_type: str | None = None,
        method: str = "GET",
        query: dict[str, str] | None = None,
    ) -> None:
        """Answer `method path` (and, when given, only requests carrying `query`) with a body or a file."""
        data = file.read_bytes() if file is not None else body.encode() if isinstance(body, str) else body
        guessed = mimetypes.guess_type(file.name)[0] if file is not None else None
        route = Route(status, data, content_type or guessed or "application/json", query or {})
        # routes with query conditions are tried first, so a specific answer wins over a general one
        routes = self.routes.setdefault((method.upper(), path), [])
        routes.insert(0 if route.query else len(routes), route)

    def start(self) -> "FakeServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _find(self, method: str, path: str, query: dict[str, list[str]]) -> Route | None:
        for route in self.routes.get((method, path), []):
            if all(query.get(key, [None])[-1] == value for key, value in route.query.items()):
                return route
        if method == "GET" and self.root is not None:
            candidate = (self.root / path.lstrip("/")).resolve()
            if candidate.is_file() and candidate.is_relative_to(self.root.resolve()):
                kind = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                return Route(200, candidate.read_bytes(), kind)
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query, keep_blank_values=True)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append(
                    RecordedRequest(self.command, parts.path, query, dict(self.headers.items()), body)
                )
                route = server._find(self.command, parts.path, query)
                if route is None:
                    route = Route(404, b'{"message": "no fake route"}', "application/json")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(route.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler
