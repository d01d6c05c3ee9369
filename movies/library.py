"""The library's shared rules and its small rows: paths as they are stored, the validation every change
applies (raised as Radarr's 400 array, `ValidationFailed`, with Radarr's property names and messages so
clients see what Radarr would say), import exclusions, root folders and tags.

Movies are added in movies.adding, edited and moved in movies.editing, deleted in movies.deleting, and
collections monitored in movies.collectionmonitoring: each change happens in exactly one function,
whatever asks for it (pages, the v3 API, library import, collections, import lists).
"""

import logging
import os
import posixpath
from collections.abc import Iterable
from typing import Any

from movies.models import ImportExclusion, MinimumAvailability, Movie, RootFolder
from radarr.api.errors import ApiError, Failure, ValidationFailed, invalid
from radarr.models import Tag
from releases.models import QualityProfile

logger = logging.getLogger(__name__)


def normalize_path(path: str) -> str:
    """An absolute folder path without a trailing slash, as paths are stored and compared."""
    return posixpath.normpath(path.strip()) if path and path.strip() else ""


# ---- validation shared by add and update


def profile_failure(quality_profile_id: Any) -> Failure | None:
    if (
        not isinstance(quality_profile_id, int)
        or not QualityProfile.objects.filter(pk=quality_profile_id).exists()
    ):
        return Failure("QualityProfileId", "Quality Profile does not exist", quality_profile_id)
    return None


def availability_failure(minimum_availability: str) -> Failure | None:
    if minimum_availability not in MinimumAvailability.values:
        return Failure("MinimumAvailability", "'Minimum Availability' is not valid", minimum_availability)
    return None


def folder_failure(property_name: str, path: str) -> Failure | None:
    if not path or not os.path.isabs(path):
        return Failure(property_name, "Invalid Path", path)
    if not os.path.isdir(path):
        return Failure(property_name, f"Folder '{path}' does not exist", path)
    if not os.access(path, os.W_OK):
        return Failure(property_name, f"Folder '{path}' is not writable by user '{_user_name()}'", path)
    return None


def _user_name() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return str(os.getuid())


def path_failures(path: str, exclude_movie_id: int | None = None) -> list[Failure]:
    """Radarr's MoviePathValidator and MovieAncestorValidator, plus: never a root folder itself."""
    others = Movie.objects.exclude(pk=exclude_movie_id) if exclude_movie_id else Movie.objects.all()
    if others.filter(path=path).exists():
        return [Failure("Path", "Path is already configured for an existing movie", path)]
    if others.filter(path__startswith=path.rstrip("/") + "/").exists():
        return [Failure("Path", "Path is an ancestor of an existing movie", path)]
    if RootFolder.objects.filter(path=path).exists():
        return [Failure("Path", "Path is a root folder, a movie needs its own folder inside it", path)]
    return []


def existing_tag_ids(tag_ids: Iterable[int]) -> list[int]:
    wanted = {int(tag_id) for tag_id in tag_ids}
    return list(Tag.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else []


# ---- exclusions


def add_exclusion(tmdb_id: int, movie_title: str = "", movie_year: int = 0) -> ImportExclusion:
    """Exclude a movie from lists and collections; an existing exclusion of the same id is returned."""
    if not tmdb_id or tmdb_id <= 0:
        raise invalid("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    exclusion, _ = ImportExclusion.objects.get_or_create(
        tmdb_id=tmdb_id, defaults={"movie_title": movie_title or "", "movie_year": movie_year or 0}
    )
    return exclusion


# ---- root folders


def add_root_folder(path: str) -> RootFolder:
    """A folder movies live in: it must exist, be writable, and not overlap another root folder."""
    path = normalize_path(path)
    failure = folder_failure("Path", path)
    if failure:
        raise ValidationFailed([failure])
    existing = list(RootFolder.objects.values_list("path", flat=True))
    if path in existing:
        raise invalid("Path", "Path is already configured as a root folder", path)
    if any(other.startswith(path.rstrip("/") + "/") for other in existing):
        raise invalid("Path", "Path is an ancestor of an existing root folder", path)
    if any(path.startswith(other.rstrip("/") + "/") for other in existing):
        raise invalid("Path", "Path is inside an existing root folder", path)
    if Movie.objects.filter(path=path).exists():
        raise invalid("Path", "Path is already configured for an existing movie", path)
    folder = RootFolder.objects.create(path=path)
    logger.info("Added root folder '%s'", path)
    return folder


def remove_root_folder(folder: RootFolder) -> None:
    """Refused while movies live in it: they would point at a root folder that no longer exists."""
    in_use = Movie.objects.filter(root_folder_path=folder.path).count()
    if in_use:
        noun = "movie" if in_use == 1 else "movies"
        raise ApiError(400, f"Root folder '{folder.path}' is in use by {in_use} {noun}")
    folder.delete()
    logger.info("Removed root folder '%s'", folder.path)


# ---- tags


def _tag_label(label: Any) -> str:
    """Any non-empty text, stored lower-case, as Radarr 5 accepted (Overseerr sends "1 - John Doe").
    A number or another type is refused, not stored as its text."""
    if label is not None and not isinstance(label, str):
        raise invalid("Label", "'Label' must be text", label)
    text = (label or "").strip().lower()
    if not text:
        raise invalid("Label", "'Label' must not be empty.", label)
    return text


def create_tag(label: Any) -> Tag:
    """A tag with that label; an existing one is returned instead of a second (Radarr 5's POST /tag)."""
    text = _tag_label(label)
    tag, created = Tag.objects.get_or_create(label=text)
    if created:
        logger.info("Created tag '%s'", text)
    return tag


def rename_tag(tag: Tag, label: Any) -> Tag:
    text = _tag_label(label)
    if Tag.objects.filter(label=text).exclude(pk=tag.pk).exists():
        raise invalid("Label", f"A tag labelled '{text}' already exists", label)
    tag.label = text
    tag.save(update_fields=["label"])
    return tag


def delete_tag(tag: Tag) -> None:
    """Deleting a tag takes it off every movie, profile and provider that had it."""
    logger.info("Deleted tag '%s'", tag.label)
    tag.delete()
