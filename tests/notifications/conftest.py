"""A local SMTP sink for the Email notification (the standard library has no SMTP server since 3.12)."""

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass
class SmtpSink:
    port: int
    messages: list[dict] = field(default_factory=list)


def _serve(server: socket.socket, sink: SmtpSink, stop: threading.Event) -> None:
    server.settimeout(0.1)
    while not stop.is_set():
        try:
            connection, _ = server.accept()
        except TimeoutError:
            continue
        with connection:
            _session(connection, sink)


def _session(connection: socket.socket, sink: SmtpSink) -> None:
    connection.settimeout(5)
    reader = connection.makefile("rb")

    def reply(text: str) -> None:
        connection.sendall(text.encode() + b"\r\n")

    reply("220 sink ESMTP")
    envelope: dict = {"from": "", "to": [], "data": b"", "auth": ""}
    while True:
        line = reader.readline()
        if not line:
            return
        command = line.decode(errors="replace").strip()
        verb = command.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            connection.sendall(b"250-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
        elif verb == "AUTH":
            envelope["auth"] = command
            reply("235 ok")
        elif verb == "MAIL":
            envelope["from"] = command.split(":", 1)[1].strip(" <>")
            reply("250 ok")
        elif verb == "RCPT":
            envelope["to"].append(command.split(":", 1)[1].strip(" <>"))
            reply("250 ok")
        elif verb == "DATA":
            reply("354 go on")
            data = b""
            while True:
                chunk = reader.readline()
                if chunk in (b".\r\n", b".\n", b""):
                    break
                data += chunk
            envelope["data"] = data
            sink.messages.append(dict(envelope))
            envelope = {"from": "", "to": [], "data": b"", "auth": ""}
            reply("250 queued")
        elif verb == "QUIT":
            reply("221 bye")
            return
        else:
            reply("250 ok")


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    sink = SmtpSink(server.getsockname()[1])
    stop = threading.Event()
    thread = threading.Thread(target=_serve, args=(server, sink, stop), daemon=True)
    thread.start()
    yield sink
    stop.set()
    thread.join(2)
    server.close()
