"""Fixtures of the import tests: a library and a downloads folder on disk, and media-management
settings overridden the way the settings page would."""

import dataclasses
from pathlib import Path

import pytest

from imports.options import ImportOptions


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
    ):
        monkeypatch.setattr(f"{module}.import_options", read)

    def change(**values: object) -> ImportOptions:
        current["value"] = dataclasses.replace(current["value"], **values)
        return current["value"]

    return change


@pytest.fixture
def library(tmp_path) -> Path:
    root = tmp_path / "movies"
    root.mkdir()
    (root / ".keep").write_text("a root folder with content")
    return root


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def write(path: Path, size: int = 2048) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    return path
