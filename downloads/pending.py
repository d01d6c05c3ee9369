"""Pending releases: ones the decision engine held back for a temporary reason (a delay profile, the
minimum age), kept per movie version and guid and decided again at every RSS sync (Radarr's
PendingReleaseService). A release pending for the 4K version waits for that version only."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from downloads.grabbing import Grab, grab_release, release_facts
from downloads.models import PendingRelease
from downloads.queueids import pending_queue_id
from movies.decisionfacts import version_facts
from movies.models import Movie
from releases.decisions.context import Context, MovieFacts
from releases.decisions.engine import Decision, evaluate, rank
from releases.decisions.reputation import preload_reputations
from releases.languages import LANGUAGES_BY_ID, Language
from releases.releaseinfo import ReleaseInfo


def release_to_json(release: ReleaseInfo) -> dict[str, Any]:
    data = {name: getattr(release, name) for name in ReleaseInfo.__dataclass_fields__}
    data["publish_date"] = release.publish_date.isoformat()
    data["languages"] = [language.id for language in release.languages]
    return data


def release_from_json(data: dict[str, Any]) -> ReleaseInfo:
    known = {key: value for key, value in data.items() if key in ReleaseInfo.__dataclass_fields__}
    known["publish_date"] = parse_datetime(known["publish_date"])
    known["languages"] = [
        LANGUAGES_BY_ID.get(language_id, Language(language_id, "Unknown"))
        for language_id in known.get("languages", [])
    ]
    known["categories"] = tuple(known.get("categories", ()))  # JSON keeps tuples as lists
    return ReleaseInfo(**known)


def store_pending(decisions: list[Decision], context: Context | None = None) -> int:
    """Keep the temporarily rejected decisions as pending releases (one per movie version and guid);
    the number of new ones. A release already pending keeps its first-seen time (the delay counts
    from it)."""
    stored = 0
    for decision in decisions:
        candidate = decision.candidate
        if candidate is None or not decision.temporarily_rejected:
            continue
        release = decision.release
        rejection = decision.rejections[0]
        facts = release_facts(candidate)
        defaults = {
            "title": release.title,
            "release": release_to_json(release),
            "reason": rejection.reason,
            "message": rejection.message,
            "custom_format_score": facts.custom_format_score,
            "release_at": _delay_end(decision, context),
            **facts.columns(),
        }
        with transaction.atomic():
            _, created = PendingRelease.objects.update_or_create(
                movie_id=candidate.movie.id,
                version_id=candidate.movie.version_id,
                guid=release.guid or release.title,
                defaults=defaults,
                create_defaults={**defaults, "added": timezone.now()},
            )
        stored += created
    return stored


def _delay_end(decision: Decision, context: Context | None) -> datetime | None:
    candidate = decision.candidate
    if context is None or candidate is None:
        return None
    wait = context.delay_profile_for(candidate.movie).delay_for(decision.release.protocol)
    if any(r.reason == "MinimumAgeDelay" for r in decision.rejections) and wait:
        return decision.release.publish_date + timedelta(minutes=wait)
    minimum = context.settings.minimum_age_minutes
    if any(r.reason == "MinimumAge" for r in decision.rejections) and minimum:
        return decision.release.publish_date + timedelta(minutes=minimum)
    return None


@dataclass(slots=True)
class PendingAges:
    """Minutes since the oldest pending release of each version appeared (the delay rule reads them):
    primary versions by movie id, extra versions by version id; and every movie with one."""

    by_movie: dict[int, float] = field(default_factory=dict)
    by_version: dict[int, float] = field(default_factory=dict)
    movie_ids: set[int] = field(default_factory=set)


def pending_ages(now: datetime | None = None) -> PendingAges:
    now = now or timezone.now()
    oldest: dict[tuple[int, int | None], datetime] = {}
    for movie_id, version_id, added in PendingRelease.objects.values_list("movie_id", "version_id", "added"):
        key = (movie_id, version_id)
        if key not in oldest or added < oldest[key]:
            oldest[key] = added
    ages = PendingAges()
    for (movie_id, version_id), added in oldest.items():
        minutes = (now - added).total_seconds() / 60
        ages.movie_ids.add(movie_id)
        if version_id is None:
            ages.by_movie[movie_id] = minutes
        else:
            ages.by_version[version_id] = minutes
    return ages


def oldest_pending_minutes(now: datetime | None = None) -> dict[int, float]:
    """Minutes since the oldest pending release of each movie's primary version appeared."""
    return pending_ages(now).by_movie


def _facts_of(row: PendingRelease, facts: dict[int, list[MovieFacts]]) -> MovieFacts | None:
    """The facts of the version a pending release waits for (None: its movie or version is gone)."""
    return next((movie for movie in facts.get(row.movie_id, ()) if movie.version_id == row.version_id), None)


def pending_decisions_ready(context: Context) -> list[Decision]:
    """Decide every pending release again with `context` (ranked as the engine ranks). Releases now
    permanently rejected are dropped; approved ones are returned first for the caller to grab, and stay
    pending until grabbed (grab_release removes them)."""
    rows = list(PendingRelease.objects.all())
    if not rows:
        return []
    movies = Movie.objects.filter(pk__in={row.movie_id for row in rows})
    facts = version_facts(movies, context.formats)
    preload_reputations(context, [(row.title, _facts_of(row, facts)) for row in rows])
    decisions, dropped = [], []
    for row in rows:
        decision = evaluate(release_from_json(row.release), _facts_of(row, facts), context)
        if decision.rejected:
            dropped.append(row.pk)
        else:
            decisions.append(decision)
    PendingRelease.objects.filter(pk__in=dropped).delete()
    return rank(decisions, context)


class PendingNotFound(Exception):
    pass


def pending_by_queue_id(queue_id: int) -> PendingRelease | None:
    for row in PendingRelease.objects.only("pk", "movie_id"):
        if pending_queue_id(row.pk, row.movie_id) == queue_id:
            return PendingRelease.objects.get(pk=row.pk)
    return None


def grab_pending(queue_id: int, *, user_agent: str = "") -> Grab:
    """POST /queue/grab/{id}: send a pending release now, whatever it was waiting for."""
    row = pending_by_queue_id(queue_id)
    if row is None:
        raise PendingNotFound(f"No pending release with queue id {queue_id}")
    movie = Movie.objects.get(pk=row.movie_id)
    context = decision_context([movie.pk])
    facts = version_facts([movie], context.formats)
    decision = evaluate(release_from_json(row.release), _facts_of(row, facts), context)
    now = Decision(decision.release, decision.parsed, decision.candidate)  # the wait is skipped on request
    return grab_release(now, user_agent=user_agent, interactive=True)


def remove_pending(row: PendingRelease) -> None:
    row.delete()


def decision_context(movie_ids: list[int]) -> Context:
    """A full decision context for re-deciding pending releases of these movies."""
    from downloads.decisionfacts import queue_and_history_facts
    from indexers.options import decision_settings, indexer_facts
    from releases.decisions.loading import load_context

    ages = pending_ages()
    context = load_context(
        indexers=indexer_facts(), settings=decision_settings(), oldest_pending_minutes=ages.by_movie
    )
    context.version_pending_minutes = ages.by_version
    context.downloads = queue_and_history_facts(movie_ids)
    return context
