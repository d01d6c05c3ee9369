"""The loopback HTTP server every stateful fake runs on: a subclass answers each parsed request."""

import hashlib
import json
import shutil
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Upload:
    filename: str
    content: bytes


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes

    def arg(self, name: str, default: str = "") -> str:
        """A query (or, for form posts, form) value: the last one given."""
        values = self.query.get(name) or self.form().get(name)
        return values[-1] if values else default

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def cookies(self) -> dict[str, str]:
        pairs = (part.strip().split("=", 1) for part in self.headers.get("cookie", "").split(";"))
        return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}

    def form(self) -> dict[str, list[str]]:
        kind = self.headers.get("content-type", "")
        if kind.startswith("application/x-www-form-urlencoded"):
            return parse_qs(self.body.decode(), keep_blank_values=True)
        if kind.startswith("multipart/form-data"):
            return {name: [value] for name, value in self._parts().items() if isinstance(value, str)}
        return {}

    def uploads(self) -> dict[str, Upload]:
        """The files of a multipart form, by field name."""
        return {name: value for name, value in self._parts().items() if isinstance(value, Upload)}

    def _parts(self) -> dict[str, str | Upload]:
        kind = self.headers.get("content-type", "")
        if not kind.startswith("multipart/form-data"):
            return {}
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + kind.encode() + b"\r\n\r\n" + self.body
        )
        parts: dict[str, str | Upload] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            parts[name] = Upload(filename, content) if filename is not None else content.decode()
        return parts


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


def json_reply(body: Any, status: int = 200, **headers: str) -> Reply:
    return Reply(status, body, "application/json", headers)


class FakeService:
    """Runs on 127.0.0.1 (a free port), optionally over TLS; `requests` records what arrived."""

    def __init__(self, tls_certificate: Path | None = None) -> None:
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.scheme = "http"
        if tls_certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls_certificate)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self) -> "FakeService":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def calls(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query, keep_blank_values=True),
                    {name.lower(): value for name, value in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                with service.lock:
                    service.requests.append(request)
                    reply = service.handle(request)
                body = reply.encoded()
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def self_signed_certificate(folder: Path) -> Path:
    """A certificate and key (one PEM file) for 127.0.0.1, made by the openssl program (skips without it)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl program is not installed: no certificate for the HTTPS fake")
    key, certificate = folder / "key.pem", folder / "certificate.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    bundle = folder / "bundle.pem"
    bundle.write_bytes(certificate.read_bytes() + key.read_bytes())
    return bundle


def torrent_facts(torrent: bytes) -> tuple[str, str, int]:
    """(info-hash upper-case, name, total length) of a .torrent file, as a client reads them on add."""
    info_start = torrent.index(b"4:infod") + len(b"4:info")
    info, end = _decode(torrent, info_start)
    length = info.get(b"length") or sum(file[b"length"] for file in info.get(b"files", []))
    return hashlib.sha1(torrent[info_start:end]).hexdigest().upper(), info[b"name"].decode(), length


def magnet_facts(magnet: str) -> tuple[str, str]:
    """(info-hash upper-case, display name) of a magnet link."""
    query = parse_qs(urlsplit(magnet).query)
    hash_ = query["xt"][0].rsplit(":", 1)[-1]
    return hash_.upper(), query.get("dn", [hash_])[0]


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """A bencoded value at `at` and where it ends."""
    kind = data[at : at + 1]
    if kind == b"i":
        end = data.index(b"e", at)
        return int(data[at + 1 : end]), end + 1
    if kind in (b"l", b"d"):
        items, at = [], at + 1
        while data[at : at + 1] != b"e":
            item, at = _decode(data, at)
            items.append(item)
        value = dict(zip(items[::2], items[1::2], strict=True)) if kind == b"d" else items
        return value, at + 1
    colon = data.index(b":", at)
    start = colon + 1
    return data[start : start + int(data[at:colon])], start + int(data[at:colon])
