"""The recycle bin: a sub-folder per movie, clashes suffixed, cleaned after N days, emptied on demand,
and a health error when it cannot be written."""

import os
import time

import pytest

from imports.recyclebin import clean_recycle_bin, empty_recycle_bin, recycle_bin_check, recycle_file
from tests.imports.conftest import write

pytestmark = pytest.mark.django_db


def test_recycled_files_go_to_the_movies_sub_folder_with_clashes_suffixed(tmp_path, options):
    options(recycle_bin=str(tmp_path / "bin"))
    first = recycle_file(write(tmp_path / "a" / "Movie.mkv", 10), "Movie (2020)")
    second = recycle_file(write(tmp_path / "b" / "Movie.mkv", 20), "Movie (2020)")
    assert first == tmp_path / "bin" / "Movie (2020)" / "Movie.mkv"
    assert second == tmp_path / "bin" / "Movie (2020)" / "Movie (2).mkv"
    assert (first.stat().st_size, second.stat().st_size) == (10, 20)


def test_without_a_recycle_bin_the_file_is_deleted(tmp_path, options):
    path = write(tmp_path / "Movie.mkv")
    assert recycle_file(path, "Movie") is None
    assert not path.exists()


def test_cleanup_removes_only_what_is_older_than_the_configured_days(tmp_path, options):
    options(recycle_bin=str(tmp_path / "bin"), recycle_bin_cleanup_days=7)
    old = write(tmp_path / "bin" / "Old Movie" / "old.mkv")
    fresh = write(tmp_path / "bin" / "New Movie" / "new.mkv")
    eight_days_ago = time.time() - 8 * 86400
    os.utime(old, (eight_days_ago, eight_days_ago))
    assert clean_recycle_bin() == "Removed 1 file(s) older than 7 days from the recycle bin"
    assert not old.exists() and not (tmp_path / "bin" / "Old Movie").exists()
    assert fresh.exists()


def test_emptying_removes_everything_but_the_bin_itself(tmp_path, options):
    options(recycle_bin=str(tmp_path / "bin"))
    write(tmp_path / "bin" / "Movie" / "a.mkv")
    write(tmp_path / "bin" / "b.mkv")
    assert empty_recycle_bin() == "Emptied the recycle bin (2 entries)"
    assert list((tmp_path / "bin").iterdir()) == []


def test_a_recycle_bin_that_does_not_exist_is_a_health_error(tmp_path, options):
    assert recycle_bin_check() == []
    options(recycle_bin=str(tmp_path / "missing"))
    [issue] = recycle_bin_check()
    assert (issue.source, issue.level) == ("RecyclingBinCheck", "error")
    (tmp_path / "missing").mkdir()
    assert recycle_bin_check() == []
