"""Import checks that read the file itself (ffprobe): a short video is a sample, a silent one has no
audio. Videos are made in the test with ffmpeg."""

import os
import shutil
import subprocess

import pytest

from imports.pipeline import import_folder
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

RELEASE = "Arrival.2016.1080p.BluRay.x264-GRP"


def make_video(path, *, audio: bool) -> None:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        if os.environ.get("CI"):
            pytest.fail("ffmpeg/ffprobe must be installed in CI")
        pytest.skip("ffmpeg/ffprobe are not installed")
    path.parent.mkdir(parents=True, exist_ok=True)
    inputs = ["-f", "lavfi", "-i", "testsrc=duration=1:size=64x64"]
    if audio:
        inputs += ["-f", "lavfi", "-i", "sine=duration=1"]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, str(path)], check=True, timeout=60)


@pytest.fixture
def arrival(library):
    return MovieFactory(
        title="Arrival",
        year=2016,
        runtime=116,
        root_folder_path=str(library),
        path=str(library / "Arrival (2016)"),
    )


def test_a_one_second_video_is_a_sample_when_the_movie_runs_two_hours(arrival, downloads, options):
    make_video(downloads / RELEASE / f"{RELEASE}.mkv", audio=True)
    result = import_folder(downloads / RELEASE)
    assert result.imported == []
    assert result.rejected[0].messages() == ["Sample: runtime of 1 seconds"]


def test_a_video_without_audio_is_rejected(arrival, downloads, options):
    arrival.runtime = 0  # runtime unknown: the sample check cannot judge by length
    arrival.save()
    make_video(downloads / RELEASE / f"{RELEASE}.mkv", audio=False)
    result = import_folder(downloads / RELEASE)
    assert result.rejected[0].messages() == ["No audio tracks detected"]


def test_a_short_video_with_audio_imports_when_the_runtime_is_unknown(arrival, downloads, options):
    arrival.runtime = 0
    arrival.save()
    make_video(downloads / RELEASE / f"{RELEASE}.mkv", audio=True)
    result = import_folder(downloads / RELEASE)
    assert len(result.imported) == 1
    assert result.imported[0].movie_file.media_info["audioStreamCount"] == 1
