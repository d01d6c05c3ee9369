"""Make real .torrent files from local data (a tiny bencoder), so clients complete them by hash check."""

import hashlib
from pathlib import Path

PIECE_LENGTH = 16 * 1024


def bencode(value: object) -> bytes:
    if isinstance(value, bool):
        raise TypeError("bencode has no booleans")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(item) for item in value) + b"e"
    if isinstance(value, dict):
        items = sorted((key.encode() if isinstance(key, str) else key, item) for key, item in value.items())
        return b"d" + b"".join(bencode(key) + bencode(item) for key, item in items) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


def make_torrent(path: Path) -> tuple[bytes, str]:
    """A single-file torrent of `path` and its info-hash (upper-case hex)."""
    data = path.read_bytes()
    pieces = b"".join(
        hashlib.sha1(data[start : start + PIECE_LENGTH]).digest()
        for start in range(0, len(data), PIECE_LENGTH)
    )
    info = {
        "name": path.name,
        "length": len(data),
        "piece length": PIECE_LENGTH,
        "pieces": pieces,
        "private": 1,
    }
    torrent = {"announce": "http://127.0.0.1:9/announce", "info": info}
    return bencode(torrent), hashlib.sha1(bencode(info)).hexdigest().upper()


def write_payload(folder: Path, name: str, size: int = 300_000) -> Path:
    """A file of pseudo-random bytes (different per name) to seed from."""
    seed = hashlib.sha256(name.encode()).digest()
    chunks, block = [], seed
    while sum(len(chunk) for chunk in chunks) < size:
        block = hashlib.sha256(block).digest()
        chunks.append(block * 64)
    path = folder / name
    path.write_bytes(b"".join(chunks)[:size])
    return path
