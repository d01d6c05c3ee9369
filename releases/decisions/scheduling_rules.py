"""First-stage rules about timing and monitoring: RSS holds back what a search the user started lets
through (monitored, available, tagged indexer, proper window, delay profile); one rule is search only.
"""

from datetime import timedelta

from releases.decisions.context import Candidate, Context
from releases.decisions.rejection import Rejection
from releases.decisions.upgrade_rules import revision_key

PROPER_WINDOW = timedelta(days=7)


def _user_invoked(candidate: Candidate) -> bool:
    return candidate.search is not None and candidate.search.user_invoked


def monitored_movie(candidate: Candidate, context: Context) -> Rejection | None:
    search = candidate.search
    if search is not None and not search.monitored_movies_only:
        return None
    if candidate.movie.monitored:
        return None
    name = candidate.movie.version_name
    return Rejection(
        "MovieNotMonitored", f"The {name} version is not monitored" if name else "The movie is not monitored"
    )


def availability(candidate: Candidate, context: Context) -> Rejection | None:
    if _user_invoked(candidate) or candidate.movie.is_available:
        return None
    name = candidate.movie.version_name
    what = f"{candidate.movie.title} ({name})" if name else candidate.movie.title
    return Rejection("Availability", f"{what} is not available yet (minimum availability)")


def indexer_tag(candidate: Candidate, context: Context) -> Rejection | None:
    indexer = context.indexers.get(candidate.release.indexer_id)
    if indexer is None or not indexer.tag_ids or indexer.tag_ids & candidate.movie.tag_ids:
        return None
    return Rejection("NoMatchingTag", f"The movie has none of the tags of indexer {indexer.name}")


def proper(candidate: Candidate, context: Context) -> Rejection | None:
    existing = candidate.movie.file
    if _user_invoked(candidate) or existing is None or existing.quality.quality != candidate.quality.quality:
        return None
    if revision_key(candidate.revision) <= revision_key(existing.quality.revision):
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
        and revision_key(candidate.revision) > revision_key(existing.quality.revision)
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
    if context.pending_minutes_for(candidate.movie) > wait:
        return None
    age = release.age_minutes(context.now)
    if age >= wait:
        return None
    return Rejection(
        "MinimumAgeDelay", f"Waiting {wait - age:.0f} more minutes for a better release", permanent=False
    )


# --- search only ---------------------------------------------------------------------------------


def wrong_movie(candidate: Candidate, context: Context) -> Rejection | None:
    search = candidate.search
    if search is None or search.movie_id == candidate.movie.id:
        return None
    return Rejection("WrongMovie", f"This release is for {candidate.movie.title}, not the movie searched for")
