"""First-stage rules about the release itself: the quality profile, sizes, languages, what the title
says, and the indexer it came from. They run for every release, whatever asked for it.
"""

import regex

from releases.decisions.context import Candidate, Context
from releases.decisions.rejection import Rejection
from releases.languages import LANGUAGES_BY_ID
from releases.releaseinfo import IndexerFlag

MB = 1024 * 1024
SAMPLE_MAX_BYTES = 70 * MB
_DISC_FOLDER = regex.compile(r"(?:dis[ck])\d|\b(?:BDMV|VIDEO_TS)\b", regex.IGNORECASE)
_RAW_CONTAINERS = {"vob": "Raw DVD release", "iso": "Raw DVD release", "m2ts": "Raw Bluray release"}
SAMPLE_NAME = regex.compile(r"\bsample\b", regex.IGNORECASE)


def _size(bytes_: float) -> str:
    return f"{bytes_ / (1024**3):.2f} GB" if bytes_ >= 1024**3 else f"{bytes_ / MB:.0f} MB"


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
    if SAMPLE_NAME.search(release.title) and 0 < release.size < SAMPLE_MAX_BYTES:
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
