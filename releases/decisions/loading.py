"""Load what decisions read from the database once per batch (a handful of queries, whatever the count)."""

from datetime import datetime

from django.utils import timezone

from releases.customformats.matching import compile_formats
from releases.decisions.context import (
    Context,
    DecisionSettings,
    DelayProfileFacts,
    IndexerFacts,
    ProfileFacts,
    ReleaseProfileFacts,
    SizeLimits,
)
from releases.models import CustomFormat, DelayProfile, QualityDefinition, QualityProfile, ReleaseProfile
from releases.profiles import KEEP, QualityProfileInput
from scenegroups.reputation import reputations_for


def profile_facts(profile: QualityProfile) -> ProfileFacts:
    return ProfileFacts(
        id=profile.pk,
        name=profile.name,
        upgrade_allowed=profile.upgrade_allowed,
        cutoff=profile.cutoff,
        items=tuple(profile.items),
        min_format_score=profile.min_format_score,
        cutoff_format_score=profile.cutoff_format_score,
        min_upgrade_format_score=profile.min_upgrade_format_score,
        language_id=profile.language_id,
        format_scores={row.custom_format_id: row.score for row in profile.format_scores.all()},
        scene_group_points=profile.scene_group_points,
        upgrade_window_days=profile.upgrade_window_days,
        cutoff_format_id=profile.cutoff_format_id,
        cutoff_format_name=profile.cutoff_format.name if profile.cutoff_format_id else "",
    )


def unsaved_profile_facts(data: QualityProfileInput, profile: QualityProfile) -> ProfileFacts:
    """`profile` as it would be once `data` is saved (what an editor's preview weighs)."""
    window = profile.upgrade_window_days if data.upgrade_window_days is KEEP else data.upgrade_window_days
    format_id = profile.cutoff_format_id if data.cutoff_format_id is KEEP else data.cutoff_format_id
    format_name = ""
    if format_id is not None:
        format_name = CustomFormat.objects.filter(pk=format_id).values_list("name", flat=True).first() or ""
    points = profile.scene_group_points if data.scene_group_points is None else data.scene_group_points
    return ProfileFacts(
        id=profile.pk,
        name=data.name,
        upgrade_allowed=data.upgrade_allowed,
        cutoff=data.cutoff,
        items=tuple(data.items),
        min_format_score=data.min_format_score,
        cutoff_format_score=data.cutoff_format_score,
        min_upgrade_format_score=data.min_upgrade_format_score,
        language_id=data.language_id,
        format_scores=dict(data.format_scores),
        scene_group_points=points,
        upgrade_window_days=window,
        cutoff_format_id=format_id,
        cutoff_format_name=format_name,
    )


def load_context(
    *,
    indexers: dict[int, IndexerFacts] | None = None,
    settings: DecisionSettings | None = None,
    oldest_pending_minutes: dict[int, float] | None = None,
    now: datetime | None = None,
) -> Context:
    """The releases side of a decision batch; indexers and downloads add their facts as arguments."""
    delay_profiles = [
        DelayProfileFacts(
            enable_usenet=row.enable_usenet,
            enable_torrent=row.enable_torrent,
            preferred_protocol=row.preferred_protocol,
            usenet_delay=row.usenet_delay,
            torrent_delay=row.torrent_delay,
            bypass_if_highest_quality=row.bypass_if_highest_quality,
            bypass_if_above_custom_format_score=row.bypass_if_above_custom_format_score,
            minimum_custom_format_score=row.minimum_custom_format_score,
            tag_ids=frozenset(tag.pk for tag in row.tags.all()),
        )
        for row in DelayProfile.objects.prefetch_related("tags").order_by("order")
    ]
    release_profiles = [
        ReleaseProfileFacts(
            name=row.name,
            required=tuple(row.required),
            ignored=tuple(row.ignored),
            indexer_id=row.indexer_id,
            tag_ids=frozenset(tag.pk for tag in row.tags.all()),
        )
        for row in ReleaseProfile.objects.filter(enabled=True).prefetch_related("tags")
    ]
    return Context(
        profiles={profile.pk: profile_facts(profile) for profile in QualityProfile.objects.for_resource()},
        size_limits={
            row.quality_id: SizeLimits(row.min_size, row.preferred_size, row.max_size)
            for row in QualityDefinition.objects.all()
        },
        formats=compile_formats(CustomFormat.objects.all()),
        now=now or timezone.now(),
        delay_profiles=delay_profiles,
        release_profiles=release_profiles,
        indexers=indexers or {},
        settings=settings or DecisionSettings(),
        oldest_pending_minutes=oldest_pending_minutes or {},
        reputation_source=reputations_for,  # read per batch by the engine, once for all its groups
    )
