"""Media info read with ffprobe: files made with ffmpeg during the test, and ffprobe's JSON for the
formats ffmpeg cannot make here (Dolby Vision, Atmos, DTS-HD MA)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from imports import mediainfo
from imports.mediainfo import media_info_resource, parse_ffprobe, probe


def _require_ffmpeg() -> None:
    if shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    if os.environ.get("CI"):
        pytest.fail("ffmpeg/ffprobe must be installed in CI (apt-get install ffmpeg)")
    pytest.skip("ffmpeg/ffprobe are not installed on this machine")


def _ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments], check=True, timeout=120)


@pytest.fixture
def h264_file(tmp_path: Path) -> Path:
    _require_ffmpeg()
    path = tmp_path / "Movie.2020.1080p.WEB-DL.mkv"
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=24",
        "-f", "lavfi", "-i", "sine=duration=1",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        "-metadata:s:a:0", "language=ger", str(path),
    )  # fmt: skip
    return path


@pytest.fixture
def hevc_hdr_file(tmp_path: Path) -> Path:
    _require_ffmpeg()
    srt = tmp_path / "sub.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:00,500\nHello\n")
    path = tmp_path / "Movie.2020.2160p.UHD.BluRay.mkv"
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=24",
        "-f", "lavfi", "-i", "sine=duration=1",
        "-i", str(srt),
        "-map", "0:v", "-map", "1:a", "-map", "2:s",
        "-c:v", "libx265", "-pix_fmt", "yuv420p10le",
        "-x265-params",
        "log-level=error:hdr10=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:"
        "master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400",
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc",
        "-c:a", "ac3", "-ac", "6", "-c:s", "srt",
        "-metadata:s:a:0", "language=eng", "-metadata:s:s:0", "language=fre", str(path),
    )  # fmt: skip
    return path


def test_an_h264_file_reads_as_x264_8_bit_with_its_stereo_german_audio(h264_file):
    info = probe(h264_file)
    assert info is not None
    assert (info.video_codec, info.video_bit_depth, info.width, info.height) == ("x264", 8, 64, 48)
    assert info.video_fps == 24.0
    assert (info.audio_codec, info.audio_channels, info.audio_languages) == ("AAC", 2.0, ["ger"])
    assert info.hdr_format == ""
    assert info.container_format == "matroska"
    assert 0.9 < info.run_time_seconds < 1.5


def test_a_10_bit_hevc_file_with_pq_and_bt2020_reads_as_x265_hdr10(hevc_hdr_file):
    info = probe(hevc_hdr_file)
    assert info is not None
    assert (info.video_codec, info.video_bit_depth) == ("x265", 10)
    assert info.hdr_format == "HDR10"
    assert (info.audio_codec, info.audio_channels, info.audio_languages) == ("AC3", 5.1, ["eng"])
    assert info.subtitles == ["fre"]
    stored = info.as_dict()
    assert stored["videoCodec"] == "x265" and stored["hdrFormat"] == "HDR10"
    resource = media_info_resource(stored)
    assert resource["videoDynamicRange"] == "HDR"
    assert resource["videoDynamicRangeType"] == "HDR10"
    assert resource["audioLanguages"] == "eng"
    assert resource["subtitles"] == "fre"
    assert resource["resolution"] == "64x48"
    assert resource["runTime"] == "0:01"


def test_a_file_that_is_not_a_video_has_no_media_info(tmp_path):
    _require_ffmpeg()
    path = tmp_path / "notes.mkv"
    path.write_text("not a video")
    assert probe(path) is None


def test_without_ffprobe_probing_answers_none_instead_of_failing(tmp_path, monkeypatch):
    monkeypatch.setattr(mediainfo.shutil, "which", lambda name: None)
    assert probe(tmp_path / "Movie.mkv") is None


def _video(**fields):
    return {"codec_type": "video", "codec_name": "hevc", "pix_fmt": "yuv420p10le", "width": 3840,
            "height": 2160, "avg_frame_rate": "24000/1001", **fields}  # fmt: skip


def test_dolby_vision_profile_8_with_hdr10_compatibility_reads_as_dv_hdr10():
    dovi = {
        "side_data_type": "DOVI configuration record",
        "dv_profile": 8,
        "dv_bl_signal_compatibility_id": 1,
    }
    info = parse_ffprobe({"streams": [_video(color_transfer="smpte2084", side_data_list=[dovi])]})
    assert (info.hdr_format, info.dovi_profile) == ("DolbyVisionHdr10", 8)
    assert info.video_fps == 23.976
    assert mediainfo.video_dynamic_range(info.as_dict()) == ("HDR", "DV HDR10")


def test_dolby_vision_profile_5_without_a_fallback_reads_as_plain_dv():
    dovi = {
        "side_data_type": "DOVI configuration record",
        "dv_profile": 5,
        "dv_bl_signal_compatibility_id": 0,
    }
    assert parse_ffprobe({"streams": [_video(side_data_list=[dovi])]}).hdr_format == "DolbyVision"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"color_transfer": "arib-std-b67"}, "HLG10"),
        ({"color_transfer": "smpte2084", "color_primaries": "bt2020"}, "HDR10"),
        ({"color_transfer": "smpte2084", "color_primaries": "bt709"}, "PQ10"),
        (
            {
                "color_transfer": "smpte2084",
                "side_data_list": [{"side_data_type": "HDR Dynamic Metadata SMPTE2094-40 (HDR10+)"}],
            },
            "HDR10Plus",
        ),
        ({"color_transfer": "bt709"}, ""),
        ({"color_transfer": "smpte2084", "pix_fmt": "yuv420p"}, ""),  # 8 bit is never HDR
    ],
)
def test_hdr_type_follows_transfer_primaries_and_side_data(fields, expected):
    assert parse_ffprobe({"streams": [_video(**fields)]}).hdr_format == expected


@pytest.mark.parametrize(
    ("codec", "profile", "layout", "channels", "name", "count"),
    [
        ("dts", "DTS-HD MA", "7.1", 8, "DTS-HD MA", 7.1),
        ("dts", "DTS-HD MA + DTS:X", "7.1", 8, "DTS-X", 7.1),
        ("dts", "DTS", "5.1(side)", 6, "DTS", 5.1),
        ("truehd", "Dolby TrueHD + Dolby Atmos", "7.1", 8, "TrueHD Atmos", 7.1),
        ("truehd", "", "", 6, "TrueHD", 5.1),
        ("eac3", "Dolby Digital Plus + Dolby Atmos", "5.1(side)", 6, "EAC3 Atmos", 5.1),
        ("flac", "", "stereo", 2, "FLAC", 2.0),
        ("pcm_s24le", "", "mono", 1, "PCM", 1.0),
    ],
)
def test_audio_reads_with_radarrs_codec_names_and_channel_counts(
    codec, profile, layout, channels, name, count
):
    audio = {"codec_type": "audio", "codec_name": codec, "profile": profile, "channel_layout": layout,
             "channels": channels, "tags": {"language": "jpn"}}  # fmt: skip
    info = parse_ffprobe({"streams": [_video(), audio]})
    assert (info.audio_codec, info.audio_channels, info.audio_languages) == (name, count, ["jpn"])


def test_the_release_name_decides_between_x265_and_h265_in_names():
    stored = {"videoCodec": "x265"}
    assert mediainfo.format_video_codec(stored, "Movie.2020.2160p.WEB-DL.DDP5.1.HEVC-GRP") == "h265"
    assert mediainfo.format_video_codec(stored, "Movie.2020.2160p.BluRay.x265-GRP") == "x265"


def test_a_file_without_media_info_has_no_media_info_resource():
    assert media_info_resource({}) is None


@pytest.mark.django_db
def test_a_rescan_fills_media_info_for_files_without_it(h264_file):
    from imports.rescan import refresh_media_info
    from tests.movies.factories import MovieFactory, MovieFileFactory

    movie = MovieFactory(path=str(h264_file.parent))
    movie_file = MovieFileFactory(movie=movie, relative_path=h264_file.name)
    assert refresh_media_info(movie) == 1
    movie_file.refresh_from_db()
    assert movie_file.media_info["videoCodec"] == "x264"
    assert refresh_media_info(movie) == 0  # already read at this schema


@pytest.mark.django_db
def test_health_warns_when_ffprobe_is_missing_and_analysis_is_on(monkeypatch):
    from imports.mediainfo import ffprobe_check
    from imports.models import MediaManagementConfig

    monkeypatch.setattr(mediainfo.shutil, "which", lambda name: None)
    [issue] = ffprobe_check()
    assert issue.source == "MediaInfoCheck" and issue.level == "warning"
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"enable_media_info": False})
    assert ffprobe_check() == []


def test_what_is_stored_holds_every_media_info_resource_key_in_radarrs_types(h264_file):
    stored = probe(h264_file).as_dict()
    resource = media_info_resource(stored)
    assert list(resource) == list(mediainfo.RESOURCE_KEYS)
    assert {key: stored[key] for key in mediainfo.RESOURCE_KEYS} == resource
    assert stored["audioLanguages"] == "ger"
