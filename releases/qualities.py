"""Radarr's quality table, revisions and the default quality definitions.

Ids, names, sources, resolutions and modifiers are Radarr's (Quality.cs); clients send and store the ids,
so they must never change. The table is plain data here: nothing reads the shared fixtures at runtime.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class QualitySource(StrEnum):
    """Radarr's QualitySource enum, serialized by name in the v3 API."""

    UNKNOWN = "unknown"
    CAM = "cam"
    TELESYNC = "telesync"
    TELECINE = "telecine"
    WORKPRINT = "workprint"
    DVD = "dvd"
    TV = "tv"
    WEBDL = "webdl"
    WEBRIP = "webrip"
    BLURAY = "bluray"


class Modifier(StrEnum):
    """Radarr's quality Modifier enum."""

    NONE = "none"
    REGIONAL = "regional"
    SCREENER = "screener"
    RAWHD = "rawhd"
    BRDISK = "brdisk"
    REMUX = "remux"


class DetectionSource(StrEnum):
    """Where the parser found a quality's source or resolution (Radarr's QualityDetectionSource)."""

    UNKNOWN = "unknown"
    NAME = "name"
    EXTENSION = "extension"


@dataclass(frozen=True, slots=True, eq=False)
class Quality:
    id: int
    name: str
    source: QualitySource
    resolution: int  # lines (480, 720, ...); 0 when the quality implies none
    modifier: Modifier = Modifier.NONE

    # Radarr compares qualities by id: a TELESYNC with its parsed resolution is still TELESYNC.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quality) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __str__(self) -> str:
        return self.name


S = QualitySource
UNKNOWN = Quality(0, "Unknown", S.UNKNOWN, 0)
SDTV = Quality(1, "SDTV", S.TV, 480)
DVD = Quality(2, "DVD", S.DVD, 0)
WEBDL_1080P = Quality(3, "WEBDL-1080p", S.WEBDL, 1080)
HDTV_720P = Quality(4, "HDTV-720p", S.TV, 720)
WEBDL_720P = Quality(5, "WEBDL-720p", S.WEBDL, 720)
BLURAY_720P = Quality(6, "Bluray-720p", S.BLURAY, 720)
BLURAY_1080P = Quality(7, "Bluray-1080p", S.BLURAY, 1080)
WEBDL_480P = Quality(8, "WEBDL-480p", S.WEBDL, 480)
HDTV_1080P = Quality(9, "HDTV-1080p", S.TV, 1080)
RAWHD = Quality(10, "Raw-HD", S.TV, 1080, Modifier.RAWHD)
WEBRIP_480P = Quality(12, "WEBRip-480p", S.WEBRIP, 480)
WEBRIP_720P = Quality(14, "WEBRip-720p", S.WEBRIP, 720)
WEBRIP_1080P = Quality(15, "WEBRip-1080p", S.WEBRIP, 1080)
HDTV_2160P = Quality(16, "HDTV-2160p", S.TV, 2160)
WEBRIP_2160P = Quality(17, "WEBRip-2160p", S.WEBRIP, 2160)
WEBDL_2160P = Quality(18, "WEBDL-2160p", S.WEBDL, 2160)
BLURAY_2160P = Quality(19, "Bluray-2160p", S.BLURAY, 2160)
BLURAY_480P = Quality(20, "Bluray-480p", S.BLURAY, 480)
BLURAY_576P = Quality(21, "Bluray-576p", S.BLURAY, 576)
BRDISK = Quality(22, "BR-DISK", S.BLURAY, 1080, Modifier.BRDISK)
DVDR = Quality(23, "DVD-R", S.DVD, 480, Modifier.REMUX)
WORKPRINT = Quality(24, "WORKPRINT", S.WORKPRINT, 0)
CAM = Quality(25, "CAM", S.CAM, 0)
TELESYNC = Quality(26, "TELESYNC", S.TELESYNC, 0)
TELECINE = Quality(27, "TELECINE", S.TELECINE, 0)
DVDSCR = Quality(28, "DVDSCR", S.DVD, 480, Modifier.SCREENER)
REGIONAL = Quality(29, "REGIONAL", S.DVD, 480, Modifier.REGIONAL)
REMUX_1080P = Quality(30, "Remux-1080p", S.BLURAY, 1080, Modifier.REMUX)
REMUX_2160P = Quality(31, "Remux-2160p", S.BLURAY, 2160, Modifier.REMUX)
del S

# Radarr's list order (Quality.All), which is also the order the UI shows them in.
QUALITIES: tuple[Quality, ...] = (
    UNKNOWN, SDTV, DVD, WEBDL_1080P, HDTV_720P, WEBDL_720P, BLURAY_720P, BLURAY_1080P, WEBDL_480P,
    HDTV_1080P, RAWHD, WEBRIP_480P, WEBRIP_720P, WEBRIP_1080P, HDTV_2160P, WEBRIP_2160P, WEBDL_2160P,
    BLURAY_2160P, BLURAY_480P, BLURAY_576P, BRDISK, DVDR, WORKPRINT, CAM, TELESYNC, TELECINE, DVDSCR,
    REGIONAL, REMUX_1080P, REMUX_2160P,
)  # fmt: skip

QUALITIES_BY_ID: dict[int, Quality] = {quality.id: quality for quality in QUALITIES}
QUALITIES_BY_NAME: dict[str, Quality] = {quality.name: quality for quality in QUALITIES}


def quality_by_id(quality_id: int) -> Quality:
    """The quality with Radarr's id; KeyError for an id Radarr does not know."""
    return QUALITIES_BY_ID[quality_id]


def find_by_source_and_resolution(
    source: QualitySource, resolution: int, modifier: Modifier = Modifier.NONE
) -> Quality:
    """The quality for a source and resolution; failing an exact one, Radarr's nearest better source."""
    for quality in QUALITIES:
        if quality.source == source and quality.resolution == resolution and quality.modifier == modifier:
            return quality
    # e.g. a DVD image (.iso) that says 720p: the lowest source at or above DVD that has a 720p quality.
    source_rank = list(QualitySource).index
    same_resolution = sorted(
        (q for q in QUALITIES if q.resolution == resolution), key=lambda q: source_rank(q.source)
    )
    return next((q for q in same_resolution if source_rank(q.source) >= source_rank(source)), UNKNOWN)


@dataclass(frozen=True, slots=True)
class Revision:
    """PROPER/REPACK/v2 bump the version; REAL (uppercase only) counts separately, as in Radarr."""

    version: int = 1
    real: int = 0
    is_repack: bool = False


@dataclass(frozen=True, slots=True)
class QualityModel:
    quality: Quality = UNKNOWN
    revision: Revision = field(default_factory=Revision)
    source_detection: DetectionSource = DetectionSource.UNKNOWN
    resolution_detection: DetectionSource = DetectionSource.UNKNOWN
    revision_detection: DetectionSource = DetectionSource.UNKNOWN
    hardcoded_subs: str | None = None


@dataclass(frozen=True, slots=True)
class QualityDefinition:
    """A quality's default ranking and size limits; sizes are MB per minute of runtime, None = unlimited."""

    quality: Quality
    weight: int  # higher ranks better in a new quality profile
    title: str
    min_size: float = 0
    preferred_size: float | None = 95
    max_size: float | None = 100
    group_name: str | None = None  # qualities Radarr groups together in the default profile


SIZE_LIMIT_MIN = 0  # MB per minute, the bounds the size sliders allow
SIZE_LIMIT_MAX = 2000


def _definition(
    quality: Quality, weight: int, *, unlimited: bool = False, group: str | None = None
) -> QualityDefinition:
    if unlimited:
        return QualityDefinition(
            quality, weight, quality.name, preferred_size=None, max_size=None, group_name=group
        )
    return QualityDefinition(quality, weight, quality.name, group_name=group)


# Radarr's default ranking, lowest first.
DEFAULT_QUALITY_DEFINITIONS: tuple[QualityDefinition, ...] = (
    _definition(UNKNOWN, 1),
    _definition(WORKPRINT, 2),
    _definition(CAM, 3),
    _definition(TELESYNC, 4),
    _definition(TELECINE, 5),
    _definition(REGIONAL, 6),
    _definition(DVDSCR, 7),
    _definition(SDTV, 8),
    _definition(DVD, 9),
    _definition(DVDR, 10),
    _definition(WEBDL_480P, 11, group="WEB 480p"),
    _definition(WEBRIP_480P, 11, group="WEB 480p"),
    _definition(BLURAY_480P, 12),
    _definition(BLURAY_576P, 13),
    _definition(HDTV_720P, 14),
    _definition(WEBDL_720P, 15, group="WEB 720p"),
    _definition(WEBRIP_720P, 15, group="WEB 720p"),
    _definition(BLURAY_720P, 16),
    _definition(HDTV_1080P, 17),
    _definition(WEBDL_1080P, 18, group="WEB 1080p"),
    _definition(WEBRIP_1080P, 18, group="WEB 1080p"),
    _definition(BLURAY_1080P, 19, unlimited=True),
    _definition(REMUX_1080P, 20, unlimited=True),
    _definition(HDTV_2160P, 21, unlimited=True),
    _definition(WEBDL_2160P, 22, unlimited=True, group="WEB 2160p"),
    _definition(WEBRIP_2160P, 22, unlimited=True, group="WEB 2160p"),
    _definition(BLURAY_2160P, 23, unlimited=True),
    _definition(REMUX_2160P, 24, unlimited=True),
    _definition(BRDISK, 25, unlimited=True),
    _definition(RAWHD, 26, unlimited=True),
)
