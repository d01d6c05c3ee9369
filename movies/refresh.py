"""Refreshing movies from TMDB: metadata, status and dates, alternative titles, the collection link,
covers, then a rescan of the movie's folder. Each outcome is written to the log.

A movie TMDB no longer knows is flagged `deleted`, never removed: its files are the user's.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from movies.autotagging import apply_auto_tags
from movies.mediacover import cache_covers, carry_versions
from movies.metadata import CollectionMetadata, CollectionRef, CreditInfo, MovieMetadata
from movies.models import (
    AlternativeTitle,
    Collection,
    Credit,
    MetadataConfig,
    Movie,
    MovieQuerySet,
    MovieStatus,
)
from movies.titles import clean_title, sort_title
from movies.tmdb import TmdbError, TmdbNotFound, fetch_collection, fetch_many, fetch_movie
from radarr.idsets import in_ids

logger = logging.getLogger(__name__)

# The scheduled refresh's policy (RefreshMovie with no ids), after Radarr's "should refresh" rule:
RECENT_SYNC = timedelta(hours=6)  # never sooner than this after the last sync
ACTIVE_WINDOW = timedelta(days=30)  # a release date this close (either side): dates still move
STALE_SYNC = timedelta(days=7)  # everything else once a week: TMDB edits old films too
COLLECTION_SYNC = timedelta(days=1)  # a collection's own details at most daily

_UNRELEASED = (MovieStatus.TBA, MovieStatus.ANNOUNCED, MovieStatus.IN_CINEMAS)


def movies_due_for_refresh() -> MovieQuerySet:
    """Movies the scheduled refresh takes: never synced; or not synced for 6 hours and either not
    released yet or with a release date within 30 days of today; or not synced for a week."""
    now = timezone.now()
    today = timezone.localdate()
    window = (today - ACTIVE_WINDOW, today + ACTIVE_WINDOW)
    active = (
        Q(status__in=_UNRELEASED)
        | Q(in_cinemas__range=window)
        | Q(digital_release__range=window)
        | Q(physical_release__range=window)
    )
    due = (
        Q(last_info_sync__isnull=True)
        | (Q(last_info_sync__lt=now - RECENT_SYNC) & active)
        | Q(last_info_sync__lt=now - STALE_SYNC)
    )
    return Movie.objects.filter(due).order_by("last_info_sync", "pk")


# what apply_metadata sets: the fields a refresh saves
METADATA_FIELDS = [
    "tmdb_id",
    "imdb_id",
    "title",
    "sort_title",
    "clean_title",
    "original_title",
    "original_language_id",
    "year",
    "secondary_year",
    "overview",
    "runtime",
    "status",
    "in_cinemas",
    "digital_release",
    "physical_release",
    "certification",
    "genres",
    "keywords",
    "studio",
    "website",
    "youtube_trailer_id",
    "images",
    "ratings",
    "popularity",
]


def apply_metadata(movie: Movie, metadata: MovieMetadata) -> None:
    """Copy TMDB's metadata onto the row (not saved); the user's choices are left alone."""
    movie.tmdb_id = metadata.tmdb_id
    movie.imdb_id = metadata.imdb_id or movie.imdb_id
    movie.title = metadata.title
    movie.sort_title = metadata.sort_title
    movie.clean_title = metadata.clean_title
    movie.original_title = metadata.original_title
    movie.original_language_id = metadata.original_language_id
    movie.year = metadata.year
    movie.secondary_year = metadata.secondary_year
    movie.overview = metadata.overview
    movie.runtime = metadata.runtime
    movie.status = metadata.status
    movie.in_cinemas = metadata.in_cinemas
    movie.digital_release = metadata.digital_release
    movie.physical_release = metadata.physical_release
    movie.certification = metadata.certification
    movie.genres = list(metadata.genres)
    movie.keywords = list(metadata.keywords)
    movie.studio = metadata.studio
    movie.website = metadata.website
    movie.youtube_trailer_id = metadata.youtube_trailer_id
    movie.images = carry_versions(movie.images or [], list(metadata.images))
    movie.ratings = dict(metadata.ratings)
    movie.popularity = metadata.popularity


def replace_credits(movie: Movie, credits: tuple[CreditInfo, ...] | None) -> None:
    """TMDB's cast and crew replace the stored ones; None (metadata without credits) keeps them."""
    if credits is None:
        return
    movie.credits.all().delete()
    Credit.objects.bulk_create(credit_rows(movie, credits))


def credit_rows(movie: Movie, credits: tuple[CreditInfo, ...] | None) -> list[Credit]:
    """The Credit rows (unsaved) of TMDB's cast and crew for a movie."""
    return [
        Credit(
            movie=movie,
            credit_tmdb_id=credit.credit_tmdb_id,
            person_tmdb_id=credit.person_tmdb_id,
            name=credit.name[:500],
            type=credit.type,
            order=credit.order,
            character=credit.character[:1000],
            department=credit.department[:200],
            job=credit.job[:200],
            images=list(credit.images),
        )
        for credit in credits or ()
    ]


def replace_alternative_titles(movie: Movie, titles: tuple[str, ...]) -> None:
    """TMDB's alternative titles replace the previous TMDB ones; users' and mappings' stay."""
    movie.alternative_titles.filter(source_type=AlternativeTitle.Source.TMDB).delete()
    kept = {clean_title(title) for title in movie.alternative_titles.values_list("title", flat=True)}
    AlternativeTitle.objects.bulk_create(alternative_title_rows(movie, titles, kept))


def alternative_title_rows(movie: Movie, titles: tuple[str, ...], kept: set[str]) -> list[AlternativeTitle]:
    """Unsaved rows for TMDB's alternative titles, leaving out repeats and those `kept` already holds."""
    kept = set(kept)
    rows = []
    for title in titles:
        cleaned = clean_title(title)
        if cleaned and cleaned not in kept and cleaned != movie.clean_title:
            kept.add(cleaned)
            rows.append(AlternativeTitle(movie=movie, title=title, clean_title=cleaned))
    return rows


def link_collection(reference: CollectionRef | None) -> Collection | None:
    """The Collection row for a movie's TMDB collection, created when new and its details (parts,
    overview, images) fetched at most daily; a failed fetch keeps the row as it was."""
    if reference is None:
        return None
    collection, created = Collection.objects.get_or_create(
        tmdb_id=reference.tmdb_id,
        defaults={
            "title": reference.title,
            "clean_title": clean_title(reference.title),
            "sort_title": sort_title(reference.title),
        },
    )
    fresh = collection.last_info_sync and collection.last_info_sync > timezone.now() - COLLECTION_SYNC
    if not fresh:
        try:
            refresh_collection(collection)
        except TmdbNotFound:
            logger.warning("TMDB no longer knows the collection %s (%s)", collection, collection.tmdb_id)
    return collection


def refresh_collection(collection: Collection) -> None:
    """Fetch a collection's details and parts from TMDB and store them on the row."""
    _store_collection(collection, fetch_collection(collection.tmdb_id))


def _store_collection(collection: Collection, metadata: CollectionMetadata) -> None:
    collection.title = metadata.title or collection.title
    collection.clean_title = clean_title(collection.title)
    collection.sort_title = sort_title(collection.title)
    collection.overview = metadata.overview
    collection.images = [dict(image) for image in metadata.images]
    collection.parts = [_collection_part(part) for part in metadata.parts]
    collection.last_info_sync = timezone.now()
    collection.save()


def _collection_part(part: MovieMetadata) -> dict:
    """One member movie as the collection page and CollectionMovieResource read it (camelCase)."""
    return {
        "tmdbId": part.tmdb_id,
        "imdbId": part.imdb_id,
        "title": part.title,
        "cleanTitle": part.clean_title,
        "sortTitle": part.sort_title,
        "status": part.status,
        "overview": part.overview,
        "runtime": part.runtime,
        "images": [dict(image) for image in part.images],
        "year": part.year,
        "ratings": dict(part.ratings),
        "genres": list(part.genres),
        "inCinemas": part.in_cinemas.isoformat() if part.in_cinemas else None,
    }


def refresh_movie(movie: Movie) -> str:
    """Refresh one movie from TMDB and rescan its folder; returns the outcome, also logged.

    TmdbNotFound flags the movie deleted; other TmdbErrors (unreachable, key) leave it untouched and
    propagate, so a run over many movies can stop instead of failing each one the same way.
    """
    return refresh_movies_batch([movie])[0]


def refresh_movies_batch(movies: list[Movie]) -> list[str]:
    """Refresh a batch of movies: TMDB asked for several at once (within its rate limit), then the rows
    written in one transaction with a fixed number of queries for the batch, covers cached and the
    folders scanned as one batch. Returns each movie's outcome, in order.

    A movie TMDB no longer knows is flagged deleted. Another TmdbError (unreachable, key) is raised once
    the movies TMDB did answer for are written."""
    region = MetadataConfig.load().tmdb_region
    fetched = fetch_many(lambda movie: fetch_movie(movie.tmdb_id, region, keep=False), movies)
    outcomes: dict[int, str] = {}
    failure: TmdbError | None = None
    updated: list[tuple[Movie, MovieMetadata, tuple]] = []
    for movie, metadata in zip(movies, fetched, strict=True):
        if isinstance(metadata, TmdbNotFound):
            outcomes[movie.pk] = _flag_deleted(movie)
        elif isinstance(metadata, TmdbError):
            failure = failure or metadata
        else:
            was = (movie.status, movie.in_cinemas, movie.digital_release, movie.physical_release)
            apply_metadata(movie, metadata)
            movie.last_info_sync = timezone.now()
            updated.append((movie, metadata, was))
    if updated:
        # network first (a collection's details at most daily): before any write lock is held
        collections = link_collections([metadata.collection for _movie, metadata, _was in updated])
        for movie, metadata, _was in updated:
            movie.collection = collections.get(metadata.collection.tmdb_id) if metadata.collection else None
        _write_refreshed(updated)
        for movie, _metadata, was in updated:
            cache_covers(movie)
            outcome = f"Updated info for {movie}"
            if was != (movie.status, movie.in_cinemas, movie.digital_release, movie.physical_release):
                outcome += f": status {movie.status}, in cinemas {movie.in_cinemas or '-'}, digital "
                outcome += f"{movie.digital_release or '-'}, physical {movie.physical_release or '-'}"
            logger.info(outcome)
            outcomes[movie.pk] = outcome
        scan = _folder_scanner()
        if scan is not None:
            scanned = [movie for movie, _metadata, _was in updated]
            for movie, message in zip(scanned, scan(scanned), strict=True):
                outcomes[movie.pk] += "; " + message
    if failure is not None:
        raise failure
    return [outcomes[movie.pk] for movie in movies]


def _write_refreshed(updated: list[tuple[Movie, MovieMetadata, tuple]]) -> None:
    """TMDB's fields, alternative titles, credits and auto tags of a batch, in one transaction."""
    movies = [movie for movie, _metadata, _was in updated]
    ids = in_ids(movie.pk for movie in movies)
    with transaction.atomic():
        # only TMDB's fields: a user's edit made while TMDB answered must not be overwritten
        Movie.objects.bulk_update(movies, [*METADATA_FIELDS, "collection", "last_info_sync"], batch_size=100)
        AlternativeTitle.objects.filter(movie_id__in=ids, source_type=AlternativeTitle.Source.TMDB).delete()
        kept: dict[int, set[str]] = {movie.pk: set() for movie in movies}
        for movie_id, title in AlternativeTitle.objects.filter(movie_id__in=ids).values_list(
            "movie_id", "title"
        ):
            kept[movie_id].add(clean_title(title))
        AlternativeTitle.objects.bulk_create(
            [
                row
                for movie, metadata, _was in updated
                for row in alternative_title_rows(movie, metadata.alternative_titles, kept[movie.pk])
            ]
        )
        with_credits = [
            (movie, metadata) for movie, metadata, _was in updated if metadata.credits is not None
        ]
        if with_credits:
            Credit.objects.filter(movie_id__in=in_ids(movie.pk for movie, _metadata in with_credits)).delete()
            Credit.objects.bulk_create(
                [row for movie, metadata in with_credits for row in credit_rows(movie, metadata.credits)]
            )
        apply_auto_tags(movies)


def link_collections(references: list[CollectionRef | None]) -> dict[int, Collection]:
    """link_collection for a batch: the rows read in one query, new ones created together, details of
    those not synced for a day fetched from TMDB several at once."""
    wanted = {reference.tmdb_id: reference for reference in references if reference is not None}
    if not wanted:
        return {}
    found = {row.tmdb_id: row for row in Collection.objects.filter(tmdb_id__in=in_ids(wanted))}
    new = [
        Collection(
            tmdb_id=reference.tmdb_id,
            title=reference.title,
            clean_title=clean_title(reference.title),
            sort_title=sort_title(reference.title),
        )
        for tmdb_id, reference in wanted.items()
        if tmdb_id not in found
    ]
    for row in Collection.objects.bulk_create(new, ignore_conflicts=True):
        found.setdefault(row.tmdb_id, row)
    if new:  # ignore_conflicts gives no ids: read the rows another writer or this batch created
        found |= {row.tmdb_id: row for row in Collection.objects.filter(tmdb_id__in=in_ids(wanted))}
    stale_after = timezone.now() - COLLECTION_SYNC
    stale = [row for row in found.values() if not (row.last_info_sync and row.last_info_sync > stale_after)]
    for collection, details in zip(
        stale, fetch_many(lambda row: fetch_collection(row.tmdb_id), stale), strict=True
    ):
        if isinstance(details, TmdbNotFound):
            logger.warning("TMDB no longer knows the collection %s (%s)", collection, collection.tmdb_id)
        elif isinstance(details, TmdbError):
            continue  # kept as it was; tried again at the next refresh
        else:
            _store_collection(collection, details)
    return found


def _flag_deleted(movie: Movie) -> str:
    movie.status = MovieStatus.DELETED
    movie.last_info_sync = timezone.now()
    movie.save(update_fields=["status", "last_info_sync"])
    message = f"{movie} (TMDB {movie.tmdb_id}) was removed from TMDB: flagged deleted, files kept"
    logger.warning(message)
    return message


def _folder_scanner() -> Callable[[list[Movie]], list[str]] | None:
    """movies.scanning.scan_movie_folders once the library-scan work has landed; None until then."""
    try:
        from movies.scanning import scan_movie_folders
    except ModuleNotFoundError as error:
        if error.name != "movies.scanning":
            raise
        return None
    return scan_movie_folders
