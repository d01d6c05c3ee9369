"""XML-RPC for the clients that speak it (rTorrent, aria2): over HTTP, or straight to rTorrent's SCGI port.

The marshalling is the standard library's (xmlrpc.client.dumps/loads); what lives here is the
transport and the errors in plain words. SCGI (python.ca/scgi/protocol.txt) is one request per
connection: a netstring of NUL-separated headers (CONTENT_LENGTH first, then SCGI=1), the body, and
the answer is CGI-style headers, a blank line and the XML.
"""

import socket
import xmlrpc.client
from typing import Any

from radarr.providers import ProviderError, safe_message

SCGI_TIMEOUT = 30.0  # seconds, as the HTTP session's read timeout
MAX_ANSWER = 64 * 1024 * 1024  # a torrent list of many thousand items still fits


def request_body(method: str, params: tuple[Any, ...]) -> bytes:
    return xmlrpc.client.dumps(params, method, allow_none=False).encode()


def parse_answer(xml: bytes, client_name: str) -> Any:
    """The single value of an XML-RPC answer; a fault or garbage becomes a ProviderError."""
    try:
        values, _method = xmlrpc.client.loads(xml, use_builtin_types=True)
    except xmlrpc.client.Fault as fault:
        raise ProviderError(
            f"{client_name} returned error code {fault.faultCode}: {safe_message(str(fault.faultString))}"
        ) from fault
    except Exception as error:  # expat raises its own ExpatError, or ResponseError for odd shapes
        snippet = xml[:100].decode(errors="replace").strip().replace("\n", " ")
        raise ProviderError(
            f"{client_name} returned an unexpected response: {safe_message(snippet) or 'an empty body'}"
        ) from error
    return values[0] if values else None


def scgi_request(host: str, port: int, body: bytes, *, timeout: float = SCGI_TIMEOUT) -> bytes:
    """Send one SCGI request and return the body of the answer (headers stripped).

    Raises OSError when the connection fails and ValueError when the answer is not SCGI's.
    """
    headers = b"".join(
        name + b"\x00" + value + b"\x00"
        for name, value in (
            (b"CONTENT_LENGTH", str(len(body)).encode()),
            (b"SCGI", b"1"),
            (b"REQUEST_METHOD", b"POST"),
            (b"REQUEST_URI", b"/RPC2"),
        )
    )
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.sendall(str(len(headers)).encode() + b":" + headers + b"," + body)
        chunks, size = [], 0
        while chunk := connection.recv(65536):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_ANSWER:
                raise ValueError("the answer is too large")
    answer = b"".join(chunks)
    head, separator, content = answer.partition(b"\r\n\r\n")
    if not separator:
        head, separator, content = answer.partition(b"\n\n")
    if not separator:
        raise ValueError(
            "no SCGI headers in the answer" if answer else "the connection closed without an answer"
        )
    status = next((line for line in head.splitlines() if line.lower().startswith(b"status:")), b"")
    if status and not status.split(b":", 1)[1].strip().startswith(b"200"):
        raise ValueError(f"SCGI status {status.split(b':', 1)[1].strip().decode(errors='replace')}")
    return content
