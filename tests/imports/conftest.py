"""Fixtures of the import tests: a library and a downloads folder on disk, a movie in that library,
and media-management settings overridden the way the settings page would."""

import dataclasses
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from imports.options import ImportOptions
from movies.models import Movie
from tests.movies.factories import MovieFactory, RootFolderFactory


@pytest.fixture
def options(monkeypatch):
    """Call `options(recycle_bin=...)` to change the settings the pipeline reads."""
    current = {"value": ImportOptions()}

    def read() -> ImportOptions:
        return current["value"]

    for module in (
        "imports.options",
        "imports.recyclebin",
        "imports.evaluation",
        "imports.pipeline",
        "imports.manual",
        "imports.rescan",
    ):
        monkeypatch.setattr(f"{module}.import_options", read)

    def change(**values: object) -> ImportOptions:
        current["value"] = dataclasses.replace(current["value"], **values)
        return current["value"]

    return change


@pytest.fixture
def library(tmp_path, db) -> Path:
    """A root folder on disk, configured: files are only ever imported into a root folder's movies."""
    root = tmp_path / "movies"
    root.mkdir()
    (root / ".keep").write_text("a root folder with content")
    RootFolderFactory(path=str(root))
    return root


@pytest.fixture
def arrival(library: Path) -> Movie:
    """Arrival (2016), its folder in the library not yet made."""
    return MovieFactory(
        title="Arrival", year=2016, root_folder_path=str(library), path=str(library / "Arrival (2016)")
    )


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def tmpfs(tmp_path) -> Iterator[Callable[..., Path]]:
    """`tmpfs("name", "1m")` mounts a real tmpfs of that size at tmp_path/name: a disk that fills up, or
    one `remount_read_only` makes read-only. Skips where this machine does not allow mounting; everything
    mounted is unmounted after the test."""
    mounted: list[Path] = []

    def mount(name: str, size: str = "1m") -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root (the injected write error tests cover this)")
        path = tmp_path / name
        path.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=False
        )
        if result.returncode != 0:
            pytest.skip("this machine does not allow mounting a tmpfs")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=False, capture_output=True)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def write(path: Path, size: int = 2048) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    return path


def make_video(path: Path, *, size: str = "64x48", audio_language: str = "eng") -> Path:
    """A one-second H.264/AAC file made by ffmpeg at `path` (skipped without ffmpeg, failed in CI)."""
    if not (shutil.which("ffmpeg") and shutil.which("ffprobe")):
        if os.environ.get("CI"):
            pytest.fail("ffmpeg/ffprobe must be installed in CI (apt-get install ffmpeg)")
        pytest.skip("ffmpeg/ffprobe are not installed on this machine")
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc=duration=1:size={size}:rate=24",
        "-f", "lavfi", "-i", "sine=duration=1",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        "-metadata:s:a:0", f"language={audio_language}", str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True, timeout=120)
    return path
