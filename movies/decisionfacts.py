"""Movies as the decision engine sees them: `MovieFacts` built for many movies in a few queries.

`movie_facts` gives each movie's primary version (the movie row and its primary file); `version_facts`
gives every version of each movie, the primary first, each extra version with its own profile,
monitoring, availability, file and first import.
"""

from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Q
from django.utils import timezone

from movies.availability import availability_delay_days, is_available, is_available_on
from movies.fileformats import match_file
from movies.models import Movie, MovieFile
from movies.versions import extra_rows_by_movie
from radarr.idsets import in_ids
from releases.customformats import CompiledFormat
from releases.decisions.context import ExistingFile, MovieFacts
from releases.qualities import QUALITIES_BY_ID, UNKNOWN, QualityModel, Revision


def file_quality(movie_file: MovieFile) -> QualityModel:
    revision = movie_file.revision or {}
    return QualityModel(
        QUALITIES_BY_ID.get(movie_file.quality_id, UNKNOWN),
        Revision(revision.get("version", 1), revision.get("real", 0), revision.get("isRepack", False)),
    )


def existing_file(
    movie_file: MovieFile | None, movie: Movie, formats: list[CompiledFormat]
) -> ExistingFile | None:
    """A version's file as the upgrade rules weigh it (None without one)."""
    if movie_file is None:
        return None
    return ExistingFile(
        quality=file_quality(movie_file),
        # matched now, not read from the file: a decision must never weigh formats of the past
        format_ids=frozenset(match_file(movie_file, movie, formats)),
        release_group=movie_file.release_group or None,
        date_added=movie_file.date_added,
    )


def _tags(ids: list[int]) -> dict[int, set[int]]:
    tags: dict[int, set[int]] = {}
    for movie_id, tag_id in Movie.tags.through.objects.filter(movie_id__in=in_ids(ids)).values_list(
        "movie_id", "tag_id"
    ):
        tags.setdefault(movie_id, set()).add(tag_id)
    return tags


def _primary_facts(
    movie: Movie,
    movie_file: MovieFile | None,
    tag_ids: Iterable[int],
    formats: list[CompiledFormat],
    available: bool,
) -> MovieFacts:
    return MovieFacts(
        id=movie.pk,
        title=movie.title,
        year=movie.year,
        quality_profile_id=movie.quality_profile_id,
        runtime=movie.runtime,
        monitored=movie.monitored,
        is_available=available,
        original_language_id=movie.original_language_id,
        tag_ids=frozenset(tag_ids),
        tmdb_id=movie.tmdb_id,
        imdb_id=movie.imdb_id,
        file=existing_file(movie_file, movie, formats),
        first_imported=movie.first_imported,
    )


def movie_facts(movies: Iterable[Movie], formats: list[CompiledFormat]) -> dict[int, MovieFacts]:
    """Facts for each movie's primary version, by id: its primary file (with its formats) and tags in
    two more queries.

    Pass a queryset or list of movies; `formats` are the compiled custom formats of the batch context.
    """
    movies = list(movies)
    ids = [movie.pk for movie in movies]
    today, delay = timezone.localdate(), availability_delay_days()
    primary = {f.movie_id: f for f in MovieFile.objects.filter(movie_id__in=in_ids(ids), is_primary=True)}
    tags = _tags(ids)
    return {
        movie.pk: _primary_facts(
            movie, primary.get(movie.pk), tags.get(movie.pk, ()), formats, is_available(movie, today, delay)
        )
        for movie in movies
    }


def version_facts(movies: Iterable[Movie], formats: list[CompiledFormat]) -> dict[int, list[MovieFacts]]:
    """Facts for every version of each movie, by movie id, the primary version first: three queries
    (extra versions, files, tags) whatever the number of movies and versions.

    An extra version reads its own quality profile, monitored flag, edition wish, file and first
    import, and is available by its own minimum availability (movies.availability); the title, runtime,
    tags and dates are the movie's.
    """
    movies = list(movies)
    ids = [movie.pk for movie in movies]
    today, delay = timezone.localdate(), availability_delay_days()
    extras = extra_rows_by_movie(ids)
    primary: dict[int, MovieFile] = {}
    by_version: dict[int, MovieFile] = {}
    for movie_file in MovieFile.objects.filter(movie_id__in=in_ids(ids)).filter(
        Q(is_primary=True) | Q(version__isnull=False)
    ):
        if movie_file.version_id is not None:
            by_version[movie_file.version_id] = movie_file
        else:
            primary[movie_file.movie_id] = movie_file
    tags = _tags(ids)
    facts: dict[int, list[MovieFacts]] = {}
    for movie in movies:
        base = _primary_facts(
            movie, primary.get(movie.pk), tags.get(movie.pk, ()), formats, is_available(movie, today, delay)
        )
        facts[movie.pk] = [base] + [
            replace(
                base,
                version_id=row.pk,
                version_name=row.name,
                edition=row.edition,
                quality_profile_id=row.quality_profile_id,
                monitored=row.monitored,
                is_available=is_available_on(
                    row.minimum_availability,
                    movie.status,
                    movie.in_cinemas,
                    movie.digital_release,
                    movie.physical_release,
                    today,
                    delay,
                ),
                file=existing_file(by_version.get(row.pk), movie, formats),
                first_imported=row.first_imported,
            )
            for row in extras.get(movie.pk, ())
        ]
    return facts
