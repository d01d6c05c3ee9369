"""From releases to grabs: the batch context, decisions against library movies, and processing them.

Every path that ends in a grab (RSS sync, automatic search, push) goes through here: one decision
context per batch (a handful of queries), movie facts only for the movies the releases matched, then
`process_decisions` grabs the best approved release per movie through `downloads.grabbing`
(the one function that grabs) and keeps temporarily rejected ones as pending releases.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from downloads.decisionfacts import queue_and_history_facts
from downloads.grabbing import GrabError, grab_release
from downloads.pending import oldest_pending_minutes, store_pending
from indexers.options import decision_settings, indexer_facts
from movies.decisionfacts import movie_facts
from movies.models import Movie
from releases.decisions.context import Context, MovieFacts
from releases.decisions.engine import Decision
from releases.decisions.loading import load_context

logger = logging.getLogger(__name__)


def decision_context(movie_ids: Iterable[int], *, with_pending: bool = False) -> Context:
    """Everything the rules read for a batch about these movies: profiles, formats, indexers, options,
    pending ages, and the queue, history and blocklist facts from downloads (also for the movies with
    pending releases when `with_pending`: the RSS sync decides those again)."""
    context = load_context(
        indexers=indexer_facts(),
        settings=decision_settings(),
        oldest_pending_minutes=oldest_pending_minutes(),
    )
    ids = set(movie_ids) | (set(context.oldest_pending_minutes) if with_pending else set())
    context.downloads = queue_and_history_facts(sorted(ids))
    return context


def facts_for(movie_ids: Iterable[int], context: Context) -> dict[int, MovieFacts]:
    """The decision engine's view of these movies (four queries), with the availability delay."""
    return movie_facts(Movie.objects.filter(pk__in=sorted(set(movie_ids))), context.formats)


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
    """Grab the best approved release of each movie (trying the next one when a grab fails), and
    keep the temporarily rejected releases of movies that got nothing as pending.

    `decisions` must be ranked (`releases.decisions.engine.decide`): the first approved one of a movie
    is its best. `grab_release` refuses what was already grabbed for the movie, so two syncs or a
    sync and a search running at once never grab twice.
    """
    processed = Processed()
    grabbed_movies: set[int] = set()
    for decision in decisions:
        if not decision.approved or decision.candidate is None:
            continue
        movie_id = decision.candidate.movie.id
        if movie_id in grabbed_movies:
            continue
        try:
            grab_release(decision, download_client_id=download_client_id, user_agent=user_agent)
        except GrabError as error:
            logger.warning("Could not grab %s: %s", decision.release.title, error)
            processed.failures.append((decision, str(error)))
            continue
        grabbed_movies.add(movie_id)
        processed.grabbed.append(decision)
    pending = [
        decision
        for decision in decisions
        if decision.temporarily_rejected
        and decision.candidate is not None
        and decision.candidate.movie.id not in grabbed_movies
    ]
    processed.pending = store_pending(pending, context) if pending else 0
    return processed
