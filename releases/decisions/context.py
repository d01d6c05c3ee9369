"""Everything a decision reads, loaded once per batch: profiles, formats, settings, and the candidates.

Apps to the right of releases (movies, indexers, downloads) pass their facts in as these plain
dataclasses, so the rules stay pure functions and a batch of releases costs no query per release.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from releases.parser import ParsedMovieInfo
from releases.qualities import QualityModel, Revision
from releases.releaseinfo import ReleaseInfo
from scenegroups.reputation import Reputation

# where a batch reads reputations from: group names -> {group key: Reputation} (scenegroups'
# reputations_for, one query); a context without one scores no group (pure tests, benchmarks)
ReputationSource = Callable[[Iterable[str]], dict[str, Reputation]]


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    """A quality profile as the rules need it: ranks by quality id, allowed ids, scores by format id."""

    id: int
    name: str
    upgrade_allowed: bool
    cutoff: int  # a quality id or a group id (>= 1000)
    items: tuple[dict[str, Any], ...]  # lowest first, as stored on QualityProfile
    min_format_score: int = 0
    cutoff_format_score: int = 0
    min_upgrade_format_score: int = 1
    language_id: int = 1
    format_scores: dict[int, int] = field(default_factory=dict)
    scene_group_points: int = 0  # most custom format points a group's reputation adds; 0 is off
    # ours: upgrades stop this many days after the movie's first import (None: never)
    upgrade_window_days: int | None = None
    # ours: upgrades stop once the file has this custom format (None: no such stop)
    cutoff_format_id: int | None = None
    cutoff_format_name: str = ""
    # rank by quality id, worked out once: lists judge thousands of files against a few profiles
    _ranks: dict[int, int] = field(init=False, repr=False, compare=False)
    _cutoff_rank: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ranks: dict[int, int] = {}
        for index, item in enumerate(self.items):
            for quality_id in item.get("qualities") or (item.get("quality"),):
                ranks.setdefault(quality_id, index)
        object.__setattr__(self, "_ranks", ranks)
        object.__setattr__(self, "_cutoff_rank", self._find_cutoff_rank())

    def rank(self, quality_id: int) -> int:
        """Position in the profile, higher is better; members of a group share their group's rank."""
        return self._ranks.get(quality_id, -1)

    def is_allowed(self, quality_id: int) -> bool:
        for item in self.items:
            if item.get("quality") == quality_id or quality_id in item.get("qualities", ()):
                return bool(item.get("allowed"))
        return False

    def cutoff_rank(self) -> int:
        """The cutoff's rank; without upgrades, the first allowed quality is the cutoff (as Radarr)."""
        return self._cutoff_rank

    def _find_cutoff_rank(self) -> int:
        if not self.upgrade_allowed:
            return next((i for i, item in enumerate(self.items) if item.get("allowed")), -1)
        for index, item in enumerate(self.items):
            if item.get("id") == self.cutoff or item.get("quality") == self.cutoff:
                return index
        return len(self.items)

    def best_allowed_rank(self) -> int:
        return max((i for i, item in enumerate(self.items) if item.get("allowed")), default=-1)

    def score(self, format_ids: Iterable[int]) -> int:
        """The custom format score of these formats in this profile (formats it does not list count 0)."""
        return sum(self.format_scores.get(format_id, 0) for format_id in format_ids)

    def format_cutoff(self) -> int:
        """The score a file must reach: the cutoff score, or the minimum score without upgrades (Radarr)."""
        return self.cutoff_format_score if self.upgrade_allowed else self.min_format_score

    def quality_cutoff_unmet(self, quality_id: int) -> bool:
        """Whether a file of this quality is below the profile's quality cutoff."""
        return self.rank(quality_id) < self.cutoff_rank()

    def upgrade_window_end(self, first_imported: datetime | None) -> date | None:
        """The last day upgrades may come: the first import's (local) day plus the window's days.
        None without a window or before any import. Whole days, as the movie list's cache turns."""
        if self.upgrade_window_days is None or first_imported is None:
            return None
        return timezone.localdate(first_imported) + timedelta(days=self.upgrade_window_days)

    def upgrade_window_ended(self, first_imported: datetime | None, today: date) -> bool:
        end = self.upgrade_window_end(first_imported)
        return end is not None and today > end

    def has_cutoff_format(self, format_ids: Iterable[int]) -> bool:
        """Whether the file has the custom format upgrades stop at."""
        return self.cutoff_format_id is not None and self.cutoff_format_id in format_ids

    def cutoff_unmet(
        self,
        quality_id: int,
        score: int,
        *,
        format_ids: Iterable[int],
        first_imported: datetime | None,
        today: date,
    ) -> bool:
        """Radarr's CutoffNotMet, the one "cutoff unmet" rule: the file's quality is below the cutoff,
        or its score (reputation bonus included, see releases.decisions.reputation.file_score) is below
        the score it must reach; unless (ours) the file has the profile's cutoff format or the profile's
        upgrade window since the movie's first import has ended. Wanted, the movie index, the search
        jobs, the movie JSON's `qualityCutoffNotMet` and the upgrade rules all ask this."""
        if self.has_cutoff_format(format_ids) or self.upgrade_window_ended(first_imported, today):
            return False
        return self.quality_cutoff_unmet(quality_id) or score < self.format_cutoff()


@dataclass(frozen=True, slots=True)
class SizeLimits:
    """A quality definition's limits in MB per minute of runtime; None is unlimited."""

    min_size: float = 0
    preferred_size: float | None = None
    max_size: float | None = None


@dataclass(frozen=True, slots=True)
class ExistingFile:
    """The movie's current file, as the upgrade rules compare against it."""

    quality: QualityModel
    format_ids: frozenset[int] = frozenset()
    release_group: str | None = None
    date_added: datetime | None = None


@dataclass(frozen=True, slots=True)
class MovieFacts:
    """One version of a movie as the rules weigh a release for it: the primary version (the movie row,
    `version_id` None) or an extra one, with that version's profile, monitoring, availability and file."""

    id: int
    title: str
    year: int
    quality_profile_id: int
    runtime: int = 0  # minutes; 0 when TMDB does not know yet
    monitored: bool = True
    is_available: bool = True  # minimum availability plus availability delay reached
    original_language_id: int = 1
    tag_ids: frozenset[int] = frozenset()
    tmdb_id: int = 0
    imdb_id: str = ""
    file: ExistingFile | None = None
    first_imported: datetime | None = None  # the version's first file's import (upgrade windows)
    version_id: int | None = None  # the extra version (movies.MovieVersion); None: the primary version
    version_name: str = ""  # the extra version's name; "" for the primary version
    edition: str = ""  # the edition the version wishes for ("Extended", "Director's Cut"); "" = any

    @property
    def version_key(self) -> int:
        """0 for the primary version, else the extra version's id (a key for both in one dictionary)."""
        return self.version_id or 0


@dataclass(frozen=True, slots=True)
class IndexerFacts:
    id: int
    name: str
    priority: int = 25
    tag_ids: frozenset[int] = frozenset()
    required_flags: int = 0
    minimum_seeders: int = 1
    blocked_until: datetime | None = None  # failure back-off


@dataclass(frozen=True, slots=True)
class DelayProfileFacts:
    enable_usenet: bool = True
    enable_torrent: bool = True
    preferred_protocol: str = "usenet"
    usenet_delay: int = 0  # minutes
    torrent_delay: int = 0
    bypass_if_highest_quality: bool = False
    bypass_if_above_custom_format_score: bool = False
    minimum_custom_format_score: int = 0
    tag_ids: frozenset[int] = frozenset()

    def delay_for(self, protocol: str) -> int:
        return self.usenet_delay if protocol == "usenet" else self.torrent_delay


@dataclass(frozen=True, slots=True)
class ReleaseProfileFacts:
    name: str
    required: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    indexer_id: int = 0
    tag_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class DecisionSettings:
    """Global options (Settings → Indexers, Media Management) with Radarr's defaults."""

    minimum_age_minutes: int = 0
    retention_days: int = 0  # 0: unlimited
    maximum_size_mb: int = 0  # 0: unlimited
    allow_hardcoded_subs: bool = False
    whitelisted_hardcoded_subs: str = ""  # comma-separated tags allowed anyway
    download_propers_and_repacks: str = "preferAndUpgrade"  # or doNotUpgrade, doNotPrefer
    prefer_indexer_flags: bool = False


@dataclass(frozen=True, slots=True)
class SearchCriteria:
    """Present for searches, absent for RSS: user-invoked searches skip the RSS-only rules."""

    movie_id: int
    user_invoked: bool = False
    monitored_movies_only: bool = False


@dataclass(frozen=True, slots=True)
class QueuedRelease:
    """A download already in the queue for a movie (downloads passes these in)."""

    title: str
    quality: QualityModel
    format_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class GrabbedRelease:
    """A grab from the movie's history; `imported` when that download was imported since."""

    title: str
    quality: QualityModel
    date: datetime
    format_ids: frozenset[int] = frozenset()
    download_id: str = ""  # a torrent's info hash (upper-case) or the client's id
    imported: bool = False
    version_key: int = 0  # the version it was grabbed for: 0 the primary one, else the extra's id
    version_name: str = ""  # that extra version's name; "" for the primary one


@dataclass(frozen=True, slots=True)
class BlockedRelease:
    """A blocklisted release of a movie, matched by info hash, guid, or title with indexer."""

    title: str
    protocol: str
    indexer: str = ""
    info_hash: str = ""
    guid: str = ""
    published_date: datetime | None = None
    size: int = 0


@dataclass(slots=True)
class DownloadFacts:
    """What the downloads app knows about the batch's movies (the second stage reads it).

    The queue and the grabs belong to a version: the primary version's by movie id, an extra
    version's by version id, so a 4K download in the queue never stands in the way of a 1080p grab.
    The blocklist is the movie's (a bad release is bad for every version)."""

    queued: dict[int, list[QueuedRelease]] = field(default_factory=dict)  # primary versions, by movie id
    grabs: dict[int, list[GrabbedRelease]] = field(default_factory=dict)  # newest first, by movie id
    blocklist: dict[int, list[BlockedRelease]] = field(default_factory=dict)
    completed_download_handling: bool = True
    version_queued: dict[int, list[QueuedRelease]] = field(default_factory=dict)  # by extra version id
    version_grabs: dict[int, list[GrabbedRelease]] = field(default_factory=dict)  # newest first
    # every version's grabs of each movie, newest first, by movie id (one release is not downloaded
    # for two versions)
    movie_grabs: dict[int, list[GrabbedRelease]] = field(default_factory=dict)

    def queued_for(self, movie: MovieFacts) -> list[QueuedRelease]:
        if movie.version_id is None:
            return self.queued.get(movie.id, [])
        return self.version_queued.get(movie.version_id, [])

    def grabs_for(self, movie: MovieFacts) -> list[GrabbedRelease]:
        """The version's grabs, newest first."""
        if movie.version_id is None:
            return self.grabs.get(movie.id, [])
        return self.version_grabs.get(movie.version_id, [])


@dataclass(slots=True)
class Context:
    profiles: dict[int, ProfileFacts]
    size_limits: dict[int, SizeLimits]  # by quality id
    formats: list[Any]  # compiled custom formats (releases.customformats)
    now: datetime
    delay_profiles: list[DelayProfileFacts] = field(default_factory=list)  # in order, the default last
    release_profiles: list[ReleaseProfileFacts] = field(default_factory=list)
    indexers: dict[int, IndexerFacts] = field(default_factory=dict)
    settings: DecisionSettings = field(default_factory=DecisionSettings)
    # minutes since the oldest pending release of each movie's primary version appeared (downloads
    # keeps pending ones), and of each extra version by its id
    oldest_pending_minutes: dict[int, float] = field(default_factory=dict)
    version_pending_minutes: dict[int, float] = field(default_factory=dict)
    # queue, grabs and blocklist of the batch's movies (downloads.decisionfacts.queue_and_history_facts)
    downloads: DownloadFacts = field(default_factory=DownloadFacts)
    reputation_source: ReputationSource | None = None
    reputations: dict[str, Reputation] = field(default_factory=dict)  # by group key
    reputation_keys_read: set[str] = field(default_factory=set)  # asked already, found or not

    def pending_minutes_for(self, movie: MovieFacts) -> float:
        """Minutes since the version's oldest pending release appeared (0 without one)."""
        if movie.version_id is None:
            return self.oldest_pending_minutes.get(movie.id, 0)
        return self.version_pending_minutes.get(movie.version_id, 0)

    def delay_profile_for(self, movie: MovieFacts) -> DelayProfileFacts:
        """The first profile whose tags the movie has; the untagged default otherwise."""
        for profile in self.delay_profiles:
            if not profile.tag_ids or profile.tag_ids & movie.tag_ids:
                return profile
        return DelayProfileFacts()


@dataclass(slots=True)
class Candidate:
    """One release for one movie, with what the engine worked out once for every rule to read."""

    release: ReleaseInfo
    parsed: ParsedMovieInfo
    movie: MovieFacts
    profile: ProfileFacts
    languages: list[int]  # language ids, the movie's original when the title says none
    format_ids: frozenset[int]
    matched_formats: list[tuple[int | None, str]]  # (id, name), sorted by name
    format_score: int  # with the reputation points below
    search: SearchCriteria | None = None
    reputation: Reputation | None = None  # the release group's, when it has one
    reputation_points: int = 0  # custom format points added for it (0 when the profile's setting is off)

    @property
    def format_names(self) -> list[str]:
        return [name for _, name in self.matched_formats]

    @property
    def quality(self) -> QualityModel:
        return self.parsed.quality

    @property
    def revision(self) -> Revision:
        return self.parsed.quality.revision
