"""One function per Radarr download specification: None accepts, a Rejection says why not.

Reason codes are Radarr's DownloadRejectionReason names; messages are for people. The second stage
(queue, history, blocklist, already imported) reads what downloads passes in `context.downloads`; the
disk stage (free space) plugs in with the imports issue (#7).
"""

from dataclasses import dataclass
from datetime import timedelta

import regex

from releases.decisions.context import Candidate, Context, ExistingFile, GrabbedRelease
from releases.decisions.reputation import existing_format_score, title_release_group
from releases.languages import LANGUAGES_BY_ID
from releases.qualities import Revision
from releases.releaseinfo import IndexerFlag

MB = 1024 * 1024
SAMPLE_MAX_BYTES = 70 * MB
PROPER_WINDOW = timedelta(days=7)
_DISC_FOLDER = regex.compile(r"(?:dis[ck])\d|\b(?:BDMV|VIDEO_TS)\b", regex.IGNORECASE)
_RAW_CONTAINERS = {"vob": "Raw DVD release", "iso": "Raw DVD release", "m2ts": "Raw Bluray release"}
_SAMPLE = regex.compile(r"\bsample\b", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rejection:
    reason: str  # Radarr's DownloadRejectionReason name
    message: str
    permanent: bool = True  # temporary ones are kept as pending and tried again later


def _size(bytes_: float) -> str:
    return f"{bytes_ / (1024**3):.2f} GB" if bytes_ >= 1024**3 else f"{bytes_ / MB:.0f} MB"


# --- profile and parse stage --------------------------------------------------------------------


def quality_allowed_by_profile(candidate: Candidate, context: Context) -> Rejection | None:
    quality = candidate.quality.quality
    if candidate.profile.is_allowed(quality.id):
        return None
    return Rejection("QualityNotWanted", f"{quality.name} is not wanted in profile {candidate.profile.name}")


def acceptable_size(candidate: Candidate, context: Context) -> Rejection | None:
    """Size against the quality definition × runtime; an unknown runtime can't be judged."""
    limits = context.size_limits.get(candidate.quality.quality.id)
    size = candidate.release.size
    if limits is None or size <= 0 or (not limits.min_size and not limits.max_size):
        return None
    runtime = candidate.movie.runtime
    if runtime <= 0:
        message = f"{candidate.movie.title} has no runtime yet, so the size of this release can't be checked"
        return Rejection("UnknownRuntime", message)
    if limits.min_size and size < limits.min_size * MB * runtime:
        minimum = limits.min_size * MB * runtime
        return Rejection(
            "BelowMinimumSize", f"{_size(size)} is smaller than the minimum {_size(minimum)} ({runtime} min)"
        )
    if limits.max_size and size > limits.max_size * MB * runtime:
        maximum = limits.max_size * MB * runtime
        return Rejection(
            "AboveMaximumSize", f"{_size(size)} is larger than the maximum {_size(maximum)} ({runtime} min)"
        )
    return None


def maximum_size(candidate: Candidate, context: Context) -> Rejection | None:
    limit = context.settings.maximum_size_mb * MB
    if not limit or candidate.release.size <= limit:
        return None
    return Rejection(
        "MaximumSizeExceeded", f"{_size(candidate.release.size)} is over the maximum size of {_size(limit)}"
    )


def custom_format_allowed_by_profile(candidate: Candidate, context: Context) -> Rejection | None:
    minimum = candidate.profile.min_format_score
    if candidate.format_score >= minimum:
        return None
    formats = ", ".join(candidate.format_names) or "none"
    message = (
        f"Custom format score {candidate.format_score} ({formats}) is below the profile's minimum {minimum}"
    )
    return Rejection("CustomFormatMinimumScore", message)


def language(candidate: Candidate, context: Context) -> Rejection | None:
    """The profile's language must be among the release's (Original: the movie's; Any: anything)."""
    wanted = candidate.profile.language_id
    if wanted == -1:
        return None
    if wanted == -2:
        wanted = candidate.movie.original_language_id
    if wanted in candidate.languages:
        return None
    names = ", ".join(LANGUAGES_BY_ID[i].name for i in candidate.languages if i in LANGUAGES_BY_ID) or "none"
    wanted_name = LANGUAGES_BY_ID[wanted].name if wanted in LANGUAGES_BY_ID else str(wanted)
    return Rejection("WantedLanguage", f"Wanted {wanted_name}, but the release is in {names}")


def hardcoded_subs(candidate: Candidate, context: Context) -> Rejection | None:
    subs = candidate.parsed.hardcoded_subs
    if not subs or context.settings.allow_hardcoded_subs:
        return None
    allowed = {
        tag.strip().lower() for tag in context.settings.whitelisted_hardcoded_subs.split(",") if tag.strip()
    }
    if subs.lower() in allowed:
        return None
    return Rejection("HardcodeSubtitles", f"Hardcoded subtitles found: {subs}")


def not_sample(candidate: Candidate, context: Context) -> Rejection | None:
    release = candidate.release
    if _SAMPLE.search(release.title) and 0 < release.size < SAMPLE_MAX_BYTES:
        return Rejection("Sample", "Looks like a sample")
    return None


def raw_disk(candidate: Candidate, context: Context) -> Rejection | None:
    release = candidate.release
    if _DISC_FOLDER.search(release.title):
        return Rejection("Raw", "Raw Bluray/DVD disc structure")
    message = _RAW_CONTAINERS.get(release.container.lower())
    return Rejection("Raw", message) if message else None


def minimum_age(candidate: Candidate, context: Context) -> Rejection | None:
    """Usenet posts younger than the configured minimum age wait for propagation."""
    release, minimum = candidate.release, context.settings.minimum_age_minutes
    age = release.age_minutes(context.now)
    if release.protocol != "usenet" or not minimum or age >= minimum:
        return None
    return Rejection("MinimumAge", f"Only {age:.1f} minutes old, the minimum is {minimum}", permanent=False)


def retention(candidate: Candidate, context: Context) -> Rejection | None:
    release, days = candidate.release, context.settings.retention_days
    age_days = release.age_minutes(context.now) / 1440
    if release.protocol != "usenet" or not days or age_days <= days:
        return None
    return Rejection("MaximumAge", f"{age_days:.0f} days old, older than the retention of {days} days")


def protocol(candidate: Candidate, context: Context) -> Rejection | None:
    profile = context.delay_profile_for(candidate.movie)
    name = candidate.release.protocol
    if (name == "usenet" and not profile.enable_usenet) or (name == "torrent" and not profile.enable_torrent):
        return Rejection(
            "ProtocolDisabled", f"{name.capitalize()} is turned off in the delay profile for this movie"
        )
    return None


def blocked_indexer(candidate: Candidate, context: Context) -> Rejection | None:
    indexer = context.indexers.get(candidate.release.indexer_id)
    if indexer is None or indexer.blocked_until is None or indexer.blocked_until <= context.now:
        return None
    until = indexer.blocked_until.strftime("%Y-%m-%d %H:%M UTC")
    return Rejection(
        "IndexerDisabled", f"{indexer.name} is paused until {until} after failures", permanent=False
    )


def required_indexer_flags(candidate: Candidate, context: Context) -> Rejection | None:
    indexer = context.indexers.get(candidate.release.indexer_id)
    if indexer is None or not indexer.required_flags:
        return None
    missing = IndexerFlag(indexer.required_flags & ~candidate.release.indexer_flags)
    if not missing:
        return None
    names = ", ".join(flag.name or "" for flag in IndexerFlag if flag in missing)
    return Rejection("RequiredFlags", f"Missing flags the indexer requires: {names}")


def torrent_seeding(candidate: Candidate, context: Context) -> Rejection | None:
    release = candidate.release
    indexer = context.indexers.get(release.indexer_id)
    if release.protocol != "torrent" or release.seeders is None or indexer is None:
        return None
    if release.seeders >= indexer.minimum_seeders:
        return None
    return Rejection("MinimumSeeders", f"{release.seeders} seeders, the minimum is {indexer.minimum_seeders}")


def release_restrictions(candidate: Candidate, context: Context) -> Rejection | None:
    """Release profiles that apply (indexer and tags): a must-contain term missing or a must-not present."""
    title = candidate.release.title
    for profile in context.release_profiles:
        if profile.indexer_id and profile.indexer_id != candidate.release.indexer_id:
            continue
        if profile.tag_ids and not profile.tag_ids & candidate.movie.tag_ids:
            continue
        if profile.required and not any(term_matches(term, title) for term in profile.required):
            return Rejection(
                "MustContainMissing", f"Contains none of the required terms: {', '.join(profile.required)}"
            )
        present = [term for term in profile.ignored if term_matches(term, title)]
        if present:
            return Rejection("MustNotContainPresent", f"Contains ignored terms: {', '.join(present)}")
    return None


def term_matches(term: str, title: str) -> bool:
    """A `/regex/` term is a case-insensitive regular expression; any other term a plain substring."""
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return regex.search(term[1:-1], title, regex.IGNORECASE) is not None
    return term.lower() in title.lower()


# --- upgrade rules against the file the movie already has ---------------------------------------


def upgrade_rejection(
    candidate: Candidate, context: Context, prefix: str, existing: ExistingFile | None = None
) -> Rejection | None:
    """Radarr's upgradable arithmetic against the existing file (or a queued or grabbed release, passed
    as `existing`); `prefix` is Disk, Queue or History.

    In Radarr's order: cutoff met, better quality below the cutoff, worse quality, better or worse
    revision (unless propers are not preferred), then custom format score, cutoff and increment.
    """
    existing = existing or candidate.movie.file
    if existing is None:
        return None
    profile = candidate.profile
    current, new = existing.quality, candidate.quality
    current_rank, new_rank = profile.rank(current.quality.id), profile.rank(new.quality.id)
    current_score = existing_format_score(profile, existing, context)  # with its group's bonus
    revision_compare = _compare(_revision_key(new.revision), _revision_key(current.revision))
    revision_upgrade = current.quality == new.quality and revision_compare > 0
    quality_cutoff_not_met = current_rank < profile.cutoff_rank() or revision_upgrade
    format_cutoff_not_met = current_score < profile.cutoff_format_score
    if not quality_cutoff_not_met and not format_cutoff_not_met:
        return Rejection(f"{prefix}CutoffMet", f"The existing file ({current.quality.name}) meets the cutoff")
    if new_rank > current_rank and current_rank < profile.cutoff_rank():
        return None
    if new_rank < current_rank:
        return Rejection(
            f"{prefix}HigherPreference", f"The existing file ({current.quality.name}) is preferred"
        )
    prefers_propers = context.settings.download_propers_and_repacks != "doNotPrefer"
    if new_rank == current_rank and prefers_propers and revision_compare > 0:
        return None
    if prefers_propers and revision_compare < 0:
        return Rejection(
            f"{prefix}HigherRevision", "The existing file is a higher revision (proper or repack)"
        )
    if candidate.format_score <= current_score:
        message = (
            f"Custom format score {candidate.format_score} does not beat the existing file's {current_score}"
        )
        return Rejection(f"{prefix}CustomFormatScore", message)
    if not format_cutoff_not_met:
        return Rejection(f"{prefix}CustomFormatCutoffMet", "The existing file meets the custom format cutoff")
    if candidate.format_score < current_score + profile.min_upgrade_format_score:
        step = profile.min_upgrade_format_score
        message = (
            f"Score {candidate.format_score} is not at least {step} above the existing file's {current_score}"
        )
        return Rejection(f"{prefix}CustomFormatScoreIncrement", message)
    return None


def _revision_key(revision: Revision) -> tuple[int, int]:
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


# --- RSS only (skipped or relaxed when the user searched) ----------------------------------------


def _user_invoked(candidate: Candidate) -> bool:
    return candidate.search is not None and candidate.search.user_invoked


def monitored_movie(candidate: Candidate, context: Context) -> Rejection | None:
    search = candidate.search
    if search is not None and not search.monitored_movies_only:
        return None
    return None if candidate.movie.monitored else Rejection("MovieNotMonitored", "The movie is not monitored")


def availability(candidate: Candidate, context: Context) -> Rejection | None:
    if _user_invoked(candidate) or candidate.movie.is_available:
        return None
    return Rejection("Availability", f"{candidate.movie.title} is not available yet (minimum availability)")


def indexer_tag(candidate: Candidate, context: Context) -> Rejection | None:
    indexer = context.indexers.get(candidate.release.indexer_id)
    if indexer is None or not indexer.tag_ids or indexer.tag_ids & candidate.movie.tag_ids:
        return None
    return Rejection("NoMatchingTag", f"The movie has none of the tags of indexer {indexer.name}")


def proper(candidate: Candidate, context: Context) -> Rejection | None:
    existing = candidate.movie.file
    if _user_invoked(candidate) or existing is None or existing.quality.quality != candidate.quality.quality:
        return None
    if _revision_key(candidate.revision) <= _revision_key(existing.quality.revision):
        return None
    if context.settings.download_propers_and_repacks == "doNotUpgrade":
        return Rejection(
            "PropersDisabled", "Propers and repacks are not upgraded to (Settings → Media Management)"
        )
    if existing.date_added and existing.date_added < context.now - PROPER_WINDOW:
        return Rejection("ProperForOldFile", "A proper for a file imported more than 7 days ago")
    return None


def delay(candidate: Candidate, context: Context) -> Rejection | None:
    """Wait the delay profile's minutes for something better, unless a bypass applies."""
    if _user_invoked(candidate):
        return None
    profile = context.delay_profile_for(candidate.movie)
    release = candidate.release
    wait = profile.delay_for(release.protocol)
    if wait <= 0:
        return None
    preferred = release.protocol == profile.preferred_protocol
    existing = candidate.movie.file
    if (
        preferred
        and existing is not None
        and existing.quality.quality == candidate.quality.quality
        and _revision_key(candidate.revision) > _revision_key(existing.quality.revision)
    ):
        return None  # a proper of what we have needs no wait
    best = candidate.profile.rank(candidate.quality.quality.id) >= candidate.profile.best_allowed_rank()
    if preferred and best and profile.bypass_if_highest_quality:
        return None
    if (
        preferred
        and profile.bypass_if_above_custom_format_score
        and candidate.format_score >= profile.minimum_custom_format_score
    ):
        return None
    if context.oldest_pending_minutes.get(candidate.movie.id, 0) > wait:
        return None
    age = release.age_minutes(context.now)
    if age >= wait:
        return None
    return Rejection(
        "MinimumAgeDelay", f"Waiting {wait - age:.0f} more minutes for a better release", permanent=False
    )


# --- second stage: what is queued, grabbed, blocklisted or imported (facts from downloads) ---------


HISTORY_WINDOW = timedelta(hours=12)


def queue(candidate: Candidate, context: Context) -> Rejection | None:
    """Something already queued for the movie is as good or better (or upgrades are off)."""
    for queued in context.downloads.queued.get(candidate.movie.id, ()):
        if not candidate.profile.upgrade_allowed:
            message = f"{queued.title} is already queued and the profile does not allow upgrades"
            return Rejection("QueueUpgradesDisabled", message)
        queued_as_file = ExistingFile(queued.quality, queued.format_ids, title_release_group(queued.title))
        rejection = upgrade_rejection(candidate, context, "Queue", queued_as_file)
        if rejection is not None:
            return Rejection(rejection.reason, f"In the queue: {queued.title}. {rejection.message}")
    return None


def history(candidate: Candidate, context: Context) -> Rejection | None:
    """RSS only: the movie's latest grab (in the last 12 hours, when completed download handling is on)
    is as good or better, so this release would not improve on what is already on its way."""
    if candidate.search is not None:
        return None
    facts = context.downloads
    latest = next(iter(facts.grabs.get(candidate.movie.id, ())), None)
    if latest is None or latest.imported:
        return None
    if facts.completed_download_handling and latest.date < context.now - HISTORY_WINDOW:
        return None
    grabbed_as_file = ExistingFile(latest.quality, latest.format_ids, title_release_group(latest.title))
    rejection = upgrade_rejection(candidate, context, "History", grabbed_as_file)
    if rejection is None:
        return None
    return Rejection(rejection.reason, f"Recently grabbed: {latest.title}. {rejection.message}")


def _same_title(left: str, right: str) -> bool:
    return left.strip().lower() == right.strip().lower()


def blocklist(candidate: Candidate, context: Context) -> Rejection | None:
    """Blocklisted for this movie: the same torrent (info hash), the same indexer guid, or the same
    title from the same indexer published at the same time."""
    release = candidate.release
    info_hash = release.info_hash.upper()
    for blocked in context.downloads.blocklist.get(candidate.movie.id, ()):
        if info_hash and blocked.info_hash and info_hash == blocked.info_hash.upper():
            return Rejection("Blocklisted", f"This torrent (hash {info_hash}) is blocklisted")
        if release.guid and blocked.guid == release.guid:
            return Rejection("Blocklisted", "This release is blocklisted")
        if not _same_title(blocked.title, release.title) or blocked.protocol != release.protocol:
            continue
        if blocked.indexer and release.indexer and blocked.indexer != release.indexer:
            continue
        same_post = blocked.published_date is None or (
            abs((blocked.published_date - release.publish_date).total_seconds()) < 60
        )
        same_size = not blocked.size or not release.size or blocked.size == release.size
        if same_post and same_size:
            return Rejection("Blocklisted", "This release is blocklisted")
    return None


def _imported_match(candidate: Candidate, grab: GrabbedRelease) -> str | None:
    release = candidate.release
    if release.protocol == "torrent" and release.info_hash and grab.download_id:
        return "hash" if release.info_hash.upper() == grab.download_id.upper() else None
    return "title" if _same_title(grab.title, release.title) else None


def already_imported(candidate: Candidate, context: Context) -> Rejection | None:
    """With completed download handling on: this very release was grabbed and imported before."""
    if not context.downloads.completed_download_handling:
        return None
    for grab in context.downloads.grabs.get(candidate.movie.id, ()):
        if not grab.imported:
            continue
        match = _imported_match(candidate, grab)
        if match == "hash":
            return Rejection("AlreadyImportedSameHash", "The same torrent was grabbed and imported before")
        if match == "title":
            return Rejection(
                "AlreadyImportedSameName", "A release of this name was grabbed and imported before"
            )
    return None


# --- search only ---------------------------------------------------------------------------------


def wrong_movie(candidate: Candidate, context: Context) -> Rejection | None:
    search = candidate.search
    if search is None or search.movie_id == candidate.movie.id:
        return None
    return Rejection("WrongMovie", f"This release is for {candidate.movie.title}, not the movie searched for")
