"""What a video file holds, read with ffprobe, in the terms Radarr's names and API use.

`probe(path)` runs `ffprobe -show_format -show_streams` and returns a MediaInfo (or None when
ffprobe is missing or cannot read the file); `probe_files(paths)` reads many, most of them with PyAV in
one helper process (imports/avprobe.py: ffprobe's JSON without a process per file) and the rest with
ffprobe; `MediaInfo.as_dict()` is what `MovieFile.media_info` stores, and `media_info_resource(stored)`
is the v3 `mediaInfo` object of a movie file.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SCHEMA_REVISION = 1
PROBE_TIMEOUT_SECONDS = 60
PYAV_MIN_FILES = 3  # the helper starts in ~0.13 s, ffprobe in ~0.07 s: one or two files go to ffprobe
PYAV_PYTHON = [sys.executable, "-I"]  # isolated: the helper imports nothing of the project

# ffprobe's codec names → the names Radarr writes in file names and shows.
_VIDEO_CODECS = {
    "h264": "x264",
    "hevc": "x265",
    "av1": "AV1",
    "vp9": "VP9",
    "vp8": "VP8",
    "mpeg2video": "MPEG2",
    "mpeg1video": "MPEG",
    "vc1": "VC1",
    "wmv3": "WMV",
    "msmpeg4v3": "DivX",
    "theora": "Theora",
    "vvc": "VVC",
}
_AUDIO_CODECS = {
    "aac": "AAC",
    "ac3": "AC3",
    "eac3": "EAC3",
    "truehd": "TrueHD",
    "dts": "DTS",
    "flac": "FLAC",
    "opus": "Opus",
    "vorbis": "Vorbis",
    "mp3": "MP3",
    "mp2": "MP2",
    "alac": "ALAC",
    "wmav2": "WMA",
    "wmapro": "WMA",
}
_CHANNEL_LAYOUTS = {"mono": 1.0, "stereo": 2.0, "2.1": 2.1, "quad": 4.0, "4.0": 4.0, "5.0": 5.0}
_CHANNEL_COUNTS = {1: 1.0, 2: 2.0, 3: 2.1, 6: 5.1, 7: 6.1, 8: 7.1}
_PQ, _HLG = "smpte2084", "arib-std-b67"

# HDR formats as Radarr names them (HdrFormat), and the text {MediaInfo VideoDynamicRangeType} writes.
HDR_TYPES = {
    "": "",
    "PQ10": "PQ",
    "HDR10": "HDR10",
    "HDR10Plus": "HDR10Plus",
    "HLG10": "HLG",
    "DolbyVision": "DV",
    "DolbyVisionHdr10": "DV HDR10",
    "DolbyVisionHdr10Plus": "DV HDR10Plus",
    "DolbyVisionHlg": "DV HLG",
    "DolbyVisionSdr": "DV SDR",
}


@dataclass(slots=True)
class MediaInfo:
    container_format: str = ""
    video_format: str = ""  # ffprobe's codec name: h264, hevc, av1
    video_codec: str = ""  # Radarr's: x264, x265, AV1
    video_profile: str = ""
    video_bit_depth: int = 0
    video_bitrate: int = 0
    width: int = 0
    height: int = 0
    video_fps: float = 0.0
    video_multi_view_count: int = 0
    video_colour_primaries: str = ""
    video_transfer_characteristics: str = ""
    hdr_format: str = ""  # a key of HDR_TYPES
    dovi_profile: int = 0
    scan_type: str = "Progressive"
    audio_format: str = ""
    audio_codec: str = ""  # Radarr's: DTS-HD MA, TrueHD Atmos, EAC3 Atmos, AAC
    audio_profile: str = ""
    audio_channels: float = 0.0
    audio_channel_layout: str = ""
    audio_bitrate: int = 0
    audio_stream_count: int = 0
    audio_languages: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    run_time_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """What MovieFile.media_info stores: every key of Radarr's MediaInfoResource in its type (so the
        API can show them as they are; see RESOURCE_KEYS) plus what names and HDR detection read."""
        stored = {_camel(key): value for key, value in asdict(self).items()}
        stored["audioLanguages"] = "/".join(self.audio_languages)
        stored["subtitles"] = "/".join(self.subtitles)
        stored["schemaRevision"] = SCHEMA_REVISION
        stored.update(_derived(stored))
        return stored


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def ffprobe_path() -> str | None:
    return shutil.which("ffprobe")


def probe(path: Path) -> MediaInfo | None:
    """ffprobe's view of a file, or None (logged) when ffprobe is missing or the file is unreadable."""
    executable = ffprobe_path()
    if executable is None:
        logger.warning("ffprobe is not installed; media info is not read for %s", path)
        return None
    command = [executable, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed executable, the path is one argument
            command, capture_output=True, timeout=PROBE_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.warning("ffprobe failed for %s: %s", path, error)
        return None
    if completed.returncode != 0:
        logger.warning("ffprobe could not read %s: %s", path, completed.stderr.decode(errors="replace")[:500])
        return None
    try:
        data = json.loads(completed.stdout or b"{}")
    except ValueError:
        return None
    return parse_ffprobe(data)


def probe_threads() -> int:
    """ffprobe runs at once: two per core up to eight (each is a process of its own, and on a network
    share much of its time is waiting for the disk)."""
    return max(2, min(8, 2 * (os.cpu_count() or 1)))


def probe_files(paths: list[Path]) -> list[MediaInfo | None]:
    """probe() of each path, in order: PyAV in one helper process reads what it reads as ffprobe would,
    ffprobe (several at once) the files PyAV cannot open or cannot tell (HDR, Dolby Vision, see
    imports/avprobe.py). ffprobe missing: all None, as probe() answers."""
    if ffprobe_path() is None:
        return [None] * len(paths)
    answers = read_with_pyav(paths)
    results = [parse_ffprobe(answer) if answer is not None else None for answer in answers]
    left = [index for index, answer in enumerate(answers) if answer is None]
    if len(left) == 1:
        results[left[0]] = probe(paths[left[0]])
    elif left:
        with ThreadPoolExecutor(max_workers=probe_threads(), thread_name_prefix="ffprobe") as pool:
            for index, info in zip(left, pool.map(lambda index: probe(paths[index]), left), strict=True):
                results[index] = info
    return results


def read_with_pyav(paths: list[Path]) -> list[dict[str, Any] | None]:
    """ffprobe's JSON of each file as imports/avprobe.py reads it in a helper process, None for those
    ffprobe decides; all None for fewer than PYAV_MIN_FILES files, without PyAV, or when the helper
    fails (a crash in libav, a hung network share)."""
    nothing: list[dict[str, Any] | None] = [None] * len(paths)
    if len(paths) < PYAV_MIN_FILES or importlib.util.find_spec("av") is None:
        return nothing
    helper = [*PYAV_PYTHON, str(Path(__file__).with_name("avprobe.py"))]
    try:
        completed = subprocess.run(  # noqa: S603 - our own script, the paths go through stdin
            helper,
            input=json.dumps([str(path) for path in paths]).encode(),
            capture_output=True,
            timeout=PROBE_TIMEOUT_SECONDS + len(paths),
            check=False,
        )
        answers = json.loads(completed.stdout) if completed.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError) as error:
        logger.warning("Reading media info with PyAV failed, ffprobe reads the files: %s", error)
        return nothing
    if not isinstance(answers, list) or len(answers) != len(paths):
        stderr = completed.stderr.decode(errors="replace")[-500:]
        logger.warning("Reading media info with PyAV failed (%s), ffprobe reads the files", stderr)
        return nothing
    return answers


def parse_ffprobe(data: dict[str, Any]) -> MediaInfo | None:
    """MediaInfo from ffprobe's JSON; None when the file has no video stream."""
    streams = data.get("streams") or []
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
        ),
        None,
    )
    if video is None:
        return None
    audio_streams = [s for s in streams if s.get("codec_type") == "audio"]
    subtitle_streams = [s for s in streams if s.get("codec_type") == "subtitle"]
    container = data.get("format") or {}
    info = MediaInfo(
        container_format=str(container.get("format_name") or "").split(",")[0],
        video_format=str(video.get("codec_name") or ""),
        video_profile=str(video.get("profile") or ""),
        video_bit_depth=_bit_depth(video),
        video_bitrate=_int(video.get("bit_rate")),
        width=_int(video.get("width")),
        height=_int(video.get("height")),
        video_fps=_fps(video),
        video_multi_view_count=2 if _is_3d(video) else 1,
        video_colour_primaries=str(video.get("color_primaries") or ""),
        video_transfer_characteristics=str(video.get("color_transfer") or ""),
        scan_type="Interlaced"
        if video.get("field_order") not in (None, "progressive", "unknown")
        else "Progressive",
        audio_stream_count=len(audio_streams),
        audio_languages=[_language(s) for s in audio_streams],
        subtitles=[_language(s) for s in subtitle_streams],
        run_time_seconds=_float(container.get("duration")) or _float(video.get("duration")),
    )
    info.video_codec = _VIDEO_CODECS.get(info.video_format, info.video_format.upper())
    if info.video_format == "mpeg4":
        tag = str(video.get("codec_tag_string") or "").upper()
        info.video_codec = "XviD" if tag == "XVID" else "DivX" if tag in ("DIVX", "DX50") else "MPEG4"
    info.hdr_format, info.dovi_profile = _hdr(video, info.video_bit_depth)
    if audio_streams:
        first = next(
            (s for s in audio_streams if (s.get("disposition") or {}).get("default")), audio_streams[0]
        )
        info.audio_format = str(first.get("codec_name") or "")
        info.audio_profile = str(first.get("profile") or "")
        info.audio_codec = audio_codec_name(info.audio_format, info.audio_profile)
        info.audio_channel_layout = str(first.get("channel_layout") or "")
        info.audio_channels = audio_channels(info.audio_channel_layout, _int(first.get("channels")))
        info.audio_bitrate = _int(first.get("bit_rate"))
    return info


def _int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _bit_depth(video: dict[str, Any]) -> int:
    depth = _int(video.get("bits_per_raw_sample"))
    if depth:
        return depth
    pixel_format = str(video.get("pix_fmt") or "")
    for bits in (12, 10):
        if f"p{bits}" in pixel_format:
            return bits
    return 8 if pixel_format else 0


def _fps(video: dict[str, Any]) -> float:
    for key in ("avg_frame_rate", "r_frame_rate"):
        try:
            rate = Fraction(str(video.get(key) or "0/0"))
        except (ValueError, ZeroDivisionError):
            continue
        if rate:
            return round(float(rate), 3)
    return 0.0


def _is_3d(video: dict[str, Any]) -> bool:
    side_data = video.get("side_data_list") or []
    return any(item.get("side_data_type") == "Stereo 3D" for item in side_data) or bool(
        (video.get("tags") or {}).get("stereo_mode")
    )


def _language(stream: dict[str, Any]) -> str:
    return str((stream.get("tags") or {}).get("language") or "und").lower()


def _hdr(video: dict[str, Any], bit_depth: int) -> tuple[str, int]:
    """Radarr's HdrFormat from transfer, primaries and side data; ("", 0) for SDR."""
    side_types = [str(item.get("side_data_type") or "") for item in video.get("side_data_list") or []]
    dovi = next(
        (item for item in video.get("side_data_list") or [] if "DOVI" in str(item.get("side_data_type"))),
        None,
    )
    transfer = str(video.get("color_transfer") or "")
    primaries = str(video.get("color_primaries") or "")
    hdr10_plus = any("SMPTE2094-40" in kind or "HDR10+" in kind for kind in side_types)
    static_metadata = any("Mastering display" in kind or "Content light level" in kind for kind in side_types)
    if dovi is not None:
        profile = _int(dovi.get("dv_profile"))
        compatibility = _int(dovi.get("dv_bl_signal_compatibility_id"))
        if compatibility in (1, 6):
            return ("DolbyVisionHdr10Plus" if hdr10_plus else "DolbyVisionHdr10"), profile
        if compatibility == 2:
            return "DolbyVisionSdr", profile
        if compatibility == 4:
            return "DolbyVisionHlg", profile
        return "DolbyVision", profile
    if bit_depth < 10:
        return "", 0
    if transfer == _HLG:
        return "HLG10", 0
    if transfer == _PQ:
        if hdr10_plus:
            return "HDR10Plus", 0
        if primaries == "bt2020" or static_metadata:
            return "HDR10", 0
        return "PQ10", 0
    return "", 0


def audio_codec_name(codec: str, profile: str = "") -> str:
    """Radarr's audio names: DTS-HD MA, DTS-X, TrueHD Atmos, EAC3 Atmos, PCM..."""
    profile_lower = profile.lower()
    if codec == "dts":
        if "dts:x" in profile_lower or "dts-x" in profile_lower:
            return "DTS-X"
        if "ma" in profile_lower.split() or "dts-hd ma" in profile_lower:
            return "DTS-HD MA"
        if "hra" in profile_lower.split() or "dts-hd hra" in profile_lower:
            return "DTS-HD HRA"
        if "es" in profile_lower.split():
            return "DTS-ES"
        return "DTS"
    if codec == "truehd":
        return "TrueHD Atmos" if "atmos" in profile_lower else "TrueHD"
    if codec == "eac3":
        return "EAC3 Atmos" if "atmos" in profile_lower else "EAC3"
    if codec.startswith("pcm_"):
        return "PCM"
    return _AUDIO_CODECS.get(codec, codec.upper())


def audio_channels(layout: str, count: int) -> float:
    """`5.1(side)` → 5.1, `stereo` → 2.0; falls back to the channel count (6 → 5.1)."""
    layout = layout.split("(")[0].strip()
    if layout in _CHANNEL_LAYOUTS:
        return _CHANNEL_LAYOUTS[layout]
    try:
        return float(layout)
    except ValueError:
        return _CHANNEL_COUNTS.get(count, float(count))


# ---------------------------------------------------------------------------------------------------
# Formatting what is stored (MovieFile.media_info) for names and the API


def format_video_codec(stored: dict[str, Any], scene_name: str = "") -> str:
    """x264/x265, or h264/h265 when the release name says so (as Radarr keeps the release's word)."""
    codec = str(stored.get("videoCodec") or "")
    lowered = scene_name.lower()
    if codec == "x264" and ("h264" in lowered or "h.264" in lowered):
        return "h264"
    if codec == "x265" and ("h265" in lowered or "h.265" in lowered or "hevc" in lowered):
        return "h265"
    return codec


def format_audio_channels(stored: dict[str, Any]) -> str:
    channels = _float(stored.get("audioChannels"))
    return f"{channels:.1f}" if channels > 0 else ""


def video_dynamic_range(stored: dict[str, Any]) -> tuple[str, str]:
    """({MediaInfo VideoDynamicRange}, {MediaInfo VideoDynamicRangeType}): ("HDR", "DV HDR10") or ("", "")."""
    kind = HDR_TYPES.get(str(stored.get("hdrFormat") or ""), "")
    return ("HDR" if kind else ""), kind


def format_run_time(seconds: float) -> str:
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# The properties of Radarr's MediaInfoResource (besides id), in its order.
RESOURCE_KEYS = (
    "audioBitrate", "audioChannels", "audioCodec", "audioLanguages", "audioStreamCount", "videoBitDepth",
    "videoBitrate", "videoCodec", "videoFps", "videoDynamicRange", "videoDynamicRangeType", "resolution",
    "runTime", "scanType", "subtitles",
)  # fmt: skip


def _languages_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "/".join(str(part) for part in value or [])


def _derived(stored: dict[str, Any]) -> dict[str, Any]:
    dynamic_range, dynamic_range_type = video_dynamic_range(stored)
    width, height = _int(stored.get("width")), _int(stored.get("height"))
    return {
        "videoDynamicRange": dynamic_range,
        "videoDynamicRangeType": dynamic_range_type,
        "resolution": f"{width}x{height}" if width and height else "",
        "runTime": format_run_time(_float(stored.get("runTimeSeconds"))),
    }


def media_info_resource(stored: dict[str, Any] | None, scene_name: str = "") -> dict[str, Any] | None:
    """The v3 MediaInfoResource of a movie file (None when nothing was read)."""
    if not stored:
        return None
    values = {**stored, **_derived(stored)}
    return {
        "audioBitrate": _int(values.get("audioBitrate")),
        "audioChannels": _float(values.get("audioChannels")),
        "audioCodec": values.get("audioCodec") or "",
        "audioLanguages": _languages_text(values.get("audioLanguages")),
        "audioStreamCount": _int(values.get("audioStreamCount")),
        "videoBitDepth": _int(values.get("videoBitDepth")),
        "videoBitrate": _int(values.get("videoBitrate")),
        "videoCodec": format_video_codec(values, scene_name),
        "videoFps": _float(values.get("videoFps")),
        "videoDynamicRange": values["videoDynamicRange"],
        "videoDynamicRangeType": values["videoDynamicRangeType"],
        "resolution": values["resolution"],
        "runTime": values["runTime"],
        "scanType": values.get("scanType") or "Progressive",
        "subtitles": _languages_text(values.get("subtitles")),
    }


# ---------------------------------------------------------------------------------------------------
# Health (reading files again on a rescan is imports.rescan's)


def ffprobe_check() -> list[Any]:
    """Health: Analyse Video Files is on but ffprobe is missing, so names and the API lack codecs/HDR."""
    from imports.models import MediaManagementConfig
    from radarr.system.health import HealthIssue

    if ffprobe_path() is not None or not MediaManagementConfig.load().enable_media_info:
        return []
    return [
        HealthIssue(
            "MediaInfoCheck",
            "warning",
            "ffprobe is not installed: video files cannot be analysed (codecs, HDR, audio languages). "
            "Install ffmpeg, or turn off Analyse Video Files in Settings → Media Management.",
        )
    ]
