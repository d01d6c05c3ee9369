"""Second-stage rules: what is already queued, grabbed, blocklisted or imported for the movie.

They read the facts downloads passes in `context.downloads`, so releases never imports that app. The
queue and grabs weighed are the decided version's own; the blocklist is the whole movie's.
"""

from datetime import timedelta

from releases.decisions.context import Candidate, Context, ExistingFile, GrabbedRelease
from releases.decisions.rejection import Rejection
from releases.decisions.reputation import title_release_group
from releases.decisions.upgrade_rules import upgrade_rejection

HISTORY_WINDOW = timedelta(hours=12)


def queue(candidate: Candidate, context: Context) -> Rejection | None:
    """Something already queued for the version is as good or better (or upgrades are off)."""
    for queued in context.downloads.queued_for(candidate.movie):
        if not candidate.profile.upgrade_allowed:
            message = f"{queued.title} is already queued and the profile does not allow upgrades"
            return Rejection("QueueUpgradesDisabled", message)
        queued_as_file = ExistingFile(queued.quality, queued.format_ids, title_release_group(queued.title))
        rejection = upgrade_rejection(candidate, context, "Queue", queued_as_file)
        if rejection is not None:
            return Rejection(rejection.reason, f"In the queue: {queued.title}. {rejection.message}")
    return None


def history(candidate: Candidate, context: Context) -> Rejection | None:
    """RSS only: the version's latest grab (in the last 12 hours, when completed download handling is on)
    is as good or better, so this release would not improve on what is already on its way."""
    if candidate.search is not None:
        return None
    facts = context.downloads
    latest = next(iter(facts.grabs_for(candidate.movie)), None)
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
    """With completed download handling on: this very release was grabbed and imported before (for
    the same version)."""
    if not context.downloads.completed_download_handling:
        return None
    for grab in context.downloads.grabs_for(candidate.movie):
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


def other_version(candidate: Candidate, context: Context) -> Rejection | None:
    """The same release was grabbed for another version of the movie: it is not downloaded twice (the
    two versions' files would be the same file)."""
    own = candidate.movie.version_key
    for grab in context.downloads.movie_grabs.get(candidate.movie.id, ()):
        if grab.version_key != own and _imported_match(candidate, grab) is not None:
            name = grab.version_name or "primary"
            return Rejection(
                "GrabbedForAnotherVersion",
                f"Already grabbed for the {name} version: one release is not downloaded for two versions",
            )
    return None
