"""Where a movie file lives: in the folder of its extra version when that version has its own root
folder, else in the movie's folder (the primary file, files found there, and the files of versions that
share it). `MovieFile.relative_path` is inside that folder; every reader of a file's path asks here."""

import posixpath

from movies.models import Movie, MovieFile, MovieVersion


def version_folder_of(movie: Movie, version: MovieVersion | None) -> str:
    """The folder a version's file goes into: its own folder, or the movie's when it shares it."""
    return version.path if version is not None and version.path else movie.path


def folder_of(movie_file: MovieFile) -> str:
    """The folder holding the file (load `movie` and `version` with select_related on lists)."""
    version = movie_file.version if movie_file.version_id else None
    return version_folder_of(movie_file.movie, version)


def path_of(movie_file: MovieFile) -> str:
    return posixpath.join(folder_of(movie_file), movie_file.relative_path)
