import errno
import grp
import logging
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


@pytest.mark.parametrize(("mode", "verb"), [(HARDLINK, "Hardlinked"), (MOVE, "Moved"), (COPY, "Copied")])
def test_the_log_says_how_the_file_arrived(tmp_path, caplog, mode, verb):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    with caplog.at_level(logging.INFO, logger="imports.transfer"):
        final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=mode)
    assert caplog.messages[-1] == f"{verb} {source} to {final}"


def test_a_missing_source_is_named_in_the_error(tmp_path):
    with pytest.raises(TransferError, match="Gone.mkv does not exist"):
        transfer_file(tmp_path / "Gone.mkv", tmp_path / "library" / "Movie.mkv")
    assert not (tmp_path / "library").exists()


def _refuse_hardlinks(monkeypatch, error: int) -> None:
    def link(source, destination):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(transfer.os, "link", link)


def test_without_hardlinks_the_finished_copy_is_renamed_into_place_beside_what_is_there(
    tmp_path, monkeypatch, caplog
):
    _refuse_hardlinks(monkeypatch, errno.EPERM)  # a filesystem without hardlinks (FAT, some shares)
    source = _file(tmp_path / "downloads" / "Movie.mkv", b"new")
    existing = _file(tmp_path / "library" / "Movie.mkv", b"old")

    with caplog.at_level(logging.DEBUG, logger="imports.transfer"):
        final = transfer_file(source, existing, mode=MOVE)

    assert f"Hardlink of {source} not possible (Operation not permitted), copying" in caplog.messages

    assert final == tmp_path / "library" / "Movie (2).mkv" and final.read_bytes() == b"new"
    assert existing.read_bytes() == b"old"
    assert not source.exists()
    assert sorted(path.name for path in existing.parent.iterdir()) == ["Movie (2).mkv", "Movie.mkv"]


def test_a_name_taken_while_the_copy_was_written_gets_the_next_free_name(tmp_path, monkeypatch):
    real_link = os.link
    taken = tmp_path / "library" / "Movie.mkv"

    def link(source, destination):
        if Path(destination) == taken and not taken.exists():
            _file(taken, b"someone else's")  # another import took the name just before us
        return real_link(source, destination)

    monkeypatch.setattr(transfer.os, "link", link)
    final = transfer_file(_file(tmp_path / "downloads" / "Movie.mkv", b"ours"), taken, mode=COPY)

    assert final.name == "Movie (2).mkv" and final.read_bytes() == b"ours"
    assert taken.read_bytes() == b"someone else's"
    assert not list(final.parent.glob(".*partial"))


def test_an_unexpected_link_error_fails_cleanly(tmp_path, monkeypatch):
    _refuse_hardlinks(monkeypatch, errno.EIO)
    source = _file(tmp_path / "downloads" / "Movie.mkv")

    with pytest.raises(TransferError, match="Input/output error"):
        transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=MOVE)

    assert source.exists()
    assert list((tmp_path / "library").iterdir()) == []


def test_no_free_name_is_an_error_that_leaves_nothing_behind(tmp_path, monkeypatch):
    def link(source, destination):
        raise FileExistsError(errno.EEXIST, "File exists")

    monkeypatch.setattr(transfer.os, "link", link)
    source = _file(tmp_path / "downloads" / "Movie.mkv")

    with pytest.raises(TransferError, match="No free name"):
        transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY)

    assert source.exists()
    assert list((tmp_path / "library").iterdir()) == []


def _other_group() -> int | None:
    """A group id the file can be given that is not the one it gets by default."""
    allowed = [group.gr_gid for group in grp.getgrall()] if os.geteuid() == 0 else os.getgroups()
    return next((gid for gid in allowed if gid != os.getegid()), None)


@pytest.mark.parametrize("by_name", [False, True])
def test_media_managements_group_is_set_by_number_or_name(tmp_path, by_name):
    gid = _other_group()
    if gid is None:
        pytest.skip("no second group to give the file")
    try:
        group = grp.getgrgid(gid).gr_name if by_name else str(gid)
    except KeyError:
        pytest.skip(f"group {gid} has no name here")
    source = _file(tmp_path / "downloads" / "Movie.mkv")

    final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=COPY, chmod=0o640, group=group)

    assert final.stat().st_gid == gid
    assert final.stat().st_mode & 0o777 == 0o640


def test_a_group_that_cannot_be_set_is_logged_and_the_import_goes_on(tmp_path, caplog):
    source = _file(tmp_path / "downloads" / "Movie.mkv")

    with caplog.at_level(logging.WARNING, logger="imports.transfer"):
        final = transfer_file(
            source, tmp_path / "library" / "Movie.mkv", mode=COPY, group="no-such-group-here"
        )

    assert final.read_bytes() == source.read_bytes()
    assert "Could not set group 'no-such-group-here'" in caplog.text


def test_a_moved_source_that_cannot_be_deleted_is_logged_and_the_import_stands(tmp_path, monkeypatch, caplog):
    source = _file(tmp_path / "downloads" / "Movie.mkv")
    real_unlink = Path.unlink

    def unlink(path, missing_ok=False):
        if path == source:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with caplog.at_level(logging.WARNING, logger="imports.transfer"):
        final = transfer_file(source, tmp_path / "library" / "Movie.mkv", mode=MOVE)

    assert final.read_bytes() == source.read_bytes()
    assert caplog.messages == [f"Imported {source} but could not delete the source: Permission denied"]
