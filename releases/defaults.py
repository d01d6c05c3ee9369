"""What a new instance starts with: Radarr's quality definitions and its six quality profiles."""

from itertools import groupby
from typing import Any

from releases import qualities as q

GROUP_ID_START = 1000  # Radarr numbers quality groups from 1000 so they never clash with quality ids

# name, cutoff, allowed qualities: Radarr's first-run profiles
DEFAULT_PROFILES: list[tuple[str, q.Quality, list[q.Quality]]] = [
    ("Any", q.BLURAY_480P, [
        q.WORKPRINT, q.CAM, q.TELESYNC, q.TELECINE, q.DVDSCR, q.REGIONAL, q.SDTV, q.DVD, q.DVDR,
        q.HDTV_720P, q.HDTV_1080P, q.HDTV_2160P, q.WEBDL_480P, q.WEBRIP_480P, q.WEBDL_720P, q.WEBRIP_720P,
        q.WEBDL_1080P, q.WEBRIP_1080P, q.WEBDL_2160P, q.WEBRIP_2160P, q.BLURAY_480P, q.BLURAY_576P,
        q.BLURAY_720P, q.BLURAY_1080P, q.BLURAY_2160P, q.REMUX_1080P, q.REMUX_2160P, q.BRDISK,
    ]),
    ("SD", q.BLURAY_480P, [
        q.WORKPRINT, q.CAM, q.TELESYNC, q.TELECINE, q.DVDSCR, q.REGIONAL, q.SDTV, q.DVD, q.WEBDL_480P,
        q.WEBRIP_480P, q.BLURAY_480P, q.BLURAY_576P,
    ]),
    ("HD-720p", q.BLURAY_720P, [q.HDTV_720P, q.WEBDL_720P, q.WEBRIP_720P, q.BLURAY_720P]),
    ("HD-1080p", q.BLURAY_1080P, [
        q.HDTV_1080P, q.WEBDL_1080P, q.WEBRIP_1080P, q.BLURAY_1080P, q.REMUX_1080P,
    ]),
    ("Ultra-HD", q.REMUX_2160P, [
        q.HDTV_2160P, q.WEBDL_2160P, q.WEBRIP_2160P, q.BLURAY_2160P, q.REMUX_2160P,
    ]),
    ("HD - 720p/1080p", q.BLURAY_720P, [
        q.HDTV_720P, q.HDTV_1080P, q.WEBDL_720P, q.WEBRIP_720P, q.WEBDL_1080P, q.WEBRIP_1080P,
        q.BLURAY_720P, q.BLURAY_1080P, q.REMUX_1080P, q.REMUX_2160P,
    ]),
]  # fmt: skip


def profile_items(allowed: list[q.Quality], cutoff: q.Quality) -> tuple[list[dict[str, Any]], int]:
    """Radarr's item list for a new profile (lowest first, equal weights grouped) and its cutoff id."""
    allowed_ids = {quality.id for quality in allowed}
    items: list[dict[str, Any]] = []
    cutoff_id = cutoff.id
    group_id = GROUP_ID_START
    for _, same_weight in groupby(q.DEFAULT_QUALITY_DEFINITIONS, key=lambda definition: definition.weight):
        members = list(same_weight)
        if len(members) == 1:
            quality = members[0].quality
            items.append({"quality": quality.id, "allowed": quality.id in allowed_ids})
            continue
        member_ids = [member.quality.id for member in members]
        is_allowed = any(member in allowed_ids for member in member_ids)
        items.append(
            {"id": group_id, "name": members[0].group_name, "allowed": is_allowed, "qualities": member_ids}
        )
        if cutoff.id in member_ids:
            cutoff_id = group_id
        group_id += 1
    return items, cutoff_id


def default_definitions() -> list[dict[str, Any]]:
    """Field values of the 30 quality definitions as Radarr ships them."""
    return [
        {
            "quality_id": definition.quality.id,
            "title": definition.title,
            "weight": definition.weight,
            "min_size": definition.min_size,
            "preferred_size": definition.preferred_size,
            "max_size": definition.max_size,
        }
        for definition in q.DEFAULT_QUALITY_DEFINITIONS
    ]


DEFAULT_DELAY_ORDER = 2147483647


def install_defaults() -> None:
    """What migrations 0002/0003 install, again where missing (a test database flushed between
    transactional tests loses migration data)."""
    from releases.models import DelayProfile, QualityDefinition, QualityProfile

    if not QualityDefinition.objects.exists():
        QualityDefinition.objects.bulk_create(QualityDefinition(**values) for values in default_definitions())
    if not QualityProfile.objects.exists():
        for name, cutoff, allowed in DEFAULT_PROFILES:
            items, cutoff_id = profile_items(allowed, cutoff)
            QualityProfile.objects.create(name=name, cutoff=cutoff_id, items=items, language_id=1)
    if not DelayProfile.objects.filter(order=DEFAULT_DELAY_ORDER).exists():
        DelayProfile.objects.create(order=DEFAULT_DELAY_ORDER)
