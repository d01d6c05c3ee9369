"""Release group reputation in decisions: opt-in custom format points, read once per batch.

A quality profile's `scene_group_points` (N) adds round(N × score/100 × confidence factor) to a
release's custom format score. The same bonus goes to the file (or queued or grabbed release) it
would replace, so a release of the group and quality already there never counts as an upgrade of
itself. With N = 0 nothing changes: ranking and the rules are Radarr's.
"""

from collections.abc import Iterable
from functools import lru_cache

from releases.decisions.context import Context, ExistingFile, MovieFacts, ProfileFacts
from releases.parser import ParsedMovieInfo
from releases.parsing.groups import parse_release_group
from scenegroups.models import group_key
from scenegroups.reputation import Reputation

CONFIDENCE_FACTORS = {"low": 0.25, "medium": 0.6, "high": 1.0}  # a pinned group reads as high


def reputation_points(reputation: Reputation | None, most: int) -> int:
    """Custom format points for a group: `most` scaled by its score and confidence, half rounded up."""
    if reputation is None or most <= 0:
        return 0
    factor = CONFIDENCE_FACTORS.get(reputation.confidence, CONFIDENCE_FACTORS["low"])
    return int(most * reputation.score / 100 * factor + 0.5)


def load_reputations(context: Context, names: Iterable[str | None]) -> None:
    """Read the reputations of these groups into the context in one query; groups read before are
    not asked again, so deciding one more release of a known group costs nothing."""
    if context.reputation_source is None:
        return
    keys = {group_key(name) for name in names if name and name.strip()} - context.reputation_keys_read
    if not keys:
        return
    context.reputations.update(context.reputation_source(sorted(keys)))
    context.reputation_keys_read.update(keys)


def reputation_of(context: Context, group: str | None) -> Reputation | None:
    return context.reputations.get(group_key(group)) if group and group.strip() else None


@lru_cache(maxsize=4096)
def title_release_group(title: str) -> str | None:
    """The group of a queued or grabbed release's title (the same titles are read for every candidate)."""
    return parse_release_group(title)


def batch_group_names(
    pairs: Iterable[tuple[ParsedMovieInfo | None, MovieFacts | None]], context: Context
) -> set[str]:
    """Every group a batch's decisions read: the releases', and for their movies the existing file's,
    the queued releases' and the latest grab's (the upgrade rules compare against those)."""
    names: set[str] = set()
    movies: dict[tuple[int, int], MovieFacts] = {}
    for parsed, movie in pairs:
        if parsed is not None and parsed.release_group:
            names.add(parsed.release_group)
        if movie is not None:
            movies[movie.id, movie.version_key] = movie
    for movie in movies.values():
        if movie.file is not None and movie.file.release_group:
            names.add(movie.file.release_group)
        titles = [queued.title for queued in context.downloads.queued_for(movie)]
        titles += [grab.title for grab in context.downloads.grabs_for(movie)[:1]]
        names.update(group for title in titles if (group := title_release_group(title)))
    return names


def preload_reputations(context: Context, releases: Iterable[tuple[str, MovieFacts | None]]) -> None:
    """For callers that `evaluate` many releases one by one with one context (pending releases):
    read every group of the batch first, from (release title, movie) pairs, in one query."""
    pairs = [(title_release_group(title), movie) for title, movie in releases]
    names = {group for group, _ in pairs if group}
    names |= batch_group_names(((None, movie) for _, movie in pairs), context)
    load_reputations(context, names)


def file_score(profile: ProfileFacts, format_ids: Iterable[int], reputation: Reputation | None) -> int:
    """A file's (or queued or grabbed release's) score in `profile`: its formats' scores plus the
    bonus its group's reputation earns there, as a release of the group gets (0 while that is off)."""
    return profile.score(format_ids) + reputation_points(reputation, profile.scene_group_points)


def existing_format_score(profile: ProfileFacts, existing: ExistingFile, context: Context) -> int:
    """What the upgrade rules count for the file (or queued or grabbed release) a release would replace."""
    return file_score(profile, existing.format_ids, reputation_of(context, existing.release_group))


def group_points(context: Context, profile: ProfileFacts, group: str | None) -> int:
    """The points a release or file of `group` gets in `profile`, reading the group's reputation if
    the context has not yet: for checks outside a decision batch (the import's upgrade check), which
    must count a file as the decision that grabbed it did. No query while the setting is off."""
    if profile.scene_group_points <= 0:
        return 0
    load_reputations(context, [group])
    return reputation_points(reputation_of(context, group), profile.scene_group_points)


def explanation(
    group: str | None, reputation: Reputation | None, profile: ProfileFacts | None, points: int
) -> str:
    """The decision's sentence about the release group (the profile is None without a movie)."""
    if not group:
        return "No release group in the title"
    if reputation is None:
        return f"Release group {group}: not scored"
    factors = ", ".join(f"{name.lower()} {score:.0f}" for name, score in reputation.top_factors)
    how = "pinned" if reputation.pinned else f"{reputation.confidence} confidence"
    detail = f"{how}; {factors}" if factors else how
    line = f"Release group {group}: reputation {reputation.score:.0f}/100 ({detail})"
    if profile is None:
        return line
    if profile.scene_group_points <= 0:
        return f"{line}: no custom format points (off in profile {profile.name})"
    return f"{line}: {points:+d} custom format points"
