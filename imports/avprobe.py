"""ffprobe's `-show_format -show_streams` JSON for many files from one process, read with PyAV.

ffprobe costs ~70 ms of CPU per file before reading a byte (Debian's build maps 215 shared libraries),
which is most of a 20,000-movie library import. PyAV (the `av` package, with FFmpeg's libraries in its
wheel) opens a file in a few milliseconds. This module runs as a short-lived helper process per batch
(`python -I avprobe.py`, paths as a JSON list on stdin, a JSON list out), so the long-lived job worker
never keeps libav mapped, and a file that crashes libav takes only the helper down.

Each answer has the keys of ffprobe's JSON that `imports.mediainfo.parse_ffprobe` reads, with ffprobe's
spelling, so parse_ffprobe stays the one reader. PyAV's wheel brings a newer FFmpeg (9) than the
system's ffprobe (5.1 on Debian 12), so the answers follow what that ffprobe shows, checked field by
field on files made with ffmpeg (tests/imports/test_avprobe.py). An answer is null where PyAV cannot
open the file or cannot tell what ffprobe would (then ffprobe decides): a PQ or HLG transfer (HDR10,
HDR10+, Dolby Vision and mastering data come from side data ffprobe reads), any side data on a video
stream but CPB properties and a display matrix (3D, Dolby Vision), a Dolby Vision codec tag, audio
profiles only FFmpeg 7 and later name (Atmos, DTS:X), and MPEG-TS (bit rates estimated from packets).

It imports nothing of the project (not even Django): it starts in ~0.1 s.
"""

import json
import re
import sys
from fractions import Fraction
from typing import Any

# FFmpeg's names (libavutil/pixdesc.c) for the enum values PyAV gives as numbers.
COLOR_PRIMARIES = {
    1: "bt709", 4: "bt470m", 5: "bt470bg", 6: "smpte170m", 7: "smpte240m", 8: "film", 9: "bt2020",
    10: "smpte428", 11: "smpte431", 12: "smpte432", 22: "ebu3213",
}  # fmt: skip
COLOR_TRANSFERS = {
    1: "bt709", 4: "gamma22", 5: "gamma28", 6: "smpte170m", 7: "smpte240m", 8: "linear", 9: "log100",
    10: "log316", 11: "iec61966-2-4", 12: "bt1361e", 13: "iec61966-2-1", 14: "bt2020-10",
    15: "bt2020-12", 16: "smpte2084", 17: "smpte428", 18: "arib-std-b67",
}  # fmt: skip
FIELD_ORDERS = {1: "progressive", 2: "tt", 3: "bb", 4: "tb", 5: "bt"}
PQ, HLG, UNSPECIFIED = 16, 18, 2
DEFAULT, ATTACHED_PIC = 0x1, 0x400  # AV_DISPOSITION_* flags
HEADER_COLOURS = {"hevc", "av1"}  # decoders that export the colours when opened
DOLBY_VISION_TAGS = {"dvh1", "dvhe", "dva1", "dvav", "dav1", "dvc1"}
HARMLESS_SIDE_DATA = {"cpb_properties", "display_matrix"}  # parse_ffprobe reads neither
FFPROBE_FORMATS = {"mpegts"}  # stream bit rates estimated from packets: FFmpeg versions differ
NEWER_AUDIO_PROFILES = ("atmos", "dts:x")  # named by FFmpeg 7 and later only
_UNSPECIFIED_LAYOUT = re.compile(r"^\d+ channels$")  # av_channel_layout_describe of an unknown order


class NotLikeFfprobe(Exception):
    """PyAV's view may differ from ffprobe's for this file: ffprobe decides."""


def probe_files(paths: list[str]) -> list[dict[str, Any] | None]:
    """ffprobe-shaped JSON for each path, or None where ffprobe has to decide."""
    import av  # noqa: PLC0415 - only in the helper process

    answers: list[dict[str, Any] | None] = []
    for path in paths:
        try:
            with av.open(path) as container:
                answers.append(_container(container, _colours(container)))
        except Exception:  # noqa: BLE001 - unreadable here, or unlike ffprobe: ffprobe decides
            answers.append(None)
    return answers


def _colours(container: Any) -> tuple[int, int]:
    """The primaries and transfer ffprobe 5.1 shows: the decoder's (the bitstream's VUI or sequence
    header wins over the container's tags, and is all there is when the container has none), else the
    container's. FFmpeg 7+ leaves the container's unspecified ones in place, so a PQ stream in an MKV
    without colour elements would read as SDR without this. HEVC and AV1 decoders read them from the
    stream's header when opened (so did ffprobe, without decoding); the others, H.264 first, only
    from a decoded frame (ffprobe 5.1 decoded one for them too)."""
    video = next((stream for stream in container.streams.video if not _is_cover(stream)), None)
    if video is None or video.codec_context is None:
        return UNSPECIFIED, UNSPECIFIED
    context = video.codec_context
    context.thread_type = "SLICE"  # frame threads hold the first frame back for several packets
    context.open(strict=False)
    colours = int(context.color_primaries), int(context.color_trc)
    if UNSPECIFIED not in colours or context.codec.canonical_name in HEADER_COLOURS:
        return colours
    for count, packet in enumerate(container.demux(video)):
        frames = packet.decode()
        if frames:
            primaries, transfer = int(frames[0].color_primaries), int(frames[0].color_trc)
            return (
                primaries if primaries != UNSPECIFIED else colours[0],
                transfer if transfer != UNSPECIFIED else colours[1],
            )
        if count > 200:
            break
    raise NotLikeFfprobe("no video frame decoded")


def _container(container: Any, colours: tuple[int, int]) -> dict[str, Any]:
    if container.format.name in FFPROBE_FORMATS:
        raise NotLikeFfprobe(container.format.name)
    streams = [_stream(stream, colours) for stream in container.streams]
    form: dict[str, Any] = {"format_name": container.format.name}
    if container.duration is not None:
        form["duration"] = f"{container.duration / 1_000_000:f}"
    return {"streams": streams, "format": form}


def _stream(stream: Any, colours: tuple[int, int]) -> dict[str, Any]:
    context = stream.codec_context
    disposition = int(stream.disposition)
    answer: dict[str, Any] = {
        "codec_type": stream.type,
        "codec_name": context.codec.canonical_name if context is not None else "",  # not the decoder's
        "disposition": {
            "default": int(bool(disposition & DEFAULT)),
            "attached_pic": int(_is_cover(stream)),
        },
        "tags": dict(stream.metadata),
    }
    if stream.duration is not None and stream.time_base is not None:
        answer["duration"] = f"{float(stream.duration * stream.time_base):f}"
    if stream.type == "video":
        answer |= _video(stream, context, colours)
    elif stream.type == "audio":
        answer |= _audio(context)
    return answer


def _video(stream: Any, context: Any, colours: tuple[int, int]) -> dict[str, Any]:
    # the colours of the main video stream (the one parse_ffprobe reads); a cover's are its own
    primaries, transfer = (context.color_primaries, context.color_trc) if _is_cover(stream) else colours
    if transfer in (PQ, HLG) or context.color_trc in (PQ, HLG):
        raise NotLikeFfprobe("HDR")
    if set(context.coded_side_data) - HARMLESS_SIDE_DATA:
        raise NotLikeFfprobe("side data")
    tag = _fourcc(context.codec_tag)
    if tag.lower() in DOLBY_VISION_TAGS:
        raise NotLikeFfprobe("Dolby Vision")
    answer: dict[str, Any] = {
        "profile": context.profile or "",
        "codec_tag_string": tag,
        "width": context.width,
        "height": context.height,
        "pix_fmt": context.pix_fmt or "",
        "avg_frame_rate": _rate(stream.average_rate),
        "r_frame_rate": _rate(stream.base_rate),
        "field_order": FIELD_ORDERS.get(context.field_order, "unknown"),
    }
    if context.bits_per_raw_sample:
        answer["bits_per_raw_sample"] = str(context.bits_per_raw_sample)
    if context.bit_rate:
        answer["bit_rate"] = str(context.bit_rate)
    for key, value, names in (
        ("color_primaries", primaries, COLOR_PRIMARIES),
        ("color_transfer", transfer, COLOR_TRANSFERS),
    ):
        if int(value) in names:  # ffprobe's JSON leaves unspecified ones out
            answer[key] = names[int(value)]
    return answer


def _audio(context: Any) -> dict[str, Any]:
    profile = context.profile or ""
    if any(word in profile.lower() for word in NEWER_AUDIO_PROFILES):
        raise NotLikeFfprobe(profile)
    answer: dict[str, Any] = {"profile": profile, "channels": context.channels}
    layout = context.layout.name if context.layout is not None else ""
    if layout and not _UNSPECIFIED_LAYOUT.match(layout):
        answer["channel_layout"] = layout
    if context.bit_rate:
        answer["bit_rate"] = str(context.bit_rate)
    return answer


def _is_cover(stream: Any) -> bool:
    return bool(int(stream.disposition) & ATTACHED_PIC)


def _rate(rate: Fraction | None) -> str:
    return f"{rate.numerator}/{rate.denominator}" if rate else "0/0"


def _fourcc(tag: str | int | None) -> str:
    """ffprobe's codec_tag_string: printable characters as they are, others as [N]."""
    if not tag:
        return "[0][0][0][0]"
    if isinstance(tag, int):
        tag = tag.to_bytes(4, "little").decode("latin-1")
    return "".join(c if c.isalnum() or c in " .-_" else f"[{ord(c)}]" for c in tag)


def main() -> None:
    paths = json.loads(sys.stdin.read() or "[]")
    json.dump(probe_files(paths), sys.stdout)


if __name__ == "__main__":
    main()
