"""Virtual environments for clients that cannot share ours (devopsarr's radarr-py and buildarr-radarr
install a top-level `radarr` module, which is our project's package): created once with pip under
.cache/client-venvs, keyed by the requirements and this Python's version, and reused after."""

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "client-venvs"
# pip's words when the package index cannot be reached (no network, proxy refused, name not resolved)
_UNREACHABLE = (
    "No matching distribution found",
    "NewConnectionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "ProxyError",
    "Network is unreachable",
)


def client_venv(name: str, requirements: list[str]) -> Path:
    """The Python of a venv holding `requirements`; skips when the package index cannot be reached
    (fails instead under CI, where it must be reachable)."""
    key = hashlib.sha256(" ".join([sys.version, *sorted(requirements)]).encode()).hexdigest()[:12]
    folder = CACHE / f"{name}-{key}"
    CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(CACHE / f"{name}-{key}.lock"):  # xdist workers: one creates, the others wait and reuse
        if not _ready(folder, requirements):
            _create(folder, requirements)
    return folder / "bin" / "python"


def _ready(folder: Path, requirements: list[str]) -> bool:
    """Whether the venv was made here for these requirements: its scripts name the folder they were
    installed in, so one made through another path to the same cache (a symlink) is made again."""
    marker = folder / "ready"
    return marker.exists() and marker.read_text() == _marker_text(folder, requirements)


def _marker_text(folder: Path, requirements: list[str]) -> str:
    return f"{folder}\n{' '.join(requirements)}"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _create(folder: Path, requirements: list[str]) -> None:
    python = folder / "bin" / "python"
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if pip.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        output = (pip.stdout + pip.stderr).strip()
        if any(words in output for words in _UNREACHABLE) and not os.environ.get("CI"):
            pytest.skip(
                f"cannot install {' '.join(requirements)} (package index unreachable): {output[-300:]}"
            )
        pytest.fail(f"pip could not install {' '.join(requirements)}:\n{output[-2000:]}")
    (folder / "ready").write_text(_marker_text(folder, requirements))
