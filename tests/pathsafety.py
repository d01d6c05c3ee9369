"""A marker folder outside every root folder, and the proof that nothing touched it.

The path-safety tests (tests/movies/test_path_safety.py, tests/imports/test_path_safety.py) point movies,
collections, imports and renames at it every way a request can, then check it is exactly as it was.
"""

from pathlib import Path

from movies.models import Movie

MARKER_NAME = "The Matrix (1999)"  # what a new movie folder for The Matrix is called: tempting to reuse


def make_marker(tmp_path: Path) -> Path:
    """`tmp_path/outside/The Matrix (1999)` holding a file and a sub-folder with a file."""
    marker = tmp_path / "outside" / MARKER_NAME
    (marker / "Extras").mkdir(parents=True)
    (marker / "keep.mkv").write_bytes(b"precious")
    (marker / "Extras" / "notes.txt").write_bytes(b"also precious")
    return marker


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` (itself included) with the bytes of each file: what must not change."""
    entries: dict[str, bytes | None] = {".": None} if folder.is_dir() else {}
    for path in sorted(folder.rglob("*")):
        entries[path.relative_to(folder).as_posix()] = path.read_bytes() if path.is_file() else None
    return entries


def assert_untouched(folder: Path, before: dict[str, bytes | None]) -> None:
    assert folder.is_dir() and not folder.is_symlink(), f"{folder} is gone"
    assert snapshot(folder) == before


def store_old_row(movie: Movie, path: Path | str, root_folder_path: Path | str) -> Movie:
    """Write a path straight into the row, as a database from before this rule may hold it."""
    Movie.objects.filter(pk=movie.pk).update(path=str(path), root_folder_path=str(root_folder_path))
    movie.refresh_from_db()
    return movie


def assert_radarr_validation(response, property_name: str, attempted: object = ...) -> None:
    """A 400 with Radarr's list of `{propertyName, errorMessage, attemptedValue}`, naming the property."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body, list) and body, body
    failure = next((item for item in body if item["propertyName"] == property_name), None)
    assert failure is not None, body
    assert failure["errorMessage"] and failure["severity"] == "error"
    if attempted is not ...:
        assert failure["attemptedValue"] == attempted
