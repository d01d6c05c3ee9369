"""Editing movies: one movie's settings and path (its folder moved when asked), and the bulk editor."""

import logging
import operator
import posixpath
from functools import reduce
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from movies.autotagging import apply_auto_tags
from movies.files import move_movie_folder
from movies.library import (
    availability_failure,
    existing_tag_ids,
    normalize_path,
    path_failures,
    profile_failure,
)
from movies.models import Movie, VersionTemplate
from movies.rootfolders import configured_root_folder, path_failure, placement, root_folder_failure
from movies.versions import apply_template
from radarr.api.errors import ApiError, Failure, ValidationFailed
from radarr.commands import report_progress
from radarr.idsets import in_ids

logger = logging.getLogger(__name__)

APPLY_TAGS = ("add", "remove", "replace")


# ---- updating


def _new_path(movie: Movie, changes: dict[str, Any]) -> str:
    """Where the movie's folder should be after `changes`: an explicit path, else the new root + folder."""
    path = normalize_path(changes.get("path") or "")
    if path and path != movie.path:
        return path
    root = normalize_path(changes.get("root_folder_path") or "")
    if root and root != movie.root_folder_path:
        return posixpath.join(root, posixpath.basename(movie.path))
    return movie.path


def _new_path_failures(movie: Movie, changes: dict[str, Any], new_path: str) -> list[Failure]:
    """A new folder must be a movie folder inside a configured root folder, and no other movie's."""
    if changes.get("path") and normalize_path(changes["path"]) != movie.path:
        failure = path_failure("Path", changes["path"])
    else:  # the root folder changed: it must be a configured one, the folder keeps its name
        failure = root_folder_failure("RootFolderPath", changes.get("root_folder_path"))
        failure = failure or path_failure("Path", new_path)
    return [failure] if failure else path_failures(new_path, exclude_movie_id=movie.pk)


def _update_failures(movie: Movie, changes: dict[str, Any], new_path: str) -> list[Failure]:
    failures: list[Failure] = []
    if "quality_profile_id" in changes:
        failures += filter(None, [profile_failure(changes["quality_profile_id"])])
    if "minimum_availability" in changes:
        failures += filter(None, [availability_failure(changes["minimum_availability"])])
    if new_path != movie.path:
        failures += _new_path_failures(movie, changes, new_path)
    return failures


def update_movie(movie: Movie, changes: dict[str, Any], *, move_files: bool = False) -> Movie:
    """Apply the user's choices: monitored, minimum availability, profile, path or root folder, tags.

    A new path only repoints the movie unless `move_files` is set; then the folder moves first,
    safely, and the row changes only once the move succeeded.
    """
    new_path = _new_path(movie, changes)
    failures = _update_failures(movie, changes, new_path)
    if failures:
        raise ValidationFailed(failures)
    if new_path != movie.path:
        if move_files:
            move_movie_folder(movie, new_path)
        else:
            logger.info("Repointed %s from '%s' to '%s' without moving files", movie, movie.path, new_path)
        movie.path, movie.root_folder_path = new_path, placement(new_path).root_folder
    for field in ("monitored", "minimum_availability", "quality_profile_id"):
        if field in changes and changes[field] is not None:
            setattr(movie, field, changes[field])
    with transaction.atomic():
        movie.save()
        if changes.get("tag_ids") is not None:
            movie.tags.set(existing_tag_ids(changes["tag_ids"]))
        apply_auto_tags(
            [movie]
        )  # Radarr tags again at every edit: the profile or root folder may have changed
    return movie


# ---- the bulk editor


def _apply_tags(movie_ids: list[int], tag_ids: list[int], apply_tags: str) -> None:
    through = Movie.tags.through
    tag_ids = existing_tag_ids(tag_ids)
    if apply_tags in ("remove", "replace"):
        removed = through.objects.filter(movie_id__in=in_ids(movie_ids))
        removed = removed.filter(tag_id__in=tag_ids) if apply_tags == "remove" else removed
        removed.delete()
    if apply_tags in ("add", "replace"):
        rows = [through(movie_id=movie_id, tag_id=tag_id) for movie_id in movie_ids for tag_id in tag_ids]
        through.objects.bulk_create(rows, ignore_conflicts=True)


def edit_movies(
    movie_ids: list[int],
    *,
    monitored: bool | None = None,
    quality_profile_id: int | None = None,
    minimum_availability: str | None = None,
    root_folder_path: str | None = None,
    move_files: bool = False,
    tag_ids: list[int] | None = None,
    apply_tags: str = "add",
    version_template: VersionTemplate | None = None,
) -> QuerySet[Movie]:
    """The movie editor: set the same choices on many movies; folders move one at a time; with a
    `version_template`, each movie gets that template's version (ours). Returns the edited movies,
    lazily (the API answers from the JSON cache instead)."""
    failures = [
        failure
        for failure in (
            profile_failure(quality_profile_id) if quality_profile_id is not None else None,
            availability_failure(minimum_availability) if minimum_availability is not None else None,
            root_folder_failure("RootFolderPath", root_folder_path) if root_folder_path is not None else None,
        )
        if failure
    ]
    if tag_ids is not None and apply_tags not in APPLY_TAGS:
        failures.append(Failure("ApplyTags", "'Apply Tags' is not valid", apply_tags))
    if failures:
        raise ValidationFailed(failures)
    # Kometa edits 20,000 at once: ids only here, whole rows only where a folder moves
    selected = Movie.objects.filter(pk__in=in_ids(movie_ids))
    ids = list(selected.values_list("pk", flat=True))
    fields = {"monitored": monitored, "quality_profile_id": quality_profile_id}
    fields["minimum_availability"] = minimum_availability
    fields = {name: value for name, value in fields.items() if value is not None}
    with transaction.atomic():
        if fields:
            # only rows that differ: an edit applied again (Kometa runs daily) leaves the cached JSON be
            differing = reduce(operator.or_, (~Q(**{name: value}) for name, value in fields.items()))
            selected.filter(differing).update(**fields)
        if tag_ids is not None:
            _apply_tags(ids, tag_ids, apply_tags)
        apply_auto_tags(Movie.objects.filter(pk__in=in_ids(ids)))
    if root_folder_path is not None:
        _move_to_root_folder(ids, configured_root_folder(root_folder_path), move_files)
    if version_template is not None:
        _add_versions(ids, version_template)
    return Movie.objects.filter(pk__in=in_ids(ids)).only("pk", "root_folder_path", "title", "year")


def _add_versions(ids: list[int], template: VersionTemplate) -> None:
    """The template's version for every movie that lacks it; a template that fits none is a 400."""
    outcome = apply_template(ids, template)
    refused = outcome.refused or []
    if refused and not outcome.added and not outcome.already:
        raise ValidationFailed([Failure("versionTemplateId", reason, template.pk) for reason in refused[:10]])
    for reason in refused:
        logger.warning("No '%s' version added: %s", template.name, reason)
    logger.info("Added the '%s' version to %d movie(s)", template.name, outcome.added)


def _move_to_root_folder(ids: list[int], root: str, move_files: bool) -> None:
    """Repoint (and maybe move) each movie under `root`, reporting progress; a failure skips that one."""
    for number, movie_id in enumerate(ids, start=1):
        movie = Movie.objects.filter(pk=movie_id).first()  # the whole row, as it is now
        if movie is None:
            continue
        report_progress(f"Moving {movie} to '{root}' ({number} of {len(ids)})")
        try:
            update_movie(movie, {"root_folder_path": root}, move_files=move_files)
        except ApiError as error:
            logger.error("Could not move %s to '%s': %s", movie, root, error.message)
