"""django-q2 entry points of the movies app: they take ids, load fresh rows and return a summary."""

import logging

from movies.editing import edit_movies
from movies.mediacover import cache_covers
from movies.models import Movie
from movies.refresh import movies_due_for_refresh, refresh_movie, refresh_movies_batch
from movies.scanning import scan_movie_folders
from movies.tmdb import TmdbError
from radarr.commands import report_progress

logger = logging.getLogger(__name__)

REFRESH_BATCH = 50  # movies fetched together (TMDB in parallel) and written in one transaction
RESCAN_BATCH = 200  # movie folders matched in one transaction


def refresh_movies(movie_ids: list[int] | None = None) -> str:
    """RefreshMovie: the given movies, or with no ids the scheduled selection (movies.refresh's policy:
    unreleased and recently released movies every run, the rest weekly).

    One movie's failure is logged and the run goes on; TMDB itself failing (unreachable, no or a
    rejected key) stops the run, since every other movie would fail the same way.
    """
    movies = (
        Movie.objects.filter(pk__in=movie_ids).order_by("sort_title")
        if movie_ids
        else movies_due_for_refresh()
    )
    ids = list(movies.values_list("pk", flat=True))
    refreshed, failed = 0, 0
    for start in range(0, len(ids), REFRESH_BATCH):
        batch = list(Movie.objects.filter(pk__in=ids[start : start + REFRESH_BATCH]))  # deleted ones drop out
        report_progress(f"Refreshing {start + 1}-{start + len(batch)} of {len(ids)} movies")
        try:
            refresh_movies_batch(batch)
            refreshed += len(batch)
        except TmdbError as error:
            logger.error("Movie refresh stopped after %d of %d: %s", start, len(ids), error.message)
            return f"Stopped after {refreshed} of {len(ids)} movies: {error.message}"
        except Exception:
            logger.exception(
                "Refreshing movies %d-%d as a batch failed; one at a time", start + 1, start + len(batch)
            )
            for number, movie in enumerate(batch, start=start + 1):
                report_progress(f"Refreshing {number} of {len(ids)}: {movie.title}")
                try:
                    refresh_movie(Movie.objects.get(pk=movie.pk))
                    refreshed += 1
                except Movie.DoesNotExist:
                    continue  # deleted while the run was going
                except TmdbError as error:
                    return f"Stopped after {refreshed} of {len(ids)} movies: {error.message}"
                except Exception:
                    failed += 1
                    logger.exception("Refreshing %s failed", movie)
    summary = f"Refreshed {refreshed} of {len(ids)} movies"
    return summary + (f", {failed} failed (see the log)" if failed else "")


def cache_movie_covers(movie_id: int) -> str:
    """Download a movie's poster and fanart: queued after a movie is added, outside the web request."""
    movie = Movie.objects.filter(pk=movie_id).first()
    if movie is None:
        return f"Movie {movie_id} no longer exists"
    cache_covers(movie)
    return f"Covers of {movie} cached"


def rescan_movies(movie_id: int | None = None, movie_ids: list[int] | None = None) -> str:
    """RescanMovie: look at movie folders again for their files (Bazarr posts it after writing subtitles).

    With no ids, every movie; the scan itself never deletes anything on disk.
    """
    ids = movie_ids or ([movie_id] if movie_id else None)
    movies = Movie.objects.filter(pk__in=ids) if ids else Movie.objects.all()
    every = list(movies.order_by("sort_title").values_list("pk", flat=True))
    for start in range(0, len(every), RESCAN_BATCH):
        chunk = every[start : start + RESCAN_BATCH]
        order = {pk: number for number, pk in enumerate(chunk)}
        batch = sorted(Movie.objects.filter(pk__in=chunk), key=lambda movie: order[movie.pk])
        report_progress(f"Scanning {start + 1}-{start + len(batch)} of {len(every)} movie folders")
        for movie, message in zip(batch, scan_movie_folders(batch), strict=True):
            logger.debug("Rescan of %s: %s", movie, message)
    return f"Rescanned {len(every)} movie folder(s)"


def bulk_move_movies(movie_ids: list[int], destination_root_folder: str, move_files: bool = True) -> str:
    """BulkMoveMovie: the editor's new root folder, one movie folder at a time with progress."""
    moved = edit_movies(movie_ids, root_folder_path=destination_root_folder, move_files=move_files)
    arrived = moved.filter(root_folder_path=destination_root_folder).count()
    summary = f"Moved {arrived} of {len(movie_ids)} movie(s) to {destination_root_folder}"
    return summary + ("" if arrived == len(movie_ids) else "; see the log for the others")
