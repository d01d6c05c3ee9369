"""From releases to grabs: the batch context, decisions against library movies, and processing them.

Every path that ends in a grab (RSS sync, automatic search, push) goes through here: one decision
context per batch (a handful of queries), movie facts only for the movies the releases matched, then
`process_decisions` grabs the best approved release per movie version through `downloads.grabbing`
(the one function that grabs) and keeps temporarily rejected ones as pending releases.

A movie with extra versions (4K beside 1080p) has each release decided once per version: the 2160p
release is accepted for the 4K version and rejected for the 1080p one, and both versions may get a
grab in the same batch.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from downloads.decisionfacts import queue_and_history_facts
from downloads.grabbing import GrabError, grab_release
from downloads.pending import pending_ages, store_pending
from indexers.options import decision_settings, indexer_facts
from movies.decisionfacts import movie_facts, version_facts
from movies.models import Movie
from releases.decisions.context import Context, MovieFacts
from releases.decisions.engine import Decision
from releases.decisions.loading import load_context

logger = logging.getLogger(__name__)


def decision_context(movie_ids: Iterable[int], *, with_pending: bool = False) -> Context:
    """Everything the rules read for a batch about these movies: profiles, formats, indexers, options,
    pending ages, and the queue, history and blocklist facts from downloads (also for the movies with
    pending releases when `with_pending`: the RSS sync decides those again)."""
    ages = pending_ages()
    context = load_context(
        indexers=indexer_facts(), settings=decision_settings(), oldest_pending_minutes=ages.by_movie
    )
    context.version_pending_minutes = ages.by_version
    ids = set(movie_ids) | (ages.movie_ids if with_pending else set())
    context.downloads = queue_and_history_facts(sorted(ids))
    return context


def facts_for(movie_ids: Iterable[int], context: Context) -> dict[int, MovieFacts]:
    """The decision engine's view of these movies' primary versions (four queries), with the
    availability delay."""
    return movie_facts(Movie.objects.filter(pk__in=sorted(set(movie_ids))), context.formats)


def version_facts_for(movie_ids: Iterable[int], context: Context) -> dict[int, list[MovieFacts]]:
    """Every version of these movies, the primary first (five queries whatever their number)."""
    return version_facts(Movie.objects.filter(pk__in=sorted(set(movie_ids))), context.formats)


@dataclass(slots=True)
class Processed:
    """What became of a batch of decisions."""

    grabbed: list[Decision] = field(default_factory=list)
    pending: int = 0  # temporarily rejected releases kept to try again
    failures: list[tuple[Decision, str]] = field(default_factory=list)  # approved, but the grab failed

    def summary(self) -> str:
        text = f"{len(self.grabbed)} grabbed, {self.pending} pending"
        return text + (f", {len(self.failures)} failed to grab" if self.failures else "")


def process_decisions(
    decisions: list[Decision], context: Context, *, user_agent: str = "", download_client_id: int = 0
) -> Processed:
    """Grab the best approved release of each movie version (trying the next one when a grab fails),
    and keep the temporarily rejected releases of versions that got nothing as pending.

    `decisions` must be ranked (`releases.decisions.engine.decide`): the first approved one of a
    version is its best. A release goes to one version only; the next version takes its own next
    best. `grab_release` refuses what was already grabbed for the version,
    so two syncs or a sync and a search running at once never grab twice.
    """
    processed = Processed()
    grabbed_versions: set[tuple[int, int]] = set()
    grabbed_releases: set[tuple[int, str]] = set()
    # versions wishing for an edition choose first (stable: each keeps the engine's ranking), so the
    # Extended release goes to the Extended version and the primary version takes another
    for decision in sorted(decisions, key=_not_an_edition_wish):
        if not decision.approved or decision.candidate is None:
            continue
        version, release = _version_key(decision), _release_key(decision)
        if version in grabbed_versions or release in grabbed_releases:
            continue
        try:
            grab_release(decision, download_client_id=download_client_id, user_agent=user_agent)
        except GrabError as error:
            logger.warning("Could not grab %s: %s", decision.release.title, error)
            processed.failures.append((decision, str(error)))
            continue
        grabbed_versions.add(version)
        grabbed_releases.add(release)
        processed.grabbed.append(decision)
    pending = [
        decision
        for decision in decisions
        if decision.temporarily_rejected
        and decision.candidate is not None
        and _version_key(decision) not in grabbed_versions
    ]
    processed.pending = store_pending(pending, context) if pending else 0
    return processed


def _not_an_edition_wish(decision: Decision) -> bool:
    return decision.candidate is None or not decision.candidate.movie.edition


def _version_key(decision: Decision) -> tuple[int, int]:
    movie = decision.candidate.movie  # type: ignore[union-attr]
    return movie.id, movie.version_key


def one_per_release(decisions: Iterable[Decision]) -> list[Decision]:
    """One decision per release, in the given order: the primary version's when it has one, else the
    first; for what speaks of releases rather than versions (scene group evidence, Radarr's lists)."""
    decisions = list(decisions)
    chosen: dict[tuple[int, str], Decision] = {}
    for decision in decisions:
        held = chosen.get(_release_key(decision))
        if held is None or (_is_extra(held) and not _is_extra(decision)):
            chosen[_release_key(decision)] = decision
    return [decision for decision in decisions if chosen[_release_key(decision)] is decision]


def _release_key(decision: Decision) -> tuple[int, str]:
    return decision.release.indexer_id, decision.release.guid or decision.release.title


def _is_extra(decision: Decision) -> bool:
    return decision.candidate is not None and decision.candidate.movie.version_id is not None
