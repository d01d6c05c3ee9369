"""What a quality profile or custom format change would do, before it is saved.

The library's files are judged by the one cutoff rule (movies.cutoff) as things are and as they would
be: the movies that would newly be cutoff unmet (a search would upgrade them) and those that would no
longer be. The releases in the queue (downloads in a client and pending releases) are weighed again by
the profile and custom format rules (releases.decisions.engine.PROFILE): those the change would reject.

Only what the change can touch is read: the files of the profile's movies, or of the movies whose
profile scores the custom format (or stops at it). A preview costs the same handful of queries
whatever the size of the library; a custom format's preview parses each such file's name once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.utils import timezone

from downloads.models import PendingRelease, TrackedDownload
from downloads.pending import release_from_json
from movies.cutoff import CutoffJudge
from movies.decisionfacts import version_facts
from movies.fileformats import MATCHED_COLUMNS, match_file
from movies.models import Movie, MovieFile
from releases.customformats import CompiledFormat, compile_formats
from releases.decisions.context import Context, MovieFacts, ProfileFacts
from releases.decisions.engine import profile_rejections
from releases.decisions.loading import load_context
from releases.decisions.rejection import Rejection
from releases.decisions.reputation import preload_reputations
from releases.models import ProfileFormatScore, QualityProfile
from releases.parser import parse_movie_title
from releases.qualities import QUALITIES_BY_ID
from releases.releaseinfo import ReleaseInfo


@dataclass(frozen=True, slots=True)
class FileChange:
    """A movie whose file would change sides of its cutoff."""

    movie_id: int
    tmdb_id: int  # the movie page's address
    title: str
    year: int
    quality: str
    score_before: int
    score_after: int


@dataclass(frozen=True, slots=True)
class QueueChange:
    """A release in the queue the change would reject."""

    title: str
    movie_id: int
    movie_tmdb_id: int
    movie_title: str
    source: str  # "download" (in a client) or "pending"
    rejections: list[Rejection]


@dataclass(slots=True)
class ChangePreview:
    files_checked: int = 0
    newly_unmet: list[FileChange] = field(default_factory=list)
    no_longer_unmet: list[FileChange] = field(default_factory=list)
    queue_checked: int = 0
    newly_rejected: list[QueueChange] = field(default_factory=list)

    @property
    def changes_nothing(self) -> bool:
        return not (self.newly_unmet or self.no_longer_unmet or self.newly_rejected)


@dataclass(frozen=True, slots=True)
class _FileRow:
    movie_id: int
    tmdb_id: int
    title: str
    year: int
    profile_id: int
    quality_id: int
    format_ids: list[int]
    release_group: str
    first_imported: datetime | None


# ---- quality profiles


def preview_profile_change(changed: ProfileFacts) -> ChangePreview:
    """What saving `changed` over the stored profile of its id would do to its movies."""
    movies = Movie.objects.filter(quality_profile_id=changed.id)
    rows = _file_rows(movies)
    groups = [row.release_group for row in rows]
    before, after = CutoffJudge(groups), CutoffJudge(groups, changed=changed)
    preview = ChangePreview(files_checked=len(rows))
    _compare_files(preview, rows, lambda row: _standing(before, row), lambda row: _standing(after, row))
    context = load_context()
    changed_context = replace(context, profiles=context.profiles | {changed.id: changed})
    _compare_queue(preview, movies, (context, context.formats), (changed_context, context.formats))
    return preview


# ---- custom formats


def preview_format_change(format_id: int | None, name: str, specifications: list[dict]) -> ChangePreview:
    """What saving a custom format (`format_id` None: a new one) would do. Only movies whose profile
    scores the format, or stops upgrading at it, can change: a new format scores 0 everywhere."""
    if format_id is None:
        return ChangePreview()
    profile_ids = set(
        ProfileFormatScore.objects.filter(custom_format_id=format_id)
        .exclude(score=0)
        .values_list("profile_id", flat=True)
    ) | set(QualityProfile.objects.filter(cutoff_format_id=format_id).values_list("pk", flat=True))
    movies = Movie.objects.filter(quality_profile_id__in=profile_ids)
    [changed] = compile_formats([{"id": format_id, "name": name, "specifications": specifications}])
    new_ids = _rematched_ids(movies, changed)
    rows = _file_rows(movies)
    judge = CutoffJudge(row.release_group for row in rows)
    preview = ChangePreview(files_checked=len(rows))

    def after(row: _FileRow) -> tuple[int, bool]:
        others = [fid for fid in row.format_ids if fid != format_id]
        return _standing(judge, replace(row, format_ids=others + new_ids.get(row.movie_id, [])))

    _compare_files(preview, rows, lambda row: _standing(judge, row), after)
    context = load_context()
    formats = [changed if fmt.id == format_id else fmt for fmt in context.formats]
    _compare_queue(preview, movies, (context, context.formats), (replace(context, formats=formats), formats))
    return preview


def _rematched_ids(movies: Iterable[Movie], changed: CompiledFormat) -> dict[int, list[int]]:
    """By movie: [the format's id] where the changed format matches the movie's primary file."""
    files = (
        MovieFile.objects.filter(is_primary=True, movie__in=movies)
        .select_related("movie")
        .only(*MATCHED_COLUMNS)
    )
    return {movie_file.movie_id: match_file(movie_file, movie_file.movie, [changed]) for movie_file in files}


# ---- shared


def _file_rows(movies: Iterable[Movie]) -> list[_FileRow]:
    """The primary file of each movie, with what the cutoff rule reads (one query)."""
    rows = MovieFile.objects.filter(is_primary=True, movie__in=movies).values_list(
        "movie_id",
        "movie__tmdb_id",
        "movie__title",
        "movie__year",
        "movie__quality_profile_id",
        "quality_id",
        "custom_format_ids",
        "release_group",
        "movie__first_imported",
    )
    return sorted((_FileRow(*row) for row in rows), key=lambda row: (row.title.lower(), row.movie_id))


def _standing(judge: CutoffJudge, row: _FileRow) -> tuple[int, bool]:
    return judge.standing(
        row.profile_id, row.quality_id, row.format_ids, row.release_group, row.first_imported
    )


def _compare_files(
    preview: ChangePreview,
    rows: list[_FileRow],
    before: Callable[[_FileRow], tuple[int, bool]],
    after: Callable[[_FileRow], tuple[int, bool]],
) -> None:
    for row in rows:
        (score_before, unmet_before), (score_after, unmet_after) = before(row), after(row)
        if unmet_before == unmet_after:
            continue
        quality = QUALITIES_BY_ID.get(row.quality_id)
        change = FileChange(
            row.movie_id,
            row.tmdb_id,
            row.title,
            row.year,
            quality.name if quality else "Unknown",
            score_before,
            score_after,
        )
        (preview.newly_unmet if unmet_after else preview.no_longer_unmet).append(change)


@dataclass(frozen=True, slots=True)
class _Queued:
    title: str
    movie_id: int
    source: str
    release: ReleaseInfo
    version_id: int | None = None  # the extra version it is for (weighed by that version's profile)


def _queued_releases(movies: Iterable[Movie]) -> list[_Queued]:
    """Downloads in the queue and pending releases of these movies (two queries)."""
    now = timezone.now()
    queued = [
        _Queued(
            row.title,
            row.movie_id,
            "download",
            ReleaseInfo(
                guid=row.download_id,
                title=row.title,
                size=row.total_size,
                protocol=row.protocol,
                publish_date=row.added or now,
                indexer=row.indexer,
            ),
            row.version_id,
        )
        for row in TrackedDownload.objects.in_queue().filter(movie__in=movies).select_related(None)
    ]
    queued += [
        _Queued(row.title, row.movie_id, "pending", release_from_json(row.release), row.version_id)
        for row in PendingRelease.objects.filter(movie__in=movies)
    ]
    return queued


def _compare_queue(
    preview: ChangePreview,
    movies: Iterable[Movie],
    before: tuple[Context, list[CompiledFormat]],
    after: tuple[Context, list[CompiledFormat]],
) -> None:
    """Each queued release weighed by the profile rules as things are and as they would be."""
    queued = _queued_releases(movies)
    preview.queue_checked = len(queued)
    if not queued:
        return
    rows = list(Movie.objects.filter(pk__in={item.movie_id for item in queued}))
    facts_before = _by_version(version_facts(rows, before[1]))
    facts_after = _by_version(version_facts(rows, after[1]))
    queued = [item for item in queued if (item.movie_id, item.version_id) in facts_after]
    parsed = {item.title: parse_movie_title(item.title) for item in queued}
    for context, facts in ((before[0], facts_before), (after[0], facts_after)):
        preload_reputations(context, [(item.title, facts[item.movie_id, item.version_id]) for item in queued])
    for item in queued:
        movie: MovieFacts = facts_after[item.movie_id, item.version_id]
        before_facts = facts_before[item.movie_id, item.version_id]
        if profile_rejections(item.release, parsed[item.title], before_facts, before[0]):
            continue  # rejected already: not the change's doing
        rejections = profile_rejections(item.release, parsed[item.title], movie, after[0])
        if rejections:
            preview.newly_rejected.append(
                QueueChange(item.title, item.movie_id, movie.tmdb_id, movie.title, item.source, rejections)
            )


def _by_version(facts: dict[int, list[MovieFacts]]) -> dict[tuple[int, int | None], MovieFacts]:
    """Version facts by (movie id, version id): a queued download is weighed for its own version."""
    return {(movie.id, movie.version_id): movie for versions in facts.values() for movie in versions}


def change_preview_resource(preview: ChangePreview) -> dict[str, Any]:
    """A preview in our v3 shape (ChangePreviewResource in the OpenAPI document)."""

    def file_resource(change: FileChange) -> dict[str, Any]:
        return {
            "movieId": change.movie_id,
            "title": change.title,
            "year": change.year,
            "quality": change.quality,
            "customFormatScoreBefore": change.score_before,
            "customFormatScoreAfter": change.score_after,
        }

    return {
        "filesChecked": preview.files_checked,
        "newlyCutoffUnmet": [file_resource(change) for change in preview.newly_unmet],
        "noLongerCutoffUnmet": [file_resource(change) for change in preview.no_longer_unmet],
        "queueChecked": preview.queue_checked,
        "queueRejected": [
            {
                "title": change.title,
                "movieId": change.movie_id,
                "movieTitle": change.movie_title,
                "source": change.source,
                "rejections": [
                    {"reason": rejection.reason, "message": rejection.message}
                    for rejection in change.rejections
                ],
            }
            for change in preview.newly_rejected
        ],
    }
