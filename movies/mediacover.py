"""Posters and fanart kept in the data folder and served from our own URL, resized on demand.

Layout, as Radarr's: DATA_DIR/MediaCover/<movie id>/poster.jpg, fanart.jpg, and resized copies
poster-500.jpg, poster-250.jpg, fanart-360.jpg, fanart-180.jpg (the number is the height in pixels).
A small covers.json beside them remembers each file's remote URL, so a refresh downloads a cover
only when TMDB's URL changed. A missing cover is answered with a generated placeholder, never an error.
"""

import io
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import requests
from django.conf import settings
from PIL import Image, ImageDraw, UnidentifiedImageError

from movies.models import Movie
from radarr import http

logger = logging.getLogger(__name__)

COVER_TYPES = ("poster", "fanart")
SIZES = {"poster": (500, 250), "fanart": (360, 180)}  # heights, as Radarr resizes
SIDECAR = "covers.json"
MAX_COVER_BYTES = 20 * 1024**2  # a poster is ~1 MB at TMDB's original size; refuse anything absurd
# poster.jpg or poster-500.jpg: anything else (../, other names, other sizes) is not a cover file
_FILENAME = re.compile(r"^(?P<type>[a-z]+)(?:-(?P<size>\d+))?\.jpg$")
_PLACEHOLDER_SIZES = {"poster": (2, 3), "fanart": (16, 9)}


@dataclass(frozen=True, slots=True)
class CoverFile:
    """What the cover endpoints answer: an open file, or placeholder bytes when there is none.

    The file is opened when found: a refresh replacing or removing it a moment later (or the movie
    being deleted) cannot turn the answer into an error, the open file stays readable.
    """

    file: BinaryIO | None
    content: bytes = b""
    etag: str = ""

    @property
    def is_placeholder(self) -> bool:
        return self.file is None


def cover_folder(movie_id: int) -> Path:
    return Path(settings.DATA_DIR) / "MediaCover" / str(int(movie_id))


def cover_url(
    movie_id: int, cover_type: str, size: int | None = None, images: list[dict] | None = None
) -> str:
    """`/MediaCover/1/poster.jpg?lastWrite=16...`: Radarr's local URL, changing whenever the file does.

    Pass the movie's `images` when listing many movies: the version is then read from the row
    (cache_covers stamps it there) instead of from the disk, one file check per cover being too slow
    for 10,000 movies. Without `images` the file itself is checked.
    """
    name = f"{cover_type}-{size}.jpg" if size else f"{cover_type}.jpg"
    url = f"{settings.URL_BASE}/MediaCover/{int(movie_id)}/{name}"
    if images is not None:
        version = next(
            (image.get("lastWrite") for image in images if image.get("coverType") == cover_type), None
        )
    else:
        version = _file_version(cover_folder(movie_id) / f"{cover_type}.jpg")
    return f"{url}?lastWrite={version}" if version else url


def _file_version(path: Path) -> int | None:
    """The file's modification time in 100 ns steps (the unit of Radarr's lastWrite), None if absent."""
    try:
        return path.stat().st_mtime_ns // 100
    except OSError:
        return None


def cache_covers(movie: Movie) -> None:
    """Download the movie's poster and fanart when missing or changed on TMDB, then stamp each cached
    file's version on the movie's images; failures are logged, never raised."""
    folder = cover_folder(movie.pk)
    known = _read_sidecar(folder)
    for image in movie.images:
        cover_type, remote_url = image.get("coverType"), image.get("remoteUrl")
        if cover_type not in COVER_TYPES or not remote_url:
            continue
        target = folder / f"{cover_type}.jpg"
        if known.get(cover_type) == remote_url and target.is_file():
            continue
        try:
            _download(remote_url, target)
        except (requests.RequestException, OSError, ValueError) as error:
            logger.warning("Could not download the %s of %s: %s", cover_type, movie, _short(error))
            continue
        _remove_resized(folder, cover_type)
        known[cover_type] = remote_url
        _write_sidecar(folder, known)
        logger.info("Downloaded the %s of %s", cover_type, movie)
    _stamp_versions(movie, folder)


def _stamp_versions(movie: Movie, folder: Path) -> None:
    """Record each cached cover's version in the row's images (only when one changed)."""
    stamped = []
    for image in movie.images:
        image = {key: value for key, value in image.items() if key != "lastWrite"}
        if image.get("coverType") in COVER_TYPES:
            version = _file_version(folder / f"{image['coverType']}.jpg")
            if version:
                image["lastWrite"] = version
        stamped.append(image)
    if stamped != movie.images:
        movie.images = stamped
        Movie.objects.filter(pk=movie.pk).update(images=stamped)


def carry_versions(old_images: list[dict], new_images: list[dict]) -> list[dict]:
    """TMDB's images for a refreshed movie, keeping the stamped version of covers whose URL is unchanged."""
    versions = {
        (image.get("coverType"), image.get("remoteUrl")): image["lastWrite"]
        for image in old_images
        if image.get("lastWrite")
    }
    carried = []
    for image in new_images:
        version = versions.get((image.get("coverType"), image.get("remoteUrl")))
        carried.append({**image, "lastWrite": version} if version else dict(image))
    return carried


def delete_covers(movie_id: int) -> None:
    """Remove a deleted movie's covers (the movie row is already gone)."""
    shutil.rmtree(cover_folder(movie_id), ignore_errors=True)


def find_cover(movie_id: int, filename: str) -> CoverFile | None:
    """The file for `poster-250.jpg` and the like, resized on first use; a placeholder when the cover
    is not cached yet; None when `filename` is not a cover name (so `../` never reaches the disk)."""
    match = _FILENAME.match(filename)
    if not match or match["type"] not in COVER_TYPES:
        return None
    cover_type, size = match["type"], int(match["size"]) if match["size"] else None
    if size is not None and size not in SIZES[cover_type]:
        return None
    original = cover_folder(movie_id) / f"{cover_type}.jpg"
    try:
        file = (original if size is None else _resized(original, size)).open("rb")
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return CoverFile(None, placeholder(cover_type, size), etag=f'"placeholder-{cover_type}-{size}"')
    stat = os.fstat(file.fileno())  # of the file we will send, whatever is renamed over it meanwhile
    return CoverFile(file, etag=f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"')


@lru_cache(maxsize=8)
def placeholder(cover_type: str, height: int | None = None) -> bytes:
    """A plain grey JPEG of the cover's shape with a film-frame outline: shown until the real one comes."""
    ratio_w, ratio_h = _PLACEHOLDER_SIZES.get(cover_type, (2, 3))
    height = height or (750 if cover_type == "poster" else 540)
    width = height * ratio_w // ratio_h
    image = Image.new("RGB", (width, height), (42, 42, 46))
    draw = ImageDraw.Draw(image)
    margin, line = width // 4, max(2, height // 100)
    top = height // 2 - (width - 2 * margin) // 3
    draw.rectangle((margin, top, width - margin, height - top), outline=(90, 90, 96), width=line)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _resized(original: Path, height: int) -> Path:
    """`poster-250.jpg` beside `poster.jpg`, remade whenever the original is newer."""
    target = original.with_name(f"{original.stem}-{height}.jpg")
    source_time = original.stat().st_mtime_ns
    try:
        if target.stat().st_mtime_ns >= source_time:
            return target
    except FileNotFoundError:
        pass
    with Image.open(original) as image:
        height = min(height, image.height)  # never blown up past the original
        image.draft("RGB", (image.width * height // max(1, image.height), height))  # fast JPEG downscale
        width = max(1, round(image.width * height / image.height))
        resized = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "JPEG", quality=85, optimize=True)
    _write_atomically(target, buffer.getvalue())
    return target


def _download(url: str, target: Path) -> None:
    """Fetch an image and replace `target` with it only once it is whole and really an image."""
    with http.session() as session:
        response = session.get(url, stream=True)
        response.raise_for_status()
        content = response.raw.read(MAX_COVER_BYTES + 1, decode_content=True)
    if len(content) > MAX_COVER_BYTES:
        raise ValueError(f"the image is over {MAX_COVER_BYTES // 1024**2} MB")
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            is_jpeg = image.format == "JPEG"
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValueError("the answer is not an image we can use") from error
    if not is_jpeg:  # our files are .jpg, whatever TMDB sends
        with Image.open(io.BytesIO(content)) as image:
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=90)
            content = buffer.getvalue()
    _write_atomically(target, content)


def _write_atomically(target: Path, content: bytes) -> None:
    """Write beside the target and rename over it: a reader sees the old file or the new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_resized(folder: Path, cover_type: str) -> None:
    for height in SIZES[cover_type]:
        (folder / f"{cover_type}-{height}.jpg").unlink(missing_ok=True)


def _read_sidecar(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / SIDECAR).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_sidecar(folder: Path, known: dict[str, str]) -> None:
    _write_atomically(folder / SIDECAR, json.dumps(known, indent=1).encode())


def _short(error: Exception) -> str:
    """An error without the URL's query string (image URLs carry none today, but keys must never leak)."""
    if isinstance(error, requests.HTTPError) and error.response is not None:
        return f"HTTP {error.response.status_code}"
    if isinstance(error, requests.RequestException):
        return type(error).__name__
    return str(error)
