"""The blackholes' watch folder read as Radarr's ScanWatchFolder: folders and video files only, finished
after 30 s without change. Real files; ages set with os.utime, never by sleeping."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from downloads.implementations.base import ItemStatus
from tests.downloads.conftest import client_row

pytestmark = pytest.mark.django_db


def blackholes(tmp_path: Path):
    drop, watch = tmp_path / "drop", tmp_path / "watch"
    drop.mkdir()
    watch.mkdir()
    torrent = client_row("TorrentBlackhole", torrentFolder=str(drop), watchFolder=str(watch)).provider()
    usenet = client_row("UsenetBlackhole", "usenet", nzbFolder=str(drop), watchFolder=str(watch)).provider()
    return [torrent, usenet], watch


def age(path: Path, seconds: float) -> None:
    """Make `path` (and everything under a folder) last changed `seconds` ago."""
    moment = time.time() - seconds
    for entry in [*path.rglob("*"), path] if path.is_dir() else [path]:
        os.utime(entry, (moment, moment))


@pytest.mark.parametrize("kind", [0, 1], ids=["torrent", "usenet"])
def test_only_folders_and_video_files_become_downloads(tmp_path, kind):
    providers, watch = blackholes(tmp_path)
    (watch / "Heat.1995.1080p.BluRay.x264-GRP").mkdir()
    (watch / "Heat.1995.1080p.BluRay.x264-GRP" / "heat.mkv").write_bytes(b"x" * 2000)
    (watch / "Alien.1979.720p.WEB-DL-GRP.mp4").write_bytes(b"y" * 500)
    (watch / "Alien.1979.720p.WEB-DL-GRP.nfo").write_text("release notes")
    (watch / "readme.txt").write_text("stray")
    (watch / "Jaws.1975.mkv.part").write_bytes(b"z")
    (watch / "@eaDir").mkdir()
    (watch / ".hidden").mkdir()
    for entry in watch.iterdir():
        age(entry, 120)

    items = providers[kind].items()

    assert sorted((item.title, item.total_size) for item in items) == [
        ("Alien.1979.720p.WEB-DL-GRP", 500),
        ("Heat.1995.1080p.BluRay.x264-GRP", 2000),
    ]
    assert {item.status for item in items} == {ItemStatus.COMPLETED}
    assert {item.remaining_time for item in items} == {timedelta(0)}


@pytest.mark.parametrize(("seconds", "status"), [(35, ItemStatus.COMPLETED), (20, ItemStatus.DOWNLOADING)])
def test_an_entry_is_finished_after_thirty_seconds_without_change(tmp_path, seconds, status):
    [provider, _], watch = blackholes(tmp_path)
    folder = watch / "Dune.2021.2160p.WEB-DL-GRP"
    folder.mkdir()
    (folder / "dune.mkv").write_bytes(b"d" * 100)
    age(folder, seconds)

    [item] = provider.items()

    assert item.status == status
    if status == ItemStatus.DOWNLOADING:
        assert timedelta(seconds=5) <= item.remaining_time <= timedelta(seconds=10)


def test_a_newly_written_file_deep_in_a_finished_folder_starts_the_wait_again(tmp_path):
    [provider, _], watch = blackholes(tmp_path)
    folder = watch / "Arrival.2016.1080p.BluRay.x264-GRP"
    (folder / "Subs").mkdir(parents=True)
    (folder / "arrival.mkv").write_bytes(b"a" * 100)
    age(folder, 300)
    assert provider.items()[0].status == ItemStatus.COMPLETED

    (folder / "Subs" / "english.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n")

    assert provider.items()[0].status == ItemStatus.DOWNLOADING
