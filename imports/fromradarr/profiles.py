"""Quality definitions, custom formats, quality profiles, delay and release profiles: matched by name
(definitions by quality, the default delay profile to ours), written through the releases app's
writers from the source's own resource bodies."""

from typing import Any

from imports.fromradarr.reader import NotInSource, RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState, label
from radarr.api.errors import ApiError
from releases.api.customformats import format_from_body
from releases.customformats.editing import save_custom_format
from releases.models import CustomFormat, DelayProfile, QualityDefinition, QualityProfile, ReleaseProfile
from releases.profiles import (
    DEFAULT_DELAY_ORDER,
    ensure_default_delay_profile,
    save_delay_profile,
    save_quality_profile,
    save_release_profile,
)
from releases.qualities import QUALITIES, QUALITIES_BY_ID
from releases.qualitydefinitions import update_definitions
from releases.resources import (
    definition_input,
    delay_profile_input,
    quality_profile_input,
    release_profile_input,
)


def _refused(report: SectionReport, body: dict[str, Any], kind: str, error: ApiError) -> None:
    report.skip("not accepted here")
    report.notice("invalid", label(body, kind), error.message)


def import_quality_definitions(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    ours = dict(QualityDefinition.objects.values_list("quality_id", "pk"))
    changes = []
    for body in reader.get_list("qualitydefinition"):
        report.found += 1
        quality_id = (body.get("quality") or {}).get("id")
        if quality_id not in ours:
            report.skip("quality unknown here")
            continue
        try:
            changes.append(definition_input(body, ours[quality_id]))
        except ApiError as error:
            _refused(report, body, "Quality definition", error)
    if changes:
        update_definitions(changes)
        report.updated += len(changes)


def import_custom_formats(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    by_name = {custom_format.name: custom_format for custom_format in CustomFormat.objects.all()}
    for body in reader.get_list("customformat"):
        report.found += 1
        try:
            name, specifications = format_from_body(body)
            existing = by_name.get(name)
            saved = save_custom_format(
                name,
                bool(body.get("includeCustomFormatWhenRenaming")),
                specifications,
                custom_format=existing,
            )
        except ApiError as error:
            _refused(report, body, "Custom format", error)
            continue
        by_name[name] = saved
        if isinstance(body.get("id"), int):
            state.custom_formats[body["id"]] = saved.pk
        report.updated += existing is not None
        report.imported += existing is None


def _with_our_formats(body: dict[str, Any], state: ImportState) -> dict[str, Any]:
    """The profile's format scores and cutoff format named by our custom format ids; a profile names
    every custom format, so ours the source did not have score 0."""
    scores = {
        state.custom_formats[item.get("format")]: item.get("score", 0)
        for item in body.get("formatItems") or []
        if isinstance(item, dict) and item.get("format") in state.custom_formats
    }
    items = [
        {"format": format_id, "score": scores.get(format_id, 0)}
        for format_id in CustomFormat.objects.order_by("pk").values_list("pk", flat=True)
    ]
    body = {**body, "formatItems": items}
    if body.get("cutoffFormatId"):
        body["cutoffFormatId"] = state.custom_formats.get(body["cutoffFormatId"], 0)
    return body


def _quality_id(item: dict[str, Any]) -> Any:
    quality = item.get("quality")
    return quality.get("id") if isinstance(quality, dict) else None


def _known_items(items: list[Any], dropped: set[Any]) -> list[dict[str, Any]]:
    """Items without qualities unknown here (a group left with one quality becomes that quality)."""
    kept = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("quality") is not None:
            if _quality_id(item) in QUALITIES_BY_ID:
                kept.append(item)
            else:
                dropped.add(_quality_id(item))
            continue
        members = _known_items(item.get("items") or [], dropped)
        if len(members) == 1:
            kept.append({**members[0], "allowed": item.get("allowed", False)})
        elif members:
            kept.append({**item, "items": members})
    return kept


def _completed(body: dict[str, Any], report: SectionReport) -> dict[str, Any]:
    """The profile's items as this version knows qualities: ones it does not know are left out (and
    reported), ones the source's version did not have are added, not allowed, as Radarr's own upgrades
    add new qualities to existing profiles."""
    dropped: set[Any] = set()
    items = _known_items(body.get("items") or [], dropped)
    present = {_quality_id(member) for item in items for member in item.get("items") or [item]}
    added = [
        {"quality": {"id": quality.id}, "items": [], "allowed": False}
        for quality in QUALITIES
        if quality.id not in present
    ]
    if dropped:
        names = ", ".join(str(quality_id) for quality_id in sorted(dropped, key=str))
        report.notice(
            "unknown", label(body, "Quality profile"), f"qualities unknown here were left out: {names}"
        )
    return {**body, "items": added + items}


def import_quality_profiles(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    by_name = {profile.name: profile for profile in QualityProfile.objects.all()}
    for body in reader.get_list("qualityprofile"):
        report.found += 1
        body = _completed(body, report)
        existing = by_name.get(str(body.get("name") or "").strip())
        try:
            saved = save_quality_profile(quality_profile_input(_with_our_formats(body, state)), existing)
        except ApiError as error:
            _refused(report, body, "Quality profile", error)
            continue
        by_name[saved.name] = saved
        if isinstance(body.get("id"), int):
            state.quality_profiles[body["id"]] = saved.pk
        report.updated += existing is not None
        report.imported += existing is None


def import_delay_profiles(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    """The source's default (untagged, last) profile updates ours; tagged ones match by their tags."""
    ensure_default_delay_profile()
    profiles = list(DelayProfile.objects.prefetch_related("tags"))
    for body in reader.get_list("delayprofile"):
        report.found += 1
        body = state.with_tags(body)
        is_default = body.get("order") == DEFAULT_DELAY_ORDER or not body["tags"]
        existing = next((profile for profile in profiles if _same_delay(profile, body, is_default)), None)
        try:
            saved = save_delay_profile(delay_profile_input(body), existing)
        except ApiError as error:
            _refused(report, body, "Delay profile", error)
            continue
        if existing is None:
            profiles.append(saved)
        report.updated += existing is not None
        report.imported += existing is None


def _same_delay(profile: DelayProfile, body: dict[str, Any], is_default: bool) -> bool:
    if is_default:
        return profile.order == DEFAULT_DELAY_ORDER
    return profile.order != DEFAULT_DELAY_ORDER and {tag.pk for tag in profile.tags.all()} == set(
        body["tags"]
    )


def import_release_profiles(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    """Matched by name, or by their terms when unnamed; an indexer named by id is mapped to ours."""
    profiles = list(ReleaseProfile.objects.all())
    try:
        bodies = reader.get_list("releaseprofile")
    except NotInSource:  # before Radarr 5 they were restrictions: the same terms, no name
        bodies = reader.get_list("restriction")
    for body in bodies:
        report.found += 1
        body = {**state.with_tags(body), "indexerId": state.indexers.get(body.get("indexerId") or 0, 0)}
        try:
            data = release_profile_input(body)
            existing = next(
                (
                    profile
                    for profile in profiles
                    if (profile.name == data.name if data.name else not profile.name)
                    and (data.name or (profile.required, profile.ignored) == (data.required, data.ignored))
                ),
                None,
            )
            saved = save_release_profile(data, existing)
        except ApiError as error:
            _refused(report, body, "Release profile", error)
            continue
        if existing is None:
            profiles.append(saved)
        report.updated += existing is not None
        report.imported += existing is None
