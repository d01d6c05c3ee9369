"""First-stage rules that weigh a release against the file the movie already has: Radarr's upgrade
arithmetic, shared with the queue and history rules, plus the upgrades-allowed and repack checks.
"""

from django.utils import timezone

from releases.decisions.context import Candidate, Context, ExistingFile
from releases.decisions.rejection import Rejection
from releases.decisions.reputation import existing_format_score
from releases.qualities import Revision


def upgrade_rejection(
    candidate: Candidate, context: Context, prefix: str, existing: ExistingFile | None = None
) -> Rejection | None:
    """Radarr's upgradable arithmetic against the existing file (or a queued or grabbed release, passed
    as `existing`); `prefix` is Disk, Queue or History.

    In Radarr's order: cutoff met, better quality below the cutoff, worse quality, better revision
    (unless propers are not preferred), upgrades not allowed by the profile, worse revision, then custom
    format score, cutoff and increment.
    """
    on_disk = existing is None  # the upgrade window counts for the movie's file, not for downloads
    existing = existing or candidate.movie.file
    if existing is None:
        return None
    profile = candidate.profile
    today = timezone.localdate(context.now)
    first_imported = candidate.movie.first_imported if on_disk else None
    if profile.upgrade_window_ended(first_imported, today):
        return window_rejection(candidate)
    current, new = existing.quality, candidate.quality
    current_rank, new_rank = profile.rank(current.quality.id), profile.rank(new.quality.id)
    current_score = existing_format_score(profile, existing, context)  # with its group's bonus
    revision_compare = _compare(revision_key(new.revision), revision_key(current.revision))
    revision_upgrade = current.quality == new.quality and revision_compare > 0
    quality_cutoff_not_met = profile.quality_cutoff_unmet(current.quality.id)
    unmet = profile.cutoff_unmet(
        current.quality.id,
        current_score,
        format_ids=existing.format_ids,
        first_imported=first_imported,
        today=today,
    )
    if not unmet and not revision_upgrade:
        if profile.has_cutoff_format(existing.format_ids):
            what = _EXISTING.get(prefix, "The existing file")
            message = (
                f"{what} has {profile.cutoff_format_name}: "
                f"quality profile {profile.name} upgrades until a file has that custom format"
            )
            return Rejection(f"{prefix}CutoffFormatMet", message)
        return Rejection(f"{prefix}CutoffMet", f"The existing file ({current.quality.name}) meets the cutoff")
    if new_rank > current_rank and quality_cutoff_not_met:
        return None
    if new_rank < current_rank:
        return Rejection(
            f"{prefix}HigherPreference", f"The existing file ({current.quality.name}) is preferred"
        )
    prefers_propers = context.settings.download_propers_and_repacks != "doNotPrefer"
    if new_rank == current_rank and prefers_propers and revision_compare > 0:
        return None
    if not profile.upgrade_allowed:  # past the quality and revision checks nothing else may upgrade
        message = f"Quality profile {profile.name} does not allow upgrades"
        return Rejection(f"{prefix}UpgradesNotAllowed", message)
    if prefers_propers and revision_compare < 0:
        return Rejection(
            f"{prefix}HigherRevision", "The existing file is a higher revision (proper or repack)"
        )
    if candidate.format_score <= current_score:
        message = (
            f"Custom format score {candidate.format_score} does not beat the existing file's {current_score}"
        )
        return Rejection(f"{prefix}CustomFormatScore", message)
    if current_score >= profile.format_cutoff():
        return Rejection(f"{prefix}CustomFormatCutoffMet", "The existing file meets the custom format cutoff")
    if candidate.format_score < current_score + profile.min_upgrade_format_score:
        step = profile.min_upgrade_format_score
        message = (
            f"Score {candidate.format_score} is not at least {step} above the existing file's {current_score}"
        )
        return Rejection(f"{prefix}CustomFormatScoreIncrement", message)
    return None


_EXISTING = {"Queue": "It", "History": "It"}  # the queue and history rules name the release first


def window_rejection(candidate: Candidate) -> Rejection:
    """Upgrades stopped: the profile's window since the movie's first import has ended."""
    profile, first_imported = candidate.profile, candidate.movie.first_imported
    end = profile.upgrade_window_end(first_imported)
    message = (
        f"Quality profile {profile.name} upgrades for {profile.upgrade_window_days} days after the first "
        f"import ({timezone.localdate(first_imported).isoformat()}): upgrades stopped after {end.isoformat()}"
    )
    return Rejection("UpgradeWindowEnded", message)


def revision_key(revision: Revision) -> tuple[int, int]:
    return (revision.version, revision.real)


def _compare(left: tuple[int, int], right: tuple[int, int]) -> int:
    return (left > right) - (left < right)


def upgrade_disk(candidate: Candidate, context: Context) -> Rejection | None:
    return upgrade_rejection(candidate, context, "Disk")


def upgrade_allowed(candidate: Candidate, context: Context) -> Rejection | None:
    existing, profile = candidate.movie.file, candidate.profile
    if existing is None or profile.upgrade_allowed:
        return None
    better_quality = profile.rank(candidate.quality.quality.id) > profile.rank(existing.quality.quality.id)
    better_score = candidate.format_score > existing_format_score(profile, existing, context)
    if better_quality or better_score:
        return Rejection("QualityUpgradesDisabled", f"Quality profile {profile.name} does not allow upgrades")
    return None


def repack(candidate: Candidate, context: Context) -> Rejection | None:
    """A repack only replaces a file of the same quality from the same release group."""
    existing = candidate.movie.file
    if (
        not candidate.revision.is_repack
        or existing is None
        or existing.quality.quality != candidate.quality.quality
    ):
        return None
    if context.settings.download_propers_and_repacks == "doNotUpgrade":
        return Rejection("RepackDisabled", "Repacks are not upgraded to (Settings → Media Management)")
    if not existing.release_group:
        return Rejection("RepackUnknownReleaseGroup", "The existing file's release group is unknown")
    group = candidate.parsed.release_group
    if not group:
        return Rejection("RepackUnknownReleaseGroup", "This release's group is unknown")
    if group.lower() != existing.release_group.lower():
        message = f"A repack by {group} for a file by {existing.release_group}"
        return Rejection("RepackReleaseGroupDoesNotMatch", message)
    return None
