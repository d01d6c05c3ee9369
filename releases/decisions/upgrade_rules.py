"""First-stage rules that weigh a release against the file the movie already has: Radarr's upgrade
arithmetic, shared with the queue and history rules, plus the upgrades-allowed and repack checks.
"""

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
    existing = existing or candidate.movie.file
    if existing is None:
        return None
    profile = candidate.profile
    current, new = existing.quality, candidate.quality
    current_rank, new_rank = profile.rank(current.quality.id), profile.rank(new.quality.id)
    current_score = existing_format_score(profile, existing, context)  # with its group's bonus
    revision_compare = _compare(revision_key(new.revision), revision_key(current.revision))
    revision_upgrade = current.quality == new.quality and revision_compare > 0
    quality_cutoff_not_met = profile.quality_cutoff_unmet(current.quality.id)
    if not profile.cutoff_unmet(current.quality.id, current_score) and not revision_upgrade:
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
