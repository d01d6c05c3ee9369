"""Movies as the decision engine sees them: `MovieFacts` built for many movies in a few queries."""

from collections.abc import Iterable

from django.utils import timezone

from movies.availability import availability_delay_days, is_available
from movies.fileformats import match_file
from movies.models import Movie, MovieFile
from releases.customformats import CompiledFormat
from releases.decisions.context import ExistingFile, MovieFacts
from releases.qualities import QUALITIES_BY_ID, UNKNOWN, QualityModel, Revision


def file_quality(movie_file: MovieFile) -> QualityModel:
    revision = movie_file.revision or {}
    return QualityModel(
        QUALITIES_BY_ID.get(movie_file.quality_id, UNKNOWN),
        Revision(revision.get("version", 1), revision.get("real", 0), revision.get("isRepack", False)),
    )


def movie_facts(movies: Iterable[Movie], formats: list[CompiledFormat]) -> dict[int, MovieFacts]:
    """Facts for each movie, by id: its primary file (with its formats) and tags in two more queries.

    Pass a queryset or list of movies; `formats` are the compiled custom formats of the batch context.
    """
    movies = list(movies)
    ids = [movie.pk for movie in movies]
    today, delay = timezone.localdate(), availability_delay_days()
    primary = {f.movie_id: f for f in MovieFile.objects.filter(movie_id__in=ids, is_primary=True)}
    tags: dict[int, set[int]] = {}
    for movie_id, tag_id in Movie.tags.through.objects.filter(movie_id__in=ids).values_list(
        "movie_id", "tag_id"
    ):
        tags.setdefault(movie_id, set()).add(tag_id)
    facts = {}
    for movie in movies:
        movie_file = primary.get(movie.pk)
        existing = None
        if movie_file is not None:
            existing = ExistingFile(
                quality=file_quality(movie_file),
                # matched now, not read from the file: a decision must never weigh formats of the past
                format_ids=frozenset(match_file(movie_file, movie, formats)),
                release_group=movie_file.release_group or None,
                date_added=movie_file.date_added,
            )
        facts[movie.pk] = MovieFacts(
            id=movie.pk,
            title=movie.title,
            year=movie.year,
            quality_profile_id=movie.quality_profile_id,
            runtime=movie.runtime,
            monitored=movie.monitored,
            is_available=is_available(movie, today, delay),
            original_language_id=movie.original_language_id,
            tag_ids=frozenset(tags.get(movie.pk, ())),
            tmdb_id=movie.tmdb_id,
            imdb_id=movie.imdb_id,
            file=existing,
            first_imported=movie.first_imported,
        )
    return facts
