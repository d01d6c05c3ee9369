"""Quality, delay and release profiles: Radarr's rules for each, and the one place they are saved."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import regex
from django.db import models, transaction

from radarr.api.errors import ApiError, Failure, ValidationFailed
from radarr.models import Tag
from releases import languages
from releases.customformats.editing import reevaluate_library
from releases.defaults import GROUP_ID_START
from releases.models import CustomFormat, DelayProfile, ProfileFormatScore, QualityProfile, ReleaseProfile
from releases.qualities import QUALITIES, QUALITIES_BY_ID

_FORMATS_MESSAGE = (
    "All Custom Formats and no extra ones need to be present inside your Profile! "
    "Try refreshing your browser."
)


class Keep(Enum):
    """An extension field the client left out: the stored value stays (Radarr's clients never send
    ours, and must not clear them by saving a profile)."""

    STORED = "stored"


KEEP = Keep.STORED


@dataclass(slots=True)
class QualityProfileInput:
    """A profile as a client or the editor describes it; items in the model's shape, lowest first."""

    name: str
    upgrade_allowed: bool
    cutoff: int
    items: list[dict[str, Any]]
    min_format_score: int = 0
    cutoff_format_score: int = 0
    min_upgrade_format_score: int = 1
    language_id: int = languages.ENGLISH.id
    format_scores: dict[int, int] = field(default_factory=dict)  # custom format id → score
    # our extension: None keeps what is stored (Radarr's clients never send it), 0 for a new profile
    scene_group_points: int | None = None
    # ours too: None is "no window" / "no cutoff format", KEEP what is stored (nothing on a new profile)
    upgrade_window_days: int | None | Keep = KEEP
    cutoff_format_id: int | None | Keep = KEEP


MAX_SCENE_GROUP_POINTS = 100
MAX_UPGRADE_WINDOW_DAYS = 36500  # a hundred years: anything longer is no window at all


def _item_failures(items: list[dict[str, Any]]) -> list[Failure]:
    """Radarr's item rules (QualityItemsValidator), plus ids it would not know."""
    if not items:
        return [Failure("items", "'Items' must not be empty.")]
    failures: list[Failure] = []

    def fail(message: str, value: Any = None) -> None:
        failures.append(Failure("items", message, value))

    groups = [item for item in items if "qualities" in item]
    if not any(item["allowed"] for item in items):
        fail("Must contain at least one allowed quality")
    if any(item.get("name") for item in items if "qualities" not in item):
        fail("Individual qualities should not be named")
    if any(len(group["qualities"]) <= 1 for group in groups):
        fail("Groups must contain multiple qualities")
    if any(not group["name"] for group in groups):
        fail("Groups must have a name")
    for group in groups:
        if group["id"] < GROUP_ID_START:
            fail(f"Group IDs must be {GROUP_ID_START} or more", group["id"])
    group_ids = [group["id"] for group in groups]
    if len(group_ids) != len(set(group_ids)):
        fail("Groups must have a unique ID")
    quality_ids = [q for item in items for q in item.get("qualities", [item.get("quality")])]
    for unknown in sorted({q for q in quality_ids if q not in QUALITIES_BY_ID}):
        fail(f"Unknown quality ID {unknown}", unknown)
    if len(quality_ids) != len(set(quality_ids)):
        fail("Qualities can only be used once")
    if {quality.id for quality in QUALITIES} - set(quality_ids):
        fail("Must contain all qualities")
    return failures


def _cutoff_allowed(items: list[dict[str, Any]], cutoff: int) -> bool:
    for item in items:
        if item.get("id" if "qualities" in item else "quality") == cutoff:
            return bool(item["allowed"])
    return False


def _score_failures(data: QualityProfileInput, format_ids: set[int]) -> list[Failure]:
    failures = []
    if set(data.format_scores) != format_ids:
        failures.append(Failure("formatItems", _FORMATS_MESSAGE))
    if data.min_upgrade_format_score < 1:
        failures.append(Failure("minUpgradeFormatScore", "Must be 1 or more", data.min_upgrade_format_score))
    scores = list(data.format_scores.values()) or [0]
    positive_sum = sum(score for score in scores if score > 0)
    if positive_sum < data.min_format_score and max(scores) < data.min_format_score:
        message = "Minimum Custom Format Score can never be satisfied"
        failures.append(Failure("minFormatScore", message, data.min_format_score))
    return failures


def quality_profile_failures(data: QualityProfileInput, profile_id: int | None = None) -> list[Failure]:
    """Every rule `data` breaks; `profile_id` is the profile being edited (its own name is no clash)."""
    failures = []
    if not data.name:
        failures.append(Failure("name", "'Name' must not be empty.", data.name))
    elif QualityProfile.objects.filter(name__iexact=data.name).exclude(pk=profile_id).exists():
        failures.append(Failure("name", f"A quality profile named '{data.name}' already exists", data.name))
    failures.extend(_item_failures(data.items))
    if not _cutoff_allowed(data.items, data.cutoff):
        failures.append(Failure("cutoff", "Cutoff must be an allowed quality or group", data.cutoff))
    if data.language_id not in languages.LANGUAGES_BY_ID:
        failures.append(Failure("language", f"Unknown language ID {data.language_id}", data.language_id))
    format_ids = set(CustomFormat.objects.values_list("pk", flat=True))
    failures.extend(_score_failures(data, format_ids))
    points = data.scene_group_points
    if points is not None and not 0 <= points <= MAX_SCENE_GROUP_POINTS:
        message = f"Must be between 0 and {MAX_SCENE_GROUP_POINTS}"
        failures.append(Failure("sceneGroupReputationPoints", message, points))
    failures.extend(_upgrade_stop_failures(data))
    return failures


def _upgrade_stop_failures(data: QualityProfileInput) -> list[Failure]:
    failures = []
    days = data.upgrade_window_days
    if isinstance(days, int) and not 0 <= days <= MAX_UPGRADE_WINDOW_DAYS:
        message = f"Must be between 0 and {MAX_UPGRADE_WINDOW_DAYS} days, or null for no window"
        failures.append(Failure("upgradeWindowDays", message, days))
    format_id = data.cutoff_format_id
    if isinstance(format_id, int) and not CustomFormat.objects.filter(pk=format_id).exists():
        failures.append(
            Failure("cutoffFormatId", f"Custom format with ID {format_id} does not exist", format_id)
        )
    return failures


def _clean_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored form: a quality is {quality, allowed}; a group {id, name, allowed, qualities}."""
    return [
        {"id": item["id"], "name": item["name"], "allowed": item["allowed"], "qualities": item["qualities"]}
        if "qualities" in item
        else {"quality": item["quality"], "allowed": item["allowed"]}
        for item in items
    ]


def save_quality_profile(data: QualityProfileInput, profile: QualityProfile | None = None) -> QualityProfile:
    """Create (profile None) or replace a profile and its format scores; ValidationFailed on any rule."""
    failures = quality_profile_failures(data, profile.pk if profile else None)
    if failures:
        raise ValidationFailed(failures)
    profile = profile or QualityProfile()
    profile.name = data.name
    profile.upgrade_allowed = data.upgrade_allowed
    profile.cutoff = data.cutoff
    profile.items = _clean_items(data.items)
    profile.min_format_score = data.min_format_score
    profile.cutoff_format_score = data.cutoff_format_score
    profile.min_upgrade_format_score = data.min_upgrade_format_score
    profile.language_id = data.language_id
    if data.scene_group_points is not None:
        profile.scene_group_points = data.scene_group_points
    if data.upgrade_window_days is not KEEP:
        profile.upgrade_window_days = data.upgrade_window_days
    if data.cutoff_format_id is not KEEP:
        profile.cutoff_format_id = data.cutoff_format_id
    with transaction.atomic():
        profile.save()
        _save_scores(profile, data.format_scores)
        reevaluate_library()
    return QualityProfile.objects.for_resource().get(pk=profile.pk)


def _save_scores(profile: QualityProfile, scores: Mapping[int, int]) -> None:
    rows = [ProfileFormatScore(profile=profile, custom_format_id=fid, score=s) for fid, s in scores.items()]
    ProfileFormatScore.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["profile", "custom_format"],
        update_fields=["score"],
    )


def profile_users() -> list[models.ForeignObjectRel]:
    """The relations by which rows of other apps (movies, collections...) point at a quality profile.

    Read from the relations themselves: those apps sit to the right of releases, which may not name
    them. A profile's own rows (its format scores) go with it. Rows that cannot exist without a profile
    (PROTECT: movies) come first, so the reason names them before those that would lose it.
    """
    relations = [
        relation
        for relation in QualityProfile._meta.related_objects
        if relation.related_model._meta.app_label != QualityProfile._meta.app_label
    ]
    return sorted(relations, key=lambda relation: relation.on_delete is not models.PROTECT)


def profile_in_use_reason(profile: QualityProfile) -> str | None:
    """Why the profile cannot be deleted (Radarr refuses while anything uses it), or None."""
    for relation in profile_users():
        model = relation.related_model
        count = model.objects.filter(**{relation.field.name: profile}).count()
        if count:
            noun = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            return f"Quality profile '{profile.name}' is in use by {count} {noun}"
    return None


def delete_quality_profile(profile: QualityProfile) -> None:
    reason = profile_in_use_reason(profile)
    if reason:
        raise ApiError(400, reason)
    profile.delete()


# ---- delay profiles

DEFAULT_DELAY_ORDER = 2147483647  # Radarr's int.MaxValue: the default profile sorts after every tagged one


@dataclass(slots=True)
class DelayProfileInput:
    enable_usenet: bool = True
    enable_torrent: bool = True
    preferred_protocol: str = "usenet"
    usenet_delay: int = 0  # minutes
    torrent_delay: int = 0  # minutes
    bypass_if_highest_quality: bool = False
    bypass_if_above_custom_format_score: bool = False
    minimum_custom_format_score: int = 0
    tags: list[int] = field(default_factory=list)


def ensure_default_delay_profile() -> DelayProfile:
    """The untagged profile that applies when no other matches; Radarr always has one."""
    profile = DelayProfile.objects.filter(order=DEFAULT_DELAY_ORDER).first()
    return profile or DelayProfile.objects.create(order=DEFAULT_DELAY_ORDER)


def is_default_delay_profile(profile: DelayProfile) -> bool:
    return profile.order == DEFAULT_DELAY_ORDER


def _tag_failures(tag_ids: Iterable[int]) -> list[Failure]:
    wanted = set(tag_ids)
    known = set(Tag.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return [Failure("tags", f"Tag with ID {tag} does not exist", tag) for tag in sorted(wanted - known)]


def delay_profile_failures(data: DelayProfileInput, is_default: bool) -> list[Failure]:
    failures = []
    if is_default and data.tags:
        failures.append(Failure("tags", "The default delay profile applies to every movie and takes no tags"))
    elif not is_default and not data.tags:
        failures.append(Failure("tags", "'Tags' must not be empty."))
    failures.extend(_tag_failures(data.tags))
    for name, delay in (("usenetDelay", data.usenet_delay), ("torrentDelay", data.torrent_delay)):
        if delay < 0:
            failures.append(Failure(name, "Must be 0 or more", delay))
    if not data.enable_usenet and not data.enable_torrent:
        failures.append(Failure("enableUsenet", "Either Usenet or Torrent should be enabled"))
    if data.preferred_protocol not in ("usenet", "torrent"):
        failures.append(Failure("preferredProtocol", "Must be usenet or torrent", data.preferred_protocol))
    return failures


def save_delay_profile(data: DelayProfileInput, profile: DelayProfile | None = None) -> DelayProfile:
    """Create (added just before the default) or replace a delay profile; the order is kept on edit."""
    is_default = profile is not None and is_default_delay_profile(profile)
    failures = delay_profile_failures(data, is_default)
    if failures:
        raise ValidationFailed(failures)
    with transaction.atomic():
        if profile is None:
            ensure_default_delay_profile()
            profile = DelayProfile(order=DelayProfile.objects.exclude(order=DEFAULT_DELAY_ORDER).count() + 1)
        for name in DelayProfileInput.__dataclass_fields__:
            if name != "tags":
                setattr(profile, name, getattr(data, name))
        profile.save()
        profile.tags.set(data.tags)
    return profile


def _renumber(profiles: list[DelayProfile]) -> None:
    for position, profile in enumerate(profiles, start=1):
        profile.order = position
    DelayProfile.objects.bulk_update(profiles, ["order"])


def delete_delay_profile(profile: DelayProfile) -> None:
    if is_default_delay_profile(profile):
        raise ApiError(405, "Cannot delete global delay profile")
    with transaction.atomic():
        profile.delete()
        _renumber(list(DelayProfile.objects.exclude(order=DEFAULT_DELAY_ORDER).order_by("order", "pk")))


def reorder_delay_profile(profile_id: int, after_id: int | None) -> list[DelayProfile]:
    """Move a profile to just after another (to the top when `after_id` is None); the default stays last."""
    ensure_default_delay_profile()
    with transaction.atomic():
        ordered = list(DelayProfile.objects.exclude(order=DEFAULT_DELAY_ORDER).order_by("order", "pk"))
        moving = next((profile for profile in ordered if profile.pk == profile_id), None)
        if moving is not None:
            ordered.remove(moving)
            position = next((n + 1 for n, profile in enumerate(ordered) if profile.pk == after_id), 0)
            ordered.insert(position, moving)
            _renumber(ordered)
    return list(DelayProfile.objects.prefetch_related("tags").order_by("order", "pk"))


# ---- release profiles

_REGEX_TERM = regex.compile(r"^/(?P<pattern>.+)/(?P<flags>[a-z]*)$")
_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE}


@dataclass(slots=True)
class ReleaseProfileInput:
    name: str = ""
    enabled: bool = True
    required: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    indexer_id: int = 0
    tags: list[int] = field(default_factory=list)


def parse_terms(raw: Any, where: str) -> list[str]:
    """Terms as a list; older clients send one comma-separated string."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list) or not all(isinstance(term, str) for term in raw):
        raise ValidationFailed([Failure(where, "Must be a list of terms", raw)])
    return [term.strip() for term in raw if term.strip()]


def compile_term(term: str) -> regex.Pattern[str] | None:
    """A `/pattern/flags` term as a regex (flags i, m, s, x); None for a plain term. Raises regex.error."""
    match = _REGEX_TERM.match(term)
    if match is None:
        return None
    flags = 0
    for letter in match["flags"]:
        if letter not in _FLAGS:
            raise regex.error(f"unsupported modifier '{letter}'")
        flags |= _FLAGS[letter]
    return regex.compile(match["pattern"], flags)


def _term_failures(terms: list[str], where: str) -> list[Failure]:
    failures = []
    for term in terms:
        try:
            compile_term(term)
        except regex.error as error:
            failures.append(Failure(where, f"Invalid regular expression {term}: {error}", term))
    return failures


def release_profile_failures(data: ReleaseProfileInput) -> list[Failure]:
    failures = []
    if not data.required and not data.ignored:
        failures.append(Failure("required", "'Must contain' or 'Must not contain' is required"))
    failures.extend(_term_failures(data.required, "required"))
    failures.extend(_term_failures(data.ignored, "ignored"))
    if data.indexer_id < 0:
        failures.append(Failure("indexerId", "Must be 0 or more", data.indexer_id))
    failures.extend(_tag_failures(data.tags))
    return failures


def save_release_profile(data: ReleaseProfileInput, profile: ReleaseProfile | None = None) -> ReleaseProfile:
    failures = release_profile_failures(data)
    if failures:
        raise ValidationFailed(failures)
    profile = profile or ReleaseProfile()
    profile.name = data.name
    profile.enabled = data.enabled
    profile.required = data.required
    profile.ignored = data.ignored
    profile.indexer_id = data.indexer_id
    with transaction.atomic():
        profile.save()
        profile.tags.set(data.tags)
    return profile
