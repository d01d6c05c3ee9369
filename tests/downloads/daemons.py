"""Real rTorrent, aria2 and Flood for tests, on loopback and free ports with throwaway state; plus a
tiny HTTP -> SCGI bridge standing in for the web server (nginx, ruTorrent's rpc.php) that usually
puts rTorrent's XML-RPC on /RPC2 behind basic auth.

CI installs rtorrent and aria2 (Debian) and Flood (npm, into .cache/flood); a missing program skips
its tests (fails them under CI), as tests/downloads/services.py does for the other clients.
"""

import base64
import json
import os
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from downloads.implementations.xmlrpc import scgi_request
from tests.downloads.services import (
    HOST,
    PASSWORD,
    USERNAME,
    Service,
    free_port,
    launch,
    require_program,
    wait_until_listening,
)

FLOOD_DIR = Path(__file__).resolve().parents[2] / ".cache" / "flood"


def start_rtorrent(folder: Path) -> Service:
    """rtorrent headless (`-n`: no rc file; system.daemon: no curses), its SCGI on a loopback port."""
    program = require_program("rtorrent")
    port, peer = free_port(), free_port()
    downloads, session = folder / "downloads", folder / "session"
    downloads.mkdir(parents=True)
    session.mkdir()
    options = [
        "system.daemon.set=true",
        f"network.scgi.open_port={HOST}:{port}",
        f"network.port_range.set={peer}-{peer}",
        "network.port_random.set=no",
        f"network.bind_address.set={HOST}",
        f"directory.default.set={downloads}",
        f"session.path.set={session}",
        "dht.mode.set=disable",
        "protocol.pex.set=no",
        "trackers.use_udp.set=no",
        "network.http.dns_cache_timeout.set=0",
    ]
    command = [program, "-n"]
    for option in options:
        command += ["-o", option]
    env = {**os.environ, "HOME": str(folder), "TERM": "dumb"}
    log = folder / "rtorrent.log"
    handle = log.open("wb")
    process = subprocess.Popen(
        command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
    )
    handle.close()
    wait_until_listening(port, process, log)
    return Service(port, folder, [process], downloads)


class ScgiBridge:
    """An HTTP endpoint at /RPC2 that relays each XML-RPC POST to rTorrent's SCGI port, behind basic auth."""

    def __init__(self, scgi_port: int, username: str = USERNAME, password: str = PASSWORD) -> None:
        expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server spelling
                if self.path.rstrip("/") != "/RPC2":
                    self._reply(404, b"<html><body>Not Found</body></html>", "text/html")
                    return
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="rtorrent"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    answer = scgi_request(HOST, scgi_port, body)
                except (OSError, ValueError):
                    self._reply(502, b"bad gateway", "text/plain")
                    return
                self._reply(200, answer, "text/xml")

            def _reply(self, code: int, body: bytes, content_type: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


SECRET = "s3cret-token"


def start_aria2(folder: Path) -> Service:
    """aria2c with its RPC (XML-RPC and JSON-RPC share /rpc) on a loopback port and a secret token."""
    program = require_program("aria2c")
    port, peer = free_port(), free_port()
    downloads = folder / "downloads"
    downloads.mkdir(parents=True)
    command = [
        program,
        "--enable-rpc",
        f"--rpc-listen-port={port}",
        "--rpc-listen-all=false",
        f"--rpc-secret={SECRET}",
        f"--dir={downloads}",
        f"--listen-port={peer}",
        "--enable-dht=false",
        "--enable-dht6=false",
        "--bt-enable-lpd=false",
        "--enable-peer-exchange=false",
        "--check-integrity=true",
        "--seed-ratio=0.0",  # seed until removed: a finished torrent stays active, as a seeding one
        "--no-conf=true",
        "--quiet=true",
        f"--log={folder / 'aria2.log'}",
        "--log-level=warn",
    ]
    process = launch(command, folder / "aria2.out", port)
    return Service(port, folder, [process], downloads)


def require_flood() -> Path:
    program = FLOOD_DIR / "node_modules" / ".bin" / "flood"
    if program.exists() and shutil.which("node"):
        return program
    message = f"Flood is not installed (npm install --prefix {FLOOD_DIR} flood@4.11.0; see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)
    raise AssertionError  # unreachable: skip raises


def start_flood(folder: Path, rtorrent: Service) -> Service:
    """Flood in front of the rtorrent daemon, with one user (registered through its API) that owns it."""
    program = require_flood()
    port = free_port()
    rundir = folder / "flood"
    rundir.mkdir(parents=True)
    command = [
        str(program),
        f"--rundir={rundir}",
        f"--host={HOST}",
        f"--port={port}",
        "--auth=default",
        f"--allowedpath={rtorrent.downloads}",
    ]
    process = launch(command, folder / "flood.log", port)
    service = Service(port, folder, [process], rtorrent.downloads)
    body = {
        "username": USERNAME,
        "password": PASSWORD,
        "client": {
            "client": "rTorrent",
            "type": "tcp",
            "version": 1,
            "host": HOST,
            "port": rtorrent.port,
        },
        "level": 10,
    }
    response = requests.post(
        f"http://{HOST}:{port}/api/auth/register",
        data=json.dumps(body),
        timeout=30,
        headers={"Content-Type": "application/json"},
    )
    if response.status_code != 200:
        service.stop()
        raise RuntimeError(f"Flood refused the first user: HTTP {response.status_code} {response.text[:300]}")
    return service
