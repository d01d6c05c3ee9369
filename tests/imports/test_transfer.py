import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from imports import transfer
from imports.transfer import COPY, HARDLINK, MOVE, TransferError, clash_free, transfer_file


def _file(path: Path, content: bytes = b"movie data" * 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_hardlink_shares_the_inode_and_keeps_the_source(tmp_path):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    final = transfer_file(source, tmp_path / "library" / "Movie (2020)" / "Movie.mkv", mode=HARDLINK)
    assert final.stat().st_ino == source.stat().st_ino
    assert source.exists()
    assert not list(final.parent.glob(".*partial"))


def test_a_move_on_one_filesystem_leaves_no_source(tmp_path):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=MOVE)
    assert final.read_bytes() == b"movie data" * 100
    assert not source.exists()


def test_a_copy_is_a_separate_file_of_the_same_size(tmp_path):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY)
    assert final.stat().st_ino != source.stat().st_ino
    assert final.stat().st_size == source.stat().st_size
    assert source.exists()


def test_an_existing_file_is_never_overwritten(tmp_path):
    source = _file(tmp_path / "downloads" / "Movie.mkv", b"new")
    existing = _file(tmp_path / "library" / "Movie.mkv", b"old")
    final = transfer_file(source, existing, mode=COPY)
    assert existing.read_bytes() == b"old"
    assert final.name == "Movie (2).mkv"
    assert final.read_bytes() == b"new"
    assert clash_free(existing) == tmp_path / "library" / "Movie (3).mkv"


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm to act as a second filesystem")
def test_across_filesystems_a_hardlink_falls_back_to_a_verified_copy_and_a_move_deletes_the_source(tmp_path):
    other = Path("/dev/shm") / f"imports-test-{os.getpid()}"
    other.mkdir()
    try:
        if os.stat(other).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("/dev/shm is on the same filesystem here")
        source = _file(other / "Movie.mkv")
        linked = transfer_file(source, tmp_path / "library" / "Linked.mkv", mode=HARDLINK)
        assert linked.stat().st_ino != source.stat().st_ino and source.exists()
        moved = transfer_file(source, tmp_path / "library" / "Moved.mkv", mode=MOVE)
        assert moved.read_bytes() == b"movie data" * 100
        assert not source.exists()
    finally:
        shutil.rmtree(other, ignore_errors=True)


def test_a_failed_write_leaves_the_source_and_no_partial_file(tmp_path, monkeypatch):
    source = _file(tmp_path / "downloads" / "Movie.mkv")

    def disk_full(reader, writer, length=0):
        writer.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(transfer.shutil, "copyfileobj", disk_full)
    with pytest.raises(TransferError, match="No space left"):
        transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY)
    assert source.read_bytes() == b"movie data" * 100
    assert list((tmp_path / "library").iterdir()) == []


def test_a_short_copy_is_refused(tmp_path, monkeypatch):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    monkeypatch.setattr(transfer.shutil, "copyfileobj", lambda reader, writer, length=0: writer.write(b"x"))
    with pytest.raises(TransferError, match="expected 1000"):
        transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY)
    assert source.exists()
    assert list((tmp_path / "library").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_destination_fails_cleanly(tmp_path):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    library = tmp_path / "library"
    library.mkdir()
    library.chmod(0o555)
    try:
        with pytest.raises(TransferError):
            transfer_file(source, library / "Movie.mkv", mode=MOVE)
    finally:
        library.chmod(0o755)
    assert source.exists()
    assert list(library.iterdir()) == []


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=False)
    return result.returncode == 0


@pytest.mark.sqlite_pass
def test_a_really_full_disk_and_a_read_only_mount_lose_nothing(tmp_path):
    full, read_only = tmp_path / "full", tmp_path / "readonly"
    if not _mount_tmpfs(full, "1m"):
        pytest.skip("cannot mount a tmpfs here (needs root); the injected write error test covers this")
    try:
        source = _file(tmp_path / "downloads" / "Movie.mkv", os.urandom(3 * 1024 * 1024))
        with pytest.raises(TransferError, match="No space left"):
            transfer_file(source, full / "Movie (2020)" / "Movie.mkv", mode=MOVE)
        assert source.stat().st_size == 3 * 1024 * 1024
        assert list((full / "Movie (2020)").iterdir()) == []
        assert _mount_tmpfs(read_only, "1m")
        subprocess.run(["mount", "-o", "remount,ro", str(read_only)], check=True)
        with pytest.raises(TransferError, match="Read-only"):
            transfer_file(source, read_only / "Movie.mkv", mode=MOVE)
        assert source.exists()
    finally:
        for mount in (full, read_only):
            subprocess.run(["umount", str(mount)], check=False, capture_output=True)
