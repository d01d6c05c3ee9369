"""The notification events of imports and renames, built from the rows when the change happens."""

from downloads.events import grabbed_release
from movies.events import file_version_snapshot, movie_file_snapshot, movie_snapshot
from movies.models import Movie, MovieFile
from notifications.events import DownloadEvent, RenameEvent
from notifications.snapshots import RenamedFileSnapshot


def download_event(
    movie_file: MovieFile,
    replaced: list[MovieFile] | tuple[MovieFile, ...] = (),
    *,
    download_id: str = "",
    download_client: str = "",
    source_path: str = "",
) -> DownloadEvent:
    """The Download event of an import, with the replaced files taken while their rows exist."""
    movie = movie_file.movie
    return DownloadEvent(
        movie=movie_snapshot(movie),
        movie_file=movie_file_snapshot(movie_file),
        is_upgrade=bool(replaced),
        deleted_files=tuple(movie_file_snapshot(row) for row in replaced),
        release=grabbed_release(movie.pk, download_id),
        download_id=download_id,
        download_client=download_client,
        source_path=source_path,
        version=file_version_snapshot(movie_file),
    )


def rename_event(movie: Movie, renamed: list[tuple[MovieFile, str, str]]) -> RenameEvent:
    """Rename of the movie's files: each (file row after its rename, previous relative path, previous
    path)."""
    return RenameEvent(
        movie=movie_snapshot(movie),
        renamed=tuple(
            RenamedFileSnapshot(movie_file_snapshot(row), relative, path, file_version_snapshot(row))
            for row, relative, path in renamed
        ),
    )
