"""Real download clients for tests: qBittorrent, Transmission, Deluge and NZBGet started on loopback,
on free ports, with throwaway state in a temporary folder; plus a tiny NNTP server NZBGet downloads from.

Tests never install anything: CI installs the Debian packages (qbittorrent-nox, transmission-daemon,
deluged, deluge-web, nzbget). A program missing here skips its tests, but fails them when CI is set.
"""

import base64
import hashlib
import json
import os
import shutil
import socket
import socketserver
import subprocess
import threading
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
import requests

HOST = "127.0.0.1"
USERNAME = "admin"
PASSWORD = "adminadmin"


@dataclass
class Service:
    """A running program: where it listens, its state folder, how to stop it."""

    port: int
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    downloads: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop_process(process)


def require_program(name: str) -> str:
    """The program's path; skip (or fail under CI) when it is not installed."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package: see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)
    raise AssertionError  # unreachable: skip raises


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    stop_process(process)
    raise RuntimeError(
        f"nothing listens on port {port} after {seconds}s: {log.read_text(errors='replace')[-2000:]}"
    )


def launch(command: list[str], log: Path, port: int) -> subprocess.Popen:
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    handle.close()
    wait_until_listening(port, process, log)
    return process


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---- qBittorrent


def start_qbittorrent(folder: Path) -> Service:
    program = require_program("qbittorrent-nox")
    port, peer = free_port(), free_port()
    config = folder / "profile" / "qBittorrent" / "config"
    downloads = folder / "downloads"
    config.mkdir(parents=True)
    downloads.mkdir()
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", PASSWORD.encode(), salt, 100_000, dklen=64)
    password_hash = f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"
    (config / "qBittorrent.conf").write_text(
        "\n".join(
            [
                "[LegalNotice]",
                "Accepted=true",
                "[BitTorrent]",
                "Session\\DHTEnabled=false",
                "Session\\PeXEnabled=false",
                "Session\\LSDEnabled=false",
                f"Session\\Port={peer}",
                "Session\\Interface=lo",
                "Session\\InterfaceName=lo",
                f"Session\\InterfaceAddress={HOST}",
                f"Session\\DefaultSavePath={downloads}",
                "Session\\AnonymousModeEnabled=true",
                "Session\\QueueingSystemEnabled=false",
                "[Network]",
                "PortForwardingEnabled=false",
                "[Preferences]",
                "General\\Locale=en",
                f"WebUI\\Address={HOST}",
                f"WebUI\\Port={port}",
                f"WebUI\\Username={USERNAME}",
                f'WebUI\\Password_PBKDF2="{password_hash}"',
                "WebUI\\LocalHostAuth=true",
                "WebUI\\HostHeaderValidation=false",
                "WebUI\\CSRFProtection=false",
                "WebUI\\UseUPnP=false",
                "",
            ]
        )
    )
    process = launch([program, f"--profile={folder / 'profile'}"], folder / "qbittorrent.log", port)
    return Service(port, folder, [process], downloads)


# ---- Transmission


def start_transmission(folder: Path) -> Service:
    program = require_program("transmission-daemon")
    port, peer = free_port(), free_port()
    config, downloads = folder / "config", folder / "downloads"
    config.mkdir(parents=True)
    downloads.mkdir()
    settings = {
        "rpc-bind-address": HOST,
        "rpc-port": port,
        "rpc-authentication-required": True,
        "rpc-username": USERNAME,
        "rpc-password": PASSWORD,
        "rpc-whitelist-enabled": True,
        "rpc-whitelist": "127.0.0.1,::1",
        "rpc-host-whitelist-enabled": False,
        "bind-address-ipv4": HOST,
        "bind-address-ipv6": "::1",
        "peer-port": peer,
        "peer-port-random-on-start": False,
        "dht-enabled": False,
        "lpd-enabled": False,
        "pex-enabled": False,
        "utp-enabled": False,
        "port-forwarding-enabled": False,
        "blocklist-enabled": False,
        "download-dir": str(downloads),
        "incomplete-dir-enabled": False,
        "start-added-torrents": True,
        "message-level": 1,
    }
    (config / "settings.json").write_text(json.dumps(settings))
    process = launch([program, "-f", "-g", str(config)], folder / "transmission.log", port)
    return Service(port, folder, [process], downloads)


# ---- Deluge (daemon + web UI, the JSON-RPC Radarr talks to)


def _deluge_config(path: Path, version: int, body: dict) -> None:
    # Deluge config files are two JSON objects back to back: a version header, then the settings
    path.write_text(json.dumps({"file": version, "format": 1}) + json.dumps(body))


def start_deluge(folder: Path) -> Service:
    daemon, web = require_program("deluged"), require_program("deluge-web")
    port, peer, web_port = free_port(), free_port(), free_port()
    config, downloads = folder / "config", folder / "downloads"
    config.mkdir(parents=True)
    downloads.mkdir()
    (config / "auth").write_text(f"{USERNAME}:{PASSWORD}:10\n")
    (config / "auth").chmod(0o600)
    core = {
        "allow_remote": False,
        "daemon_port": port,
        "listen_interface": HOST,
        "outgoing_interface": "lo",
        "listen_ports": [peer, peer],
        "random_port": False,
        "dht": False,
        "upnp": False,
        "natpmp": False,
        "lsd": False,
        "utpex": False,
        "new_release_check": False,
        "send_info": False,
        "download_location": str(downloads),
        "move_completed": False,
        "enabled_plugins": ["Label"],
        "max_active_downloading": -1,
        "max_active_seeding": -1,
        "max_active_limit": -1,
    }
    _deluge_config(config / "core.conf", 1, core)
    host_id = uuid.uuid5(uuid.NAMESPACE_URL, f"deluge://{HOST}:{port}").hex
    _deluge_config(config / "hostlist.conf", 3, {"hosts": [[host_id, HOST, port, USERNAME, PASSWORD]]})
    salt = os.urandom(20).hex()
    web_config = {
        "base": "/",
        "interface": HOST,
        "port": web_port,
        "https": False,
        "default_daemon": host_id,
        "first_login": False,
        "enabled_plugins": [],
        "pwd_salt": salt,
        "pwd_sha1": hashlib.sha1((salt + PASSWORD).encode()).hexdigest(),  # noqa: S324 - Deluge's format
        "session_timeout": 3600,
        "sessions": {},
    }
    _deluge_config(config / "web.conf", 2, web_config)
    # -L error: Deluge 2.0.3's info-level logging breaks on Python 3.11
    daemon_process = launch(
        [daemon, "-d", "-c", str(config), "-u", HOST, "-p", str(port), "-i", HOST, "-L", "error"],
        folder / "deluged.log",
        port,
    )
    try:
        web_process = launch(
            [web, "-d", "-c", str(config), "-i", HOST, "-p", str(web_port), "-L", "error"],
            folder / "deluge-web.log",
            web_port,
        )
    except RuntimeError:
        stop_process(daemon_process)
        raise
    return Service(web_port, folder, [daemon_process, web_process], downloads)


# ---- a read-only NNTP server serving files as yEnc articles, and the NZB pointing at them

PART_SIZE = 100_000


def yenc_encode(data: bytes, line_length: int = 128) -> list[bytes]:
    lines, line = [], bytearray()
    for index, byte in enumerate(data):
        char = (byte + 42) % 256
        escape = char in (0, 10, 13, 61) or (char in (9, 32) and (not line or index == len(data) - 1))
        escape = escape or (char == 46 and not line)
        line += bytes((61, (char + 64) % 256)) if escape else bytes((char,))
        if len(line) >= line_length:
            lines.append(bytes(line))
            line = bytearray()
    if line:
        lines.append(bytes(line))
    return lines


def article_body(folder: Path, message_id: str) -> list[bytes] | None:
    """Part N of `folder/NAME` for message id <NAME.partN@test>, yEnc-encoded; None if unknown."""
    name, _, part = message_id.strip("<>").removesuffix("@test").rpartition(".part")
    path = folder / name
    if not part.isdigit() or "/" in name or not path.is_file():
        return None
    data = path.read_bytes()
    total = max(1, -(-len(data) // PART_SIZE))
    number = int(part)
    if not 1 <= number <= total:
        return None
    chunk = data[(number - 1) * PART_SIZE : number * PART_SIZE]
    begin = (number - 1) * PART_SIZE + 1
    return [
        f"=ybegin part={number} total={total} line=128 size={len(data)} name={name}".encode(),
        f"=ypart begin={begin} end={begin + len(chunk) - 1}".encode(),
        *yenc_encode(chunk),
        f"=yend size={len(chunk)} part={number} pcrc32={zlib.crc32(chunk):08x}".encode(),
    ]


def make_nzb(path: Path) -> bytes:
    """An NZB for one file served by the NNTP server below."""
    size = path.stat().st_size
    total = max(1, -(-size // PART_SIZE))
    segments = "".join(
        f'<segment bytes="{min(PART_SIZE, size - (n - 1) * PART_SIZE)}" number="{n}">'
        f"{path.name}.part{n}@test</segment>"
        for n in range(1, total + 1)
    )
    subject = quoteattr(f'{path.name} [1/1] - "{path.name}" yEnc (1/{total})')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">'
        f'<file poster="tester &lt;t@test.invalid&gt;" date="1700000000" subject={subject}>'
        f"<groups><group>alt.binaries.test</group></groups><segments>{segments}</segments></file></nzb>\n"
    ).encode()


class _NntpHandler(socketserver.StreamRequestHandler):
    folder: Path

    def send(self, line: str | bytes) -> None:
        self.wfile.write((line if isinstance(line, bytes) else line.encode()) + b"\r\n")

    def handle(self) -> None:
        self.send("200 test news server ready (posting prohibited)")
        for raw in self.rfile:
            words = raw.decode("latin-1").split()
            if not words:
                continue
            command, arguments = words[0].upper(), words[1:]
            if command == "QUIT":
                self.send("205 bye")
                return
            if command == "AUTHINFO":
                is_user = bool(arguments) and arguments[0].upper() == "USER"
                self.send("381 password required" if is_user else "281 authentication accepted")
            elif command == "MODE":
                self.send("200 reader mode")
            elif command == "GROUP":
                self.send(f"211 1 1 1 {arguments[0] if arguments else 'alt.binaries.test'}")
            elif command in ("ARTICLE", "BODY", "STAT", "HEAD"):
                self._article(command, arguments[0] if arguments else "")
            else:
                self.send("500 unknown command")
            self.wfile.flush()

    def _article(self, command: str, message_id: str) -> None:
        body = article_body(self.folder, message_id)
        if body is None:
            self.send("430 no such article")
            return
        code = {"ARTICLE": 220, "HEAD": 221, "BODY": 222, "STAT": 223}[command]
        self.send(f"{code} 0 {message_id}")
        if command == "STAT":
            return
        if command in ("ARTICLE", "HEAD"):
            self.send(f"Message-ID: {message_id}")
            self.send("Subject: test")
            if command == "ARTICLE":
                self.send("")
        if command != "HEAD":
            for line in body:
                self.send(b"." + line if line.startswith(b".") else line)
        self.send(".")


class _NntpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass
class NntpServer:
    port: int
    articles: Path
    server: _NntpServer

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_nntp(folder: Path) -> NntpServer:
    articles = folder / "articles"
    articles.mkdir(parents=True)
    handler = type("Handler", (_NntpHandler,), {"folder": articles})
    server = _NntpServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return NntpServer(server.server_address[1], articles, server)


# ---- NZBGet


def start_nzbget(folder: Path, nntp_port: int) -> Service:
    program = require_program("nzbget")
    port = free_port()
    main = folder / "main"
    main.mkdir(parents=True)
    lines = [
        f"MainDir={main}",
        "DestDir=${MainDir}/dst",
        "InterDir=${MainDir}/inter",
        "NzbDir=${MainDir}/nzb",
        "QueueDir=${MainDir}/queue",
        "TempDir=${MainDir}/tmp",
        "ScriptDir=${MainDir}/scripts",
        "LockFile=${MainDir}/nzbget.lock",
        "LogFile=${MainDir}/nzbget.log",
        "WebDir=/usr/share/nzbget/webui",
        "ConfigTemplate=/usr/share/nzbget/webui/nzbget.conf",
        f"ControlIP={HOST}",
        f"ControlPort={port}",
        "ControlUsername=nzbget",
        "ControlPassword=tegbzn6789",
        "RestrictedUsername=",
        "AddUsername=",
        "SecureControl=no",
        "FormAuth=no",
        "UpdateCheck=none",
        "OutputMode=log",
        "WriteLog=append",
        "HealthCheck=park",
        "ArticleRetries=1",
        "ArticleInterval=1",
        "Server1.Active=yes",
        "Server1.Name=local",
        "Server1.Level=0",
        f"Server1.Host={HOST}",
        f"Server1.Port={nntp_port}",
        "Server1.Username=",
        "Server1.Password=",
        "Server1.Encryption=no",
        "Server1.Connections=2",
        "Category1.Name=Movies",
        "",
    ]
    (folder / "nzbget.conf").write_text("\n".join(lines))
    process = launch([program, "-c", str(folder / "nzbget.conf"), "-s"], folder / "nzbget.out", port)
    return Service(port, folder, [process], main / "dst")


def wait_for(predicate: object, seconds: float = 30, interval: float = 0.3) -> object:
    """Poll `predicate()` until it returns something truthy; that value, or AssertionError on timeout."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = predicate()  # type: ignore[operator]
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"gave up after {seconds}s; last value: {last!r}")


def http_ready(url: str, seconds: float = 15) -> None:
    wait_for(lambda: _answers(url), seconds)


def _answers(url: str) -> bool:
    try:
        requests.get(url, timeout=1)
    except requests.RequestException:
        return False
    return True


def running(start: object, folder: Path, *args: object) -> Iterator[Service]:
    """Start a service for a fixture and stop it afterwards, whatever happens."""
    service = start(folder, *args)  # type: ignore[operator]
    try:
        yield service
    finally:
        service.stop()
