"""Media info read with PyAV in a helper process (imports/avprobe.py) is ffprobe's, field by field: files
made with ffmpeg during the test in the codecs, bit depths, audio and subtitle layouts, colour tags and
containers a library holds; the files PyAV cannot tell as ffprobe would (HDR, 3D, MPEG-TS, unreadable)
are left to ffprobe."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from functools import cache
from pathlib import Path

import pytest

from imports import mediainfo
from imports.mediainfo import parse_ffprobe, probe, probe_files, read_with_pyav

_VIDEO = ["-f", "lavfi", "-i", "testsrc=duration=0.5:size=64x48:rate=24"]
_VIDEO_25 = ["-f", "lavfi", "-i", "testsrc=duration=0.5:size=64x48:rate=25"]
_AUDIO = ["-f", "lavfi", "-i", "sine=duration=0.5"]
_SUBTITLE = ["-i", "{srt}"]  # {name}: the file made for that name
_HDR10 = (
    "log-level=error:hdr10=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:"
    "master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400"
)

# name: (encoders it needs, ffmpeg arguments before the output)
SAMPLES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "h264 8 bit, AAC stereo.mkv": (("libx264", "aac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        "-metadata:s:a:0", "language=ger"]),
    "h264 10 bit, FLAC.mkv": (("libx264", "flac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-pix_fmt", "yuv420p10le", "-c:a", "flac"]),
    "hevc 8 bit, Opus.mkv": (("libx265", "libopus"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p",
        "-c:a", "libopus"]),
    "hevc 10 bit, EAC3 5.1.mp4": (("libx265", "eac3"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
        "-c:a", "eac3", "-ac", "6"]),
    "av1 (aom).mkv": (("libaom-av1", "libopus"), [
        *_VIDEO, *_AUDIO, "-c:v", "libaom-av1", "-cpu-used", "8", "-c:a", "libopus"]),
    "av1 10 bit (svt).mp4": (("libsvtav1", "aac"), [
        "-f", "lavfi", "-i", "testsrc=duration=0.5:size=64x64:rate=24", *_AUDIO, "-c:v", "libsvtav1",
        "-pix_fmt", "yuv420p10le", "-c:a", "aac"]),
    "two audio, two subtitles.mkv": (("libx264", "ac3", "aac", "srt"), [
        *_VIDEO, *_AUDIO, *_AUDIO, *_SUBTITLE, *_SUBTITLE,
        "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s", "-map", "4:s", "-c:v", "libx264",
        "-c:a:0", "ac3", "-ac:a:0", "6", "-c:a:1", "aac", "-ac:a:1", "2", "-c:s", "srt",
        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre",
        "-metadata:s:s:0", "language=spa", "-metadata:s:s:1", "language=ita",
        "-disposition:a:0", "0", "-disposition:a:1", "default"]),
    "subtitle in mp4.mp4": (("libx264", "aac", "mov_text"), [
        *_VIDEO, *_AUDIO, *_SUBTITLE, "-map", "0:v", "-map", "1:a", "-map", "2:s", "-c:v", "libx264",
        "-c:a", "aac", "-c:s", "mov_text", "-metadata:s:s:0", "language=dut"]),
    "interlaced h264.mkv": (("libx264", "ac3"), [
        *_VIDEO_25, *_AUDIO, "-vf", "setfield=tff", "-c:v", "libx264", "-flags", "+ildct+ilme",
        "-c:a", "ac3"]),
    "interlaced mpeg2.mkv": (("mpeg2video", "mp2"), [
        *_VIDEO_25, *_AUDIO, "-vf", "setfield=tff", "-c:v", "mpeg2video", "-flags", "+ildct+ilme",
        "-c:a", "mp2"]),
    "bt2020 SDR.mp4": (("libx265", "aac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
        "-color_primaries", "bt2020", "-color_trc", "bt2020-10", "-colorspace", "bt2020nc", "-c:a", "aac"]),
    "bt709.mp4": (("libx264", "aac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-color_primaries", "bt709", "-color_trc", "bt709",
        "-colorspace", "bt709", "-c:a", "aac"]),
    "cover art.mp4": (("libx264", "mjpeg", "aac"), [
        *_VIDEO, *_AUDIO, "-f", "lavfi", "-i", "color=c=red:s=32x32:d=0.04", "-map", "2", "-map", "0",
        "-map", "1", "-c:v:0", "mjpeg", "-disposition:v:0", "attached_pic", "-c:v:1", "libx264",
        "-c:a", "aac"]),
    "xvid.avi": (("mpeg4", "libmp3lame"), [
        *_VIDEO, *_AUDIO, "-c:v", "mpeg4", "-vtag", "XVID", "-c:a", "libmp3lame"]),
    "pcm.mkv": (("libx264", "pcm_s16le"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-c:a", "pcm_s16le", "-ac", "2"]),
    "truehd.mkv": (("libx264", "truehd"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-c:a", "truehd", "-strict", "-2", "-ac", "2"]),
    "dts.mkv": (("libx264", "dca"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-c:a", "dca", "-strict", "-2", "-ac", "2"]),
    "vp9.webm": (("libvpx-vp9", "libvorbis"), [*_VIDEO, *_AUDIO, "-c:v", "libvpx-vp9", "-c:a", "libvorbis"]),
    "audio only.mkv": (("flac",), [*_AUDIO, "-c:a", "flac"]),
}  # fmt: skip

# files whose media info ffprobe decides (PyAV's helper answers None for them)
FFPROBE_DECIDES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "HDR10.mkv": (("libx265", "ac3"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx265", "-x265-params", _HDR10, "-pix_fmt", "yuv420p10le",
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-c:a", "ac3"]),
    "HLG.mkv": (("libx265", "aac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
        "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc",
        "-c:a", "aac"]),
    # the colours in the stream's header only (no colour elements in the MKV): the decoder must tell
    "PQ in HEVC.mkv": (("libx265",), [
        *_VIDEO, "-c:v", "libx265", "-pix_fmt", "yuv420p10le",
        "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc"]),
    "PQ only in the HEVC stream.mkv": ((), [
        "-i", "{PQ in HEVC.mkv}", "-c", "copy", "-color_primaries", "unknown", "-color_trc", "unknown"]),
    "HLG in H.264.mkv": (("libx264",), [
        *_VIDEO, "-c:v", "libx264", "-pix_fmt", "yuv420p10le",
        "-x264-params", "colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc"]),
    "HLG only in the H.264 stream.mkv": ((), [
        "-i", "{HLG in H.264.mkv}", "-c", "copy", "-color_primaries", "unknown", "-color_trc", "unknown"]),
    "3D side by side.mkv": (("libx264", "aac"), [
        *_VIDEO, *_AUDIO, "-c:v", "libx264", "-c:a", "aac", "-metadata:s:v", "stereo_mode=left_right"]),
    "mpegts.ts": (("libx264", "aac"), [*_VIDEO, *_AUDIO, "-c:v", "libx264", "-c:a", "aac", "-f", "mpegts"]),
}  # fmt: skip


def _require_tools() -> None:
    missing = [name for name in ("ffmpeg", "ffprobe") if shutil.which(name) is None]
    if importlib.util.find_spec("av") is None:  # not imported here: see the last test
        missing.append("PyAV (the av package)")
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{', '.join(missing)} must be installed in CI")
    pytest.skip(f"{', '.join(missing)} not installed on this machine")


@cache
def _encoders() -> frozenset[str]:
    listed = subprocess.run(
        ["ffmpeg", "-hide_banner", "-encoders"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return frozenset(
        line.split()[1] for line in listed.splitlines() if line.startswith(" ") and len(line.split()) > 1
    )


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Path]:
    """Every sample this machine's ffmpeg can make, by name (all made once for the module)."""
    _require_tools()
    folder = tmp_path_factory.mktemp("avprobe")
    srt = folder / "sub.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:00,400\nHello\n")
    made = {"srt": srt}
    for name, (encoders, arguments) in (SAMPLES | FFPROBE_DECIDES).items():
        sources = [argument[1:-1] for argument in arguments if argument.startswith("{")]
        if not set(encoders) <= _encoders() or not set(sources) <= set(made):
            continue
        path = folder / name
        arguments = [
            str(made[argument[1:-1]]) if argument.startswith("{") else argument for argument in arguments
        ]
        subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments, str(path)], check=True, timeout=120)
        made[name] = path
    (folder / "not a video.mkv").write_bytes(b"not a video at all" * 100)
    made["not a video.mkv"] = folder / "not a video.mkv"
    del made["srt"]
    return made


@pytest.fixture(scope="module")
def pyav_answers(samples) -> dict[str, dict | None]:
    """What the helper process answers for all the samples at once."""
    names = list(samples)
    return dict(zip(names, read_with_pyav([samples[name] for name in names]), strict=True))


def _fields(info: mediainfo.MediaInfo | None, path: Path) -> dict | None:
    """Every field; an MP4's run time to the millisecond: ffprobe 5.1 takes it from the movie header
    (milliseconds), FFmpeg 7+ (PyAV's) from the longest track, so they may differ below that."""
    if info is None:
        return None
    fields = asdict(info)
    if path.suffix == ".mp4":
        fields["run_time_seconds"] = round(fields["run_time_seconds"], 3)
    return fields


def _sample(samples: dict[str, Path], name: str) -> Path:
    if name not in samples:
        pytest.skip(f"this ffmpeg cannot make {name}")
    return samples[name]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_pyav_reads_what_ffprobe_reads(samples, pyav_answers, name):
    path = _sample(samples, name)
    answer = pyav_answers[name]
    assert answer is not None, "PyAV left a file to ffprobe that it can read"

    from_pyav, from_ffprobe = parse_ffprobe(answer), probe(path)

    if name == "audio only.mkv":
        assert from_pyav is None and from_ffprobe is None  # no video: no media info, both ways
        return
    assert _fields(from_pyav, path) == _fields(from_ffprobe, path)


def test_the_samples_cover_what_libraries_hold(samples, pyav_answers):
    """The table above is not quietly empty: on this machine at least the common kinds were made and
    read by PyAV with their distinguishing fields."""
    read = {name: parse_ffprobe(answer) for name, answer in pyav_answers.items() if answer is not None}
    codecs = {info.video_codec for info in read.values() if info}
    assert {"x264", "x265"} <= codecs
    depths = {info.video_bit_depth for info in read.values() if info}
    assert {8, 10} <= depths
    two = read["two audio, two subtitles.mkv"]
    assert two.audio_languages == ["eng", "fre"] and two.subtitles == ["spa", "ita"]
    assert (two.audio_codec, two.audio_channels) == ("AAC", 2.0)  # the default stream, not the first
    assert read["interlaced h264.mkv"].scan_type == "Interlaced"
    assert read["bt709.mp4"].video_colour_primaries == "bt709"
    assert read["xvid.avi"].video_codec == "XviD"
    cover = pyav_answers["cover art.mp4"]["streams"]
    assert [stream["disposition"]["attached_pic"] for stream in cover if stream["codec_type"] == "video"] == [
        0,
        1,
    ]
    assert read["cover art.mp4"].width == 64  # the film's stream, not the cover's


@pytest.mark.parametrize("name", [*FFPROBE_DECIDES, "not a video.mkv"])
def test_files_pyav_cannot_tell_as_ffprobe_are_left_to_ffprobe(samples, pyav_answers, name):
    path = _sample(samples, name)

    assert pyav_answers[name] is None
    results = probe_files([path] * mediainfo.PYAV_MIN_FILES)
    alone = probe(path)
    assert [info and asdict(info) for info in results] == [alone and asdict(alone)] * mediainfo.PYAV_MIN_FILES


def test_hdr_left_to_ffprobe_still_reads_as_hdr(samples):
    names = ["HDR10.mkv", "h264 8 bit, AAC stereo.mkv", "PQ only in the HEVC stream.mkv",
             "HLG only in the H.264 stream.mkv"]  # fmt: skip
    paths = [_sample(samples, name) for name in names]

    results = probe_files(paths)

    assert [info.hdr_format for info in results] == ["HDR10", "", "HDR10", "HLG10"]


def test_many_files_read_together_answer_as_each_read_alone(samples):
    paths = list(samples.values())

    together = probe_files(paths)

    alone = [probe(path) for path in paths]
    for path, ours, theirs in zip(paths, together, alone, strict=True):
        ours_fields, theirs_fields = (ours and asdict(ours)), (theirs and asdict(theirs))
        if ours_fields and path.suffix == ".mp4":
            assert ours_fields.pop("run_time_seconds") == pytest.approx(
                theirs_fields.pop("run_time_seconds"), abs=0.002
            )
        assert ours_fields == theirs_fields, path.name


def test_a_helper_without_pyav_leaves_every_file_to_ffprobe(samples, monkeypatch):
    """The helper's Python without site-packages cannot import av, as on a machine without PyAV: it
    fails, and ffprobe reads every file with the same answers."""
    paths = [samples["h264 8 bit, AAC stereo.mkv"]] * 3
    monkeypatch.setattr(mediainfo, "PYAV_PYTHON", [sys.executable, "-I", "-S"])

    assert read_with_pyav(paths) == [None, None, None]
    assert [info.video_codec for info in probe_files(paths)] == ["x264"] * 3


def test_a_file_or_two_go_to_ffprobe_without_starting_the_helper(samples):
    path = samples["h264 8 bit, AAC stereo.mkv"]

    assert read_with_pyav([path, path]) == [None, None]
    assert read_with_pyav([path, path, path]) != [None, None, None]


def test_reading_with_pyav_leaves_libav_out_of_the_process_that_asks(samples):
    """The helper process reads; the job worker that asks never maps FFmpeg's libraries (idle memory).
    Asked from a fresh interpreter, so that no other test of this process can have imported PyAV."""
    paths = [str(samples["h264 8 bit, AAC stereo.mkv"])] * 3
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from imports.mediainfo import read_with_pyav\n"
        f"answers = read_with_pyav([Path(path) for path in {paths!r}])\n"
        "maps = Path('/proc/self/maps')\n"
        "mapped = maps.exists() and 'libavformat' in maps.read_text()\n"
        "print(json.dumps([all(answers), 'av' in sys.modules, mapped]))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        check=True,
        timeout=120,
    )

    assert json.loads(ran.stdout) == [True, False, False]  # read, without importing or mapping libav
