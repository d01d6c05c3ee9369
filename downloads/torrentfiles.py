"""What we need to know about a .torrent or a magnet link before a client has it: its info-hash.

The info-hash is the download id of every torrent client (upper-case hex, as Radarr keeps it).
"""

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

from radarr.providers import ProviderError

_BTIH = re.compile(r"^urn:btih:([0-9a-fA-F]{40}|[A-Za-z2-7]{32})$")


class BencodeError(ValueError):
    pass


def _skip(data: bytes, index: int) -> int:
    """The index just past the bencoded value starting at `index`."""
    if index >= len(data):
        raise BencodeError("truncated")
    kind = data[index : index + 1]
    if kind == b"i":
        end = data.index(b"e", index)
        return end + 1
    if kind in (b"l", b"d"):
        index += 1
        while data[index : index + 1] != b"e":
            index = _skip(data, index)
            if index >= len(data):
                raise BencodeError("truncated")
        return index + 1
    if kind.isdigit():
        colon = data.index(b":", index)
        length = int(data[index:colon])
        end = colon + 1 + length
        if end > len(data):
            raise BencodeError("truncated")
        return end
    raise BencodeError(f"unexpected byte {kind!r} at {index}")


def _string(data: bytes, index: int) -> tuple[bytes, int]:
    colon = data.index(b":", index)
    length = int(data[index:colon])
    return data[colon + 1 : colon + 1 + length], colon + 1 + length


def torrent_info_hash(payload: bytes) -> str:
    """SHA-1 of the raw `info` dictionary, upper-case hex; ProviderError when it is no torrent file."""
    try:
        if payload[:1] != b"d":
            raise BencodeError("not a dictionary")
        index = 1
        while payload[index : index + 1] != b"e":
            key, index = _string(payload, index)
            end = _skip(payload, index)
            if key == b"info":
                return hashlib.sha1(payload[index:end]).hexdigest().upper()  # noqa: S324 - BitTorrent's hash
            index = end
    except (BencodeError, ValueError, IndexError) as error:
        raise ProviderError(f"Invalid torrent file: {error}", permanent=True) from error
    raise ProviderError("Invalid torrent file: it has no info dictionary", permanent=True)


def magnet_info_hash(magnet: str) -> str:
    """The btih of a magnet link, upper-case hex (base32 hashes are converted)."""
    query = parse_qs(urlsplit(magnet).query)
    for topic in query.get("xt", []):
        match = _BTIH.match(topic)
        if not match:
            continue
        value = match.group(1)
        if len(value) == 32:
            return base64.b32decode(value.upper()).hex().upper()
        return value.upper()
    raise ProviderError(f"The magnet link has no BitTorrent info-hash: {magnet[:80]}", permanent=True)
