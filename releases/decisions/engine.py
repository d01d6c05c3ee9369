"""Deciding about a batch of releases: parse, score, run the rules in stages, rank what is accepted.

As Radarr does, the rules run in stages and evaluation stops after the first stage that rejects,
keeping every reason from that stage. Each Decision explains itself in words.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from releases.customformats.matching import format_input_from_parsed, matching_formats
from releases.decisions import download_rules, edition_rules, profile_rules, scheduling_rules, upgrade_rules
from releases.decisions.context import Candidate, Context, MovieFacts, SearchCriteria
from releases.decisions.rejection import Rejection
from releases.decisions.reputation import (
    batch_group_names,
    explanation,
    load_reputations,
    reputation_of,
    reputation_points,
)
from releases.parser import ParsedMovieInfo, parse_movie_title
from releases.qualities import DetectionSource
from releases.releaseinfo import IndexerFlag, ReleaseInfo
from scenegroups.reputation import Reputation

Rule = Callable[[Candidate, Context], Rejection | None]

# Every release, whatever asked for it.
GENERAL: list[Rule] = [
    profile_rules.quality_allowed_by_profile,
    profile_rules.acceptable_size,
    profile_rules.maximum_size,
    profile_rules.custom_format_allowed_by_profile,
    profile_rules.language,
    profile_rules.hardcoded_subs,
    profile_rules.not_sample,
    profile_rules.raw_disk,
    profile_rules.minimum_age,
    profile_rules.retention,
    profile_rules.protocol,
    profile_rules.blocked_indexer,
    profile_rules.required_indexer_flags,
    profile_rules.torrent_seeding,
    profile_rules.release_restrictions,
    edition_rules.wished_edition,
    upgrade_rules.repack,
    upgrade_rules.upgrade_allowed,
    upgrade_rules.upgrade_disk,
]
# Waiting and monitoring rules: they relax themselves for searches the user started.
SCHEDULING: list[Rule] = [
    scheduling_rules.monitored_movie,
    scheduling_rules.availability,
    scheduling_rules.indexer_tag,
    scheduling_rules.proper,
    scheduling_rules.delay,
]
SEARCH_ONLY: list[Rule] = [scheduling_rules.wrong_movie]
# What is already queued, grabbed, blocklisted or imported (facts from downloads; history is RSS only).
DOWNLOADS: list[Rule] = [
    download_rules.queue,
    download_rules.history,
    download_rules.blocklist,
    download_rules.already_imported,
    download_rules.other_version,
]


# The rules a quality profile and the custom formats decide on their own: what a preview of a change
# to them runs again over the releases in the queue (downloads.preview).
PROFILE: list[Rule] = [
    profile_rules.quality_allowed_by_profile,
    profile_rules.custom_format_allowed_by_profile,
    profile_rules.language,
    upgrade_rules.upgrade_allowed,
    upgrade_rules.upgrade_disk,
]


def stages_for(search: SearchCriteria | None) -> list[list[Rule]]:
    """The rules in stages; a later stage runs only when every earlier one accepted."""
    return [GENERAL + SCHEDULING + (SEARCH_ONLY if search is not None else []), DOWNLOADS]


@dataclass(slots=True)
class Decision:
    release: ReleaseInfo
    parsed: ParsedMovieInfo | None
    candidate: Candidate | None
    rejections: list[Rejection] = field(default_factory=list)
    reputation: Reputation | None = None  # the release group's; the candidate's when there is one

    def __post_init__(self) -> None:
        if self.reputation is None and self.candidate is not None:
            self.reputation = self.candidate.reputation

    @property
    def approved(self) -> bool:
        return not self.rejections

    @property
    def temporarily_rejected(self) -> bool:
        """Only temporary reasons: the release is kept as pending and tried again later."""
        return bool(self.rejections) and all(not rejection.permanent for rejection in self.rejections)

    @property
    def rejected(self) -> bool:
        return bool(self.rejections) and not self.temporarily_rejected

    @property
    def group_explanation(self) -> str:
        """The sentence about the release group: its reputation, and the points it added."""
        if self.parsed is None:
            return ""
        candidate = self.candidate
        profile = candidate.profile if candidate is not None else None
        points = candidate.reputation_points if candidate is not None else 0
        return explanation(self.parsed.release_group, self.reputation, profile, points)

    def explain(self) -> list[str]:
        """The decision in sentences: what the release is, how it scored, and every reason against it
        (first, for an extra version, which version it was weighed for)."""
        lines = []
        if self.candidate is not None and self.candidate.movie.version_name:
            lines.append(f"Weighed for the {self.candidate.movie.version_name} version")
        if self.parsed is not None:
            quality = self.parsed.quality
            found = {
                DetectionSource.NAME: "from the name",
                DetectionSource.EXTENSION: "from the file extension",
            }
            lines.append(
                f"Quality {quality.quality.name} (revision {quality.revision.version}), "
                f"{found.get(quality.source_detection, 'not detected')}"
            )
            lines.extend(self.parsed.notes)  # how a name Radarr cannot parse was read and matched
        candidate = self.candidate
        if candidate is not None:
            scores = candidate.profile.format_scores
            for format_id, name in candidate.matched_formats:
                lines.append(f"Custom format {name}: {scores.get(format_id, 0):+d}")
        if self.parsed is not None:
            lines.append(self.group_explanation)
        if candidate is not None:
            lines.append(f"Custom format score {candidate.format_score} in profile {candidate.profile.name}")
        lines.extend(f"Rejected ({rejection.reason}): {rejection.message}" for rejection in self.rejections)
        if self.approved:
            lines.append("Accepted")
        return lines


def build_candidate(
    release: ReleaseInfo,
    parsed: ParsedMovieInfo,
    movie: MovieFacts,
    context: Context,
    search: SearchCriteria | None,
) -> Candidate | Rejection:
    profile = context.profiles.get(movie.quality_profile_id)
    if profile is None:
        return Rejection("Error", f"{movie.title} has no quality profile")
    languages = {language.id for language in parsed.languages if language.id > 0}
    languages |= {language.id for language in release.languages if language.id > 0}
    # as Radarr: a title that names no language is taken to be in the movie's original language
    language_ids = sorted(languages) or [movie.original_language_id]
    format_input = format_input_from_parsed(
        parsed,
        size=release.size,
        indexer_flags=release.indexer_flags,
        original_language_id=movie.original_language_id,
        movie_year=movie.year,
    )
    matched = matching_formats(context.formats, format_input)
    format_ids = frozenset(fmt.id for fmt in matched if fmt.id is not None)
    reputation = reputation_of(context, parsed.release_group)
    points = reputation_points(reputation, profile.scene_group_points)
    return Candidate(
        release=release,
        parsed=parsed,
        movie=movie,
        profile=profile,
        languages=language_ids,
        format_ids=format_ids,
        matched_formats=[(fmt.id, fmt.name) for fmt in matched],
        format_score=profile.score(format_ids) + points,
        search=search,
        reputation=reputation,
        reputation_points=points,
    )


def evaluate(
    release: ReleaseInfo, movie: MovieFacts | None, context: Context, search: SearchCriteria | None = None
) -> Decision:
    """One release for one movie (None when no movie in the library matched it)."""
    parsed = parse_movie_title(release.title)
    load_reputations(context, batch_group_names([(parsed, movie)], context))  # none read before: 1 query
    return evaluate_parsed(release, parsed, movie, context, search)


def evaluate_parsed(
    release: ReleaseInfo,
    parsed: ParsedMovieInfo | None,
    movie: MovieFacts | None,
    context: Context,
    search: SearchCriteria | None = None,
) -> Decision:
    """`evaluate` for a title parsed already, once the batch's reputations are in the context."""
    if parsed is None:
        return Decision(
            release, None, None, [Rejection("UnableToParse", "Unable to parse the release title")]
        )
    if movie is None:
        rejection = Rejection("UnknownMovie", "No movie in the library matches this title")
        return Decision(release, parsed, None, [rejection], reputation_of(context, parsed.release_group))
    candidate = build_candidate(release, parsed, movie, context, search)
    if isinstance(candidate, Rejection):
        return Decision(release, parsed, None, [candidate])
    for stage in stages_for(search):
        rejections = [rejection for rule in stage if (rejection := rule(candidate, context)) is not None]
        if rejections:
            return Decision(release, parsed, candidate, rejections)
    return Decision(release, parsed, candidate)


def profile_rejections(
    release: ReleaseInfo, parsed: ParsedMovieInfo | None, movie: MovieFacts, context: Context
) -> list[Rejection]:
    """What the profile and custom format rules alone say of a release for a movie (reputations of the
    batch read into the context first, see reputation.preload_reputations)."""
    if parsed is None:
        return [Rejection("UnableToParse", "Unable to parse the release title")]
    candidate = build_candidate(release, parsed, movie, context, None)
    if isinstance(candidate, Rejection):
        return [candidate]
    return [rejection for rule in PROFILE if (rejection := rule(candidate, context)) is not None]


def decide(
    releases: Iterable[tuple[ReleaseInfo, MovieFacts | None]],
    context: Context,
    search: SearchCriteria | None = None,
) -> list[Decision]:
    """Decide a batch and rank it: approved best first, then temporarily rejected, then rejected."""
    return decide_parsed(
        [(release, parse_movie_title(release.title), movie) for release, movie in releases], context, search
    )


def decide_parsed(
    batch: list[tuple[ReleaseInfo, ParsedMovieInfo | None, MovieFacts | None]],
    context: Context,
    search: SearchCriteria | None = None,
) -> list[Decision]:
    """`decide` for titles parsed already (the RSS sync parses each title once, to match it). The
    reputations of every group the batch reads are loaded first, in one query."""
    load_reputations(context, batch_group_names(((parsed, movie) for _, parsed, movie in batch), context))
    decisions = [evaluate_parsed(release, parsed, movie, context, search) for release, parsed, movie in batch]
    return rank(decisions, context)


def rank(decisions: list[Decision], context: Context) -> list[Decision]:
    approved = sorted(
        (d for d in decisions if d.approved), key=lambda d: preference(d, context), reverse=True
    )
    pending = sorted(
        (d for d in decisions if d.temporarily_rejected), key=lambda d: preference(d, context), reverse=True
    )
    rejected = [d for d in decisions if d.rejected]
    return approved + pending + rejected


_FLAG_ORDER = [
    IndexerFlag.G_FREELEECH,
    IndexerFlag.G_HALFLEECH,
    IndexerFlag.G_DOUBLEUPLOAD,
    IndexerFlag.G_INTERNAL,
]


def preference(decision: Decision, context: Context) -> tuple:
    """Radarr's comparer as a sort key (bigger is better): quality and revision, custom format score,
    preferred protocol, indexer priority, indexer flags (when preferred), seeders or age, size."""
    candidate = decision.candidate
    if candidate is None:
        return ()
    release, movie = candidate.release, candidate.movie
    revision = candidate.revision
    delay_profile = context.delay_profile_for(movie)
    flags = (
        tuple(bool(release.indexer_flags & flag) for flag in _FLAG_ORDER)
        if context.settings.prefer_indexer_flags
        else ()
    )
    return (
        candidate.profile.rank(candidate.quality.quality.id),
        revision.version,
        revision.real,
        candidate.format_score,
        release.protocol == delay_profile.preferred_protocol,
        -release.indexer_priority,
        flags,
        _peers_or_age(release, context),
        _size_preference(candidate, context),
    )


def _peers_or_age(release: ReleaseInfo, context: Context) -> tuple[float, float]:
    """Torrents: more seeders then peers, by order of magnitude; usenet: fresher posts first."""
    if release.protocol == "torrent":
        seeders, peers = release.seeders or 0, (release.seeders or 0) + (release.leechers or 0)
        return (
            round(math.log10(seeders)) if seeders > 0 else 0,
            round(math.log10(peers)) if peers > 0 else 0,
        )
    hours = release.age_minutes(context.now) / 60
    if hours < 1:
        return (1000, 0)
    if hours <= 24:
        return (100, 0)
    if hours <= 24 * 7:
        return (10, 0)
    return (-round(math.log10(hours / 24)), 0)


def _size_preference(candidate: Candidate, context: Context) -> float:
    """Closest to the preferred size (in 200 MB steps); with no preferred size, bigger is better."""
    step = 200 * 1024 * 1024
    limits = context.size_limits.get(candidate.quality.quality.id)
    size = candidate.release.size
    if limits is not None and limits.preferred_size and candidate.movie.runtime > 0:
        preferred = candidate.movie.runtime * limits.preferred_size * 1024 * 1024
        return -abs(round((size - preferred) / step))
    return round(size / step)
