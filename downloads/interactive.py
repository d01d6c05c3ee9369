"""Interactive search: every release for one movie version, decided and shown; the user picks one to
grab, and it is grabbed for that version (the primary one unless another is named).

Results are cached for 30 minutes by indexer and guid, as Radarr does, so `POST /api/v3/release`
(and the grab button of the movie page) can grab one of them without searching again. A grab chosen
by hand goes ahead even when the release was rejected: the page asks first, the API never does.
"""

import hashlib
from dataclasses import dataclass, replace

from django.core.cache import cache

from downloads.deciding import decision_context, version_facts_for
from downloads.grabbing import Grab, grab_release
from downloads.search import MovieSearchResult, search_movie
from indexers.matching import LibraryIndex
from indexers.search import searchable_movies
from movies.models import MovieVersion
from movies.versions import version_of
from radarr.api.errors import ApiError, NotFound
from releases.decisions.context import SearchCriteria
from releases.decisions.engine import Decision, evaluate
from releases.qualities import QualityModel
from releases.releaseinfo import ReleaseInfo

CACHE_SECONDS = 30 * 60


@dataclass(frozen=True, slots=True)
class CachedRelease:
    release: ReleaseInfo
    searched_movie_id: int
    mapped_movie_id: int | None
    searched_version_id: int | None = None  # the extra version searched for (None: the primary)


def _key(indexer_id: int, guid: str) -> str:
    return "indexers:release:" + hashlib.sha256(f"{indexer_id}|{guid}".encode()).hexdigest()[:40]


def interactive_search(movie_id: int, version_id: int | None = None) -> MovieSearchResult:
    """Search the interactive-search indexers for one version of a movie (None or 0: the primary one)
    and remember every result for a grab; NotFound for an unknown movie or another movie's version."""
    movies = searchable_movies([movie_id])
    if not movies:
        raise NotFound("Movie", movie_id)
    try:
        version_of(movies[0], version_id)
    except MovieVersion.DoesNotExist as error:
        raise NotFound("Version", version_id) from error
    result = search_movie(
        movies[0], LibraryIndex.load(), interactive=True, user_invoked=True, version_keys={version_id or 0}
    )
    cache.set_many(
        {
            _key(decision.release.indexer_id, decision.release.guid): CachedRelease(
                decision.release,
                movie_id,
                decision.candidate.movie.id if decision.candidate else None,
                version_id or None,
            )
            for decision in result.decisions
        },
        CACHE_SECONDS,
    )
    return result


def cached_release(indexer_id: int, guid: str) -> CachedRelease | None:
    found = cache.get(_key(indexer_id, guid))
    return found if isinstance(found, CachedRelease) else None


def redecide(cached: CachedRelease, movie_id: int | None = None, version_id: int | None = None) -> Decision:
    """The release decided again, now, for `movie_id` (or the movie it was matched to) and its version
    `version_id` (0: the primary one; None: the version searched for when that movie was searched,
    else the primary one)."""
    target = movie_id or cached.mapped_movie_id
    if not target:
        raise ApiError(
            404, "Unable to find matching movie", "Pass movieId to grab a release of an unknown movie"
        )
    context = decision_context([target])
    facts = version_facts_for([target], context)
    if target not in facts:
        raise NotFound("Movie", target)
    if version_id is None:
        version_id = cached.searched_version_id if target == cached.searched_movie_id else None
    movie = next((version for version in facts[target] if version.version_key == (version_id or 0)), None)
    if movie is None:
        raise NotFound("Version", version_id)
    search = SearchCriteria(cached.searched_movie_id, user_invoked=True)
    return evaluate(cached.release, movie, context, search)


@dataclass(frozen=True, slots=True)
class Override:
    """What the user chose by hand for a grab (Radarr's `shouldOverride`): the quality and languages
    recorded for it instead of what the title says. The movie is `grab_cached`'s `movie_id`."""

    quality: QualityModel
    language_ids: list[int]


def overridden(decision: Decision, override: Override) -> Decision:
    """The decision with the user's quality and languages: history, the queue and the import read them."""
    candidate = decision.candidate
    if candidate is None or decision.parsed is None:
        raise ApiError(400, "This release's title could not be read, so it cannot be grabbed with overrides")
    parsed = replace(decision.parsed, quality=override.quality)
    candidate = replace(candidate, parsed=parsed, languages=list(override.language_ids))
    return replace(decision, parsed=parsed, candidate=candidate)


def grab_cached(
    indexer_id: int,
    guid: str,
    *,
    movie_id: int | None = None,
    version_id: int | None = None,
    download_client_id: int = 0,
    user_agent: str = "",
    override: Override | None = None,
) -> tuple[Decision, Grab]:
    """Grab a release an interactive search found (its rejections do not stop a grab by hand), for
    the version `redecide` picks."""
    cached = cached_release(indexer_id, guid)
    if cached is None:
        raise ApiError(404, "Couldn't find requested release in cache, cache timeout probably expired.")
    decision = redecide(cached, movie_id, version_id)
    if override is not None:
        decision = overridden(decision, override)
    grab = grab_release(
        decision, download_client_id=download_client_id, user_agent=user_agent, interactive=True
    )
    return decision, grab
