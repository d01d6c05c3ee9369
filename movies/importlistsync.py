"""The import list sync (Radarr's ImportListSync): fetch the lists that are due, remember what they
name, add the new movies with each list's options and, when every list answered, clean the library
as config/importlist says.

Safety first: a list that fails or answers nothing keeps its remembered movies and makes the sync
skip the cleaning, so an outage never unmonitors or removes anything. Excluded movies are never added.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from movies import adding, tmdb
from movies.deleting import delete_movie
from movies.importlists import IMPLEMENTATIONS, ListMovie
from movies.models import ImportExclusion, ImportList, ImportListConfig, ImportListItem, ListSyncLevel, Movie
from movies.versions import apply_templates
from radarr.api.errors import ValidationFailed
from radarr.providers import ProviderError, record_failure, record_success

logger = logging.getLogger(__name__)


@dataclass
class SyncOutcome:
    synced: list[str] = field(default_factory=list)  # lists fetched (and answering something)
    failed: list[str] = field(default_factory=list)  # lists that failed, were backed off or answered nothing
    added: list[int] = field(default_factory=list)  # movie ids
    cleaned: list[int] = field(default_factory=list)  # movie ids unmonitored or removed


def is_due(row: ImportList, now: datetime) -> bool:
    """Whether the list's minimum refresh interval has passed since its last good fetch."""
    cls = IMPLEMENTATIONS.get(row.implementation)
    if cls is None:
        return False
    return row.last_sync is None or now - row.last_sync >= cls.min_refresh_interval


def _tmdb_ids(movies: list[ListMovie]) -> dict[int, ListMovie]:
    """The list's movies by TMDB id; one known only by IMDb id is looked up with TMDB's find."""
    found: dict[int, ListMovie] = {}
    for movie in movies:
        tmdb_id = movie.tmdb_id
        if tmdb_id <= 0 and movie.imdb_id:
            try:
                tmdb_id = tmdb.find_tmdb_id(movie.imdb_id) or 0
            except tmdb.TmdbError as error:
                logger.warning("Could not map %s (%s) to TMDB: %s", movie.title, movie.imdb_id, error.message)
        if tmdb_id > 0:
            found.setdefault(tmdb_id, movie)
    return found


def _remember(row: ImportList, movies: dict[int, ListMovie]) -> None:
    with transaction.atomic():
        ImportListItem.objects.filter(import_list=row).delete()
        ImportListItem.objects.bulk_create(
            ImportListItem(
                import_list=row,
                tmdb_id=tmdb_id,
                imdb_id=movie.imdb_id[:20],
                title=movie.title[:500],
                year=movie.year,
            )
            for tmdb_id, movie in movies.items()
        )
        row.last_sync = timezone.now()
        row.save(update_fields=["last_sync"])


def fetch_list(row: ImportList) -> dict[int, ListMovie] | None:
    """Fetch one list and remember its movies; None when it failed or answered nothing (kept as before)."""
    cls = IMPLEMENTATIONS[row.implementation]
    try:
        movies = _tmdb_ids(cls(row).fetch())
    except ProviderError as error:
        logger.warning("Import list %s failed: %s", row.name, error.message)
        record_failure(row, error)
        return None
    except Exception as error:  # noqa: BLE001 - one broken list must not stop the others
        logger.exception("Import list %s failed unexpectedly", row.name)
        record_failure(row, ProviderError(str(error)))
        return None
    record_success(row)
    if not movies:
        logger.info("Import list %s named no movies: its remembered movies are kept", row.name)
        row.last_sync = timezone.now()  # it answered: the next fetch waits for its interval
        row.save(update_fields=["last_sync"])
        return None
    _remember(row, movies)
    return movies


def movies_to_add(movies: dict[int, ListMovie]) -> list[tuple[int, ListMovie]]:
    """The list's movies neither in the library nor excluded: two queries whatever the list's size."""
    ids = list(movies)
    skip = set(Movie.objects.filter(tmdb_id__in=ids).values_list("tmdb_id", flat=True))
    skip |= set(ImportExclusion.objects.filter(tmdb_id__in=ids).values_list("tmdb_id", flat=True))
    return [(tmdb_id, movie) for tmdb_id, movie in movies.items() if tmdb_id not in skip]


def _add_new(row: ImportList, movies: dict[int, ListMovie], outcome: SyncOutcome) -> None:
    """Add the list's movies that are neither in the library nor excluded, with the list's options."""
    new = movies_to_add(movies)
    if not new:
        return
    tag_ids = [tag.pk for tag in row.tags.all()]
    for tmdb_id, movie in new:
        try:
            added = adding.add_movie_by_tmdb_id(
                tmdb_id,
                quality_profile_id=row.quality_profile_id,
                root_folder_path=row.root_folder_path,
                monitored=row.monitor != "none",
                minimum_availability=row.minimum_availability,
                tag_ids=tag_ids,
                monitor=row.monitor,
                search_for_movie=row.search_on_add,
                add_method="list",
            )
        except ValidationFailed as error:
            reason = "; ".join(failure.message for failure in error.failures)
            logger.warning("Could not add %s from list %s: %s", movie.title or tmdb_id, row.name, reason)
            continue
        except tmdb.TmdbError as error:
            reason = error.message
            logger.warning("Could not add %s from list %s: %s", movie.title or tmdb_id, row.name, reason)
            continue
        outcome.added.append(added.pk)


def _add_versions(row: ImportList, movies: dict[int, ListMovie]) -> None:
    """The list's version templates (ours) for every listed movie in the library, added now or before:
    a "4K list" gives its movies a 4K version as another Radarr synced by a list would hold them."""
    if row.version_template_ids:
        listed = Movie.objects.filter(tmdb_id__in=list(movies)).values_list("pk", flat=True)
        for outcome in apply_templates(listed, row.version_template_ids):
            for reason in outcome.refused or ():
                logger.warning("List %s: no version added: %s", row.name, reason)


def _not_listed(tag: int) -> tuple[QuerySet[Movie], QuerySet[Movie]]:
    """The movies a list added that no enabled list names any more: (those the cleaning touches, those
    the sync tag protects). Movies added by hand, from a collection or by a library import are never
    touched (Radarr's clean library takes every movie; users lost hand-added ones to it)."""
    listed = ImportListItem.objects.filter(import_list__enabled=True).values("tmdb_id")
    stale = Movie.objects.filter(add_options__addMethod="list").exclude(tmdb_id__in=listed)
    if not tag:
        return stale, Movie.objects.none()
    return stale.exclude(tags__pk=tag), stale.filter(tags__pk=tag)


def clean_library(outcome: SyncOutcome) -> None:
    """Radarr's clean library levels for movies no enabled list names any more (the sync tag protects)."""
    config = ImportListConfig.load()
    level = config.list_sync_level
    if level == ListSyncLevel.DISABLED:
        return
    stale, _ = _not_listed(config.list_sync_tag)
    if level == ListSyncLevel.KEEP_AND_UNMONITOR:
        stale = stale.filter(monitored=True)
        unmonitored = []
        for movie in stale.order_by("pk").only("pk", "title", "year"):
            logger.info("%s is on no import list: unmonitored", movie)
            unmonitored.append(movie.pk)
        Movie.objects.filter(pk__in=unmonitored).update(monitored=False)  # one query, not one per movie
        outcome.cleaned += unmonitored
        return
    for movie in stale.order_by("pk"):
        if level == ListSyncLevel.LOG_ONLY:
            logger.info("%s is on no import list: it would be cleaned (log only)", movie)
            continue
        delete_files = level == ListSyncLevel.REMOVE_AND_DELETE
        files = " with its files" if delete_files else ""
        logger.info("%s is on no import list: removed%s", movie, files)
        try:
            delete_movie(movie, delete_files=delete_files)
        except Exception:  # noqa: BLE001 - a refused folder keeps that movie; the others go on
            logger.exception("Could not remove %s", movie)
            continue
        outcome.cleaned.append(movie.pk)


# what a level does to a movie no list names, as the preview says it
_LEVEL_ACTIONS = {
    ListSyncLevel.LOG_ONLY: "logged only",
    ListSyncLevel.KEEP_AND_UNMONITOR: "unmonitored",
    ListSyncLevel.REMOVE_AND_KEEP: "removed (files kept)",
    ListSyncLevel.REMOVE_AND_DELETE: "removed with its files (recycle bin)",
}
PROTECTED_REASON = "protected by the list sync tag"
UNMONITORED_REASON = "already unmonitored"


@dataclass
class PreviewMovie:
    id: int
    title: str
    year: int
    action: str  # what the level would do, or "skipped"
    reason: str


@dataclass
class CleanPreview:
    """What clean library would do now, decided as the sync decides, without doing it."""

    level: str
    blocked: str = ""  # why the sync would not clean now (a list failed, no list...); empty: it would
    affected: list[PreviewMovie] = field(default_factory=list)
    skipped: list[PreviewMovie] = field(default_factory=list)

    def as_resource(self) -> dict[str, object]:
        def rows(movies: list[PreviewMovie]) -> list[dict[str, object]]:
            return [
                {"movieId": m.id, "title": m.title, "year": m.year, "action": m.action, "reason": m.reason}
                for m in movies
            ]

        return {
            "listSyncLevel": self.level,
            "wouldAct": not self.blocked and self.level != ListSyncLevel.DISABLED,
            "blockedReason": self.blocked,
            "movies": rows(self.affected),
            "skipped": rows(self.skipped),
        }


def _preview_blocked(now: datetime) -> str:
    """Why the sync would skip the cleaning if it ran now: an enabled list failing, backed off, never
    answered or of an unknown kind (the sync cleans only when every enabled list answered)."""
    rows = list(ImportList.objects.filter(enabled=True).order_by("list_order", "pk"))
    if not rows:
        return "No import list is enabled: nothing would be cleaned."
    failing = [
        row.name
        for row in rows
        if row.implementation not in IMPLEMENTATIONS
        or row.escalation_level
        or row.is_backed_off(now)
        or row.last_sync is None
    ]
    if failing:
        return (
            f"Not cleaning: these lists failed or have not answered yet: {', '.join(failing)}. "
            "The library is cleaned only after every enabled list answered."
        )
    return ""


def preview_clean(
    level: str | None = None, tag: int | None = None, now: datetime | None = None
) -> CleanPreview:
    """Radarr's clean library as a dry run: which movies the level (the saved one unless given) would
    unmonitor or remove now and why, and which it skips and why; nothing is changed. A fixed number of
    queries whatever the library's size."""
    config = ImportListConfig.load()
    level = config.list_sync_level if level is None else level
    tag = config.list_sync_tag if tag is None else tag
    preview = CleanPreview(str(level), _preview_blocked(now or timezone.now()))
    if level == ListSyncLevel.DISABLED:
        preview.blocked = "Clean library is disabled: a sync never unmonitors nor removes movies."
        return preview
    stale, protected = _not_listed(tag)
    action = _LEVEL_ACTIONS[ListSyncLevel(level)]
    for movie in stale.order_by("title", "pk").only("pk", "title", "year", "monitored"):
        entry = PreviewMovie(movie.pk, movie.title, movie.year, action, "on no enabled import list")
        if level == ListSyncLevel.KEEP_AND_UNMONITOR and not movie.monitored:
            entry.action, entry.reason = "skipped", UNMONITORED_REASON
            preview.skipped.append(entry)
        else:
            preview.affected.append(entry)
    for movie in protected.order_by("title", "pk").only("pk", "title", "year"):
        preview.skipped.append(PreviewMovie(movie.pk, movie.title, movie.year, "skipped", PROTECTED_REASON))
    return preview


def sync_lists(definition_id: int | None = None, now: datetime | None = None) -> SyncOutcome:
    """Fetch the enabled lists that are due (or the one asked for, due or not), add their new movies
    (lists with enableAuto) and clean the library when every enabled list answered."""
    now = now or timezone.now()
    rows = ImportList.objects.filter(enabled=True).prefetch_related("tags").order_by("list_order", "pk")
    if definition_id is not None:
        rows = rows.filter(pk=definition_id)
    outcome = SyncOutcome()
    for row in rows:
        if row.implementation not in IMPLEMENTATIONS:
            outcome.failed.append(row.name)
            continue
        if definition_id is None and not is_due(row, now):
            continue
        if row.is_backed_off(now):
            outcome.failed.append(row.name)
            continue
        movies = fetch_list(row)
        if movies is None:
            outcome.failed.append(row.name)
            continue
        outcome.synced.append(row.name)
        if row.enable_auto:
            _add_new(row, movies, outcome)
            _add_versions(row, movies)
    if outcome.synced and not outcome.failed:
        clean_library(outcome)
    elif outcome.failed:
        logger.info("Library cleaning skipped: %s failed or named nothing", ", ".join(outcome.failed))
    return outcome


def sync_import_lists(definition_id: int | None = None) -> str:
    """ImportListSync: the job's one-line summary."""
    outcome = sync_lists(definition_id)
    parts = [f"{len(outcome.synced)} list(s) synced", f"{len(outcome.added)} movie(s) added"]
    if outcome.failed:
        parts.append(f"failed: {', '.join(outcome.failed)}")
    if outcome.cleaned:
        parts.append(f"{len(outcome.cleaned)} movie(s) cleaned")
    return "; ".join(parts)
