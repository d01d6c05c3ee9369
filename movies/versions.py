"""Versions of a movie: the one view every per-version decision reads, and the one place that adds,
changes and removes extra versions.

The movie row is its primary version (id None); extra versions are MovieVersion rows. A `Version` is
the same facts for either, so wanted lists, searches, grabs and imports treat both alike and a movie
without extra versions costs nothing more than before.
"""

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from movies.models import MinimumAvailability, Movie, MovieVersion, VersionTemplate
from movies.rootfolders import configured_root_folder, configured_root_folders, root_folder_failure
from radarr.api.errors import Failure, ValidationFailed
from radarr.idsets import in_ids
from releases.models import QualityProfile

PRIMARY_NAME = "Primary"  # what the primary version is called where versions are listed


@dataclass(frozen=True, slots=True)
class Version:
    """One version of one movie as the rules read it (the primary one or an extra)."""

    movie_id: int
    id: int | None  # None: the primary version (the movie row)
    name: str
    quality_profile_id: int
    minimum_availability: str
    monitored: bool
    edition: str  # the edition wished for; "" = any
    folder: str  # where its file lives
    shares_folder: bool  # an extra version in the movie's own folder (its file name gets the suffix)
    has_file: bool
    first_imported: datetime | None
    template_id: int | None = None
    last_search_time: datetime | None = None

    @property
    def is_primary(self) -> bool:
        return self.id is None

    @property
    def key(self) -> int:
        """0 for the primary version, else the extra version's id: a dictionary key for both."""
        return self.id or 0

    def label(self) -> str:
        """How a list names the version: "" for the primary one (nothing changes for a single version)."""
        return "" if self.id is None else self.name


def primary_version(movie: Movie) -> Version:
    return Version(
        movie_id=movie.pk,
        id=None,
        name=PRIMARY_NAME,
        quality_profile_id=movie.quality_profile_id,
        minimum_availability=movie.minimum_availability,
        monitored=movie.monitored,
        edition="",
        folder=movie.path,
        shares_folder=False,
        has_file=movie.has_file,
        first_imported=movie.first_imported,
        last_search_time=movie.last_search_time,
    )


def extra_version(row: MovieVersion, movie: Movie) -> Version:
    return Version(
        movie_id=movie.pk,
        id=row.pk,
        name=row.name,
        quality_profile_id=row.quality_profile_id,
        minimum_availability=row.minimum_availability,
        monitored=row.monitored,
        edition=row.edition,
        folder=row.path or movie.path,
        shares_folder=not row.path,
        has_file=row.has_file,
        first_imported=row.first_imported,
        template_id=row.template_id,
        last_search_time=row.last_search_time,
    )


def extra_rows_by_movie(movie_ids: Iterable[int]) -> dict[int, list[MovieVersion]]:
    """The extra versions of these movies, by movie id, in one query."""
    rows: dict[int, list[MovieVersion]] = {}
    for row in MovieVersion.objects.filter(movie_id__in=in_ids(movie_ids)).order_by("movie_id", "name", "pk"):
        rows.setdefault(row.movie_id, []).append(row)
    return rows


def versions_by_movie(movies: Iterable[Movie]) -> dict[int, list[Version]]:
    """Every version of each movie, the primary first, by movie id (one query for the extras)."""
    movies = list(movies)
    extras = extra_rows_by_movie(movie.pk for movie in movies)
    return {
        movie.pk: [primary_version(movie)] + [extra_version(row, movie) for row in extras.get(movie.pk, ())]
        for movie in movies
    }


def versions_of(movie: Movie) -> list[Version]:
    return versions_by_movie([movie])[movie.pk]


def version_of(movie: Movie, version_id: int | None) -> Version:
    """The movie's version by id (None or 0: the primary); MovieVersion.DoesNotExist for another movie's."""
    if not version_id:
        return primary_version(movie)
    return extra_version(MovieVersion.objects.get(pk=version_id, movie=movie), movie)


def has_extra_versions(movie_ids: Iterable[int]) -> set[int]:
    """Which of these movies have any extra version (one query)."""
    return set(
        MovieVersion.objects.filter(movie_id__in=in_ids(movie_ids))
        .values_list("movie_id", flat=True)
        .distinct()
    )


# --- writing -------------------------------------------------------------------------------------


def version_folder(movie: Movie, root_folder_path: str, roots: list[str] | None = None) -> str:
    """The folder of a version with its own root folder: the movie folder's name inside that root."""
    if not root_folder_path:
        return ""
    root = configured_root_folder(root_folder_path, roots)
    return posixpath.join(root, posixpath.basename(movie.path.rstrip("/")))


def _failures(movie: Movie, fields: dict[str, Any], *, exclude_pk: int | None = None) -> list[Failure]:
    failures = []
    name = fields.get("name")
    if not isinstance(name, str) or not name.strip():
        failures.append(Failure("name", "'Name' must not be empty", name))
    elif name.strip().casefold() == PRIMARY_NAME.casefold():
        failures.append(Failure("name", f"'{PRIMARY_NAME}' names the movie's own version", name))
    elif (
        MovieVersion.objects.filter(movie=movie, name__iexact=name.strip())
        .exclude(pk=exclude_pk or 0)
        .exists()
    ):
        failures.append(Failure("name", f"{movie} already has a version called '{name.strip()}'", name))
    profile_id = fields.get("quality_profile_id")
    if not isinstance(profile_id, int) or not QualityProfile.objects.filter(pk=profile_id).exists():
        failures.append(Failure("qualityProfileId", "Quality profile does not exist", profile_id))
    if fields.get("minimum_availability") not in MinimumAvailability.values:
        failures.append(
            Failure(
                "minimumAvailability", "Minimum availability is not valid", fields.get("minimum_availability")
            )
        )
    root = fields.get("root_folder_path") or ""
    if not isinstance(root, str):
        failures.append(Failure("rootFolderPath", "Root folder path must be text", root))
    elif root:
        failure = root_folder_failure("rootFolderPath", root)
        if failure:
            failures.append(failure)
        elif version_folder(movie, root) == movie.path:
            failures.append(
                Failure("rootFolderPath", "That is the movie's own root folder: leave it empty", root)
            )
    edition = fields.get("edition", "")
    if not isinstance(edition, str) or len(edition) > 200:
        failures.append(Failure("edition", "Edition must be text of at most 200 characters", edition))
    return failures


def _row_values(movie: Movie, fields: dict[str, Any], roots: list[str] | None = None) -> dict[str, Any]:
    root = fields.get("root_folder_path") or ""
    return {
        "name": fields["name"].strip(),
        "quality_profile_id": fields["quality_profile_id"],
        "minimum_availability": fields["minimum_availability"],
        "monitored": bool(fields.get("monitored", True)),
        "edition": (fields.get("edition") or "").strip(),
        "root_folder_path": configured_root_folder(root, roots) if root else "",
        "path": version_folder(movie, root, roots),
    }


def add_version(
    movie: Movie, fields: dict[str, Any], template: VersionTemplate | None = None
) -> MovieVersion:
    """Add an extra version; ValidationFailed (Radarr's failure list) when a field is wrong.

    `fields`: name, quality_profile_id, minimum_availability, monitored, edition, root_folder_path.
    Nothing on disk changes: the version's folder is made when its first file is imported.
    """
    failures = _failures(movie, fields)
    if failures:
        raise ValidationFailed(failures)
    try:
        with transaction.atomic():
            return MovieVersion.objects.create(movie=movie, template=template, **_row_values(movie, fields))
    except IntegrityError as error:  # another request added the same name or template meanwhile
        raise ValidationFailed([Failure("name", f"{movie} already has this version")]) from error


def update_version(row: MovieVersion, fields: dict[str, Any]) -> MovieVersion:
    """Change an extra version's wishes. Its folder is fixed once it holds a file (moving files is
    a separate, explicit action), so a new root folder is refused then."""
    movie = row.movie
    merged = {
        "name": row.name,
        "quality_profile_id": row.quality_profile_id,
        "minimum_availability": row.minimum_availability,
        "monitored": row.monitored,
        "edition": row.edition,
        "root_folder_path": row.root_folder_path,
    } | fields
    failures = _failures(movie, merged, exclude_pk=row.pk)
    values = _row_values(movie, merged)
    if row.has_file and values["path"] != row.path:
        failures.append(
            Failure(
                "rootFolderPath", "The version has a file: its folder stays until the file is moved", None
            )
        )
    if failures:
        raise ValidationFailed(failures)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row


def template_fields(template: VersionTemplate) -> dict[str, Any]:
    return {
        "name": template.name,
        "quality_profile_id": template.quality_profile_id,
        "minimum_availability": template.minimum_availability,
        "monitored": template.monitored,
        "edition": template.edition,
        "root_folder_path": template.root_folder_path,
    }


@dataclass(slots=True)
class TemplateApplied:
    added: int = 0
    already: int = 0  # movies that had the template's version
    refused: list[str] | None = None  # why a movie got no version


def apply_template(movie_ids: Iterable[int], template: VersionTemplate) -> TemplateApplied:
    """Add the template's version to many movies (bulk editor, collections, import lists): movies that
    have it already are left as they are; rows are written in batches."""
    outcome = TemplateApplied(refused=[])
    ids = sorted(set(movie_ids))
    having = set(
        MovieVersion.objects.filter(movie_id__in=in_ids(ids), template=template).values_list(
            "movie_id", flat=True
        )
    )
    taken_names = set(
        MovieVersion.objects.filter(movie_id__in=in_ids(ids), name__iexact=template.name).values_list(
            "movie_id", flat=True
        )
    )
    outcome.already = len(having)
    fields = template_fields(template)
    roots = configured_root_folders()
    root = template.root_folder_path
    root_failure = root_folder_failure("rootFolderPath", root, roots) if root else None
    if root_failure:
        outcome.refused.append(f"{template.name}: {root_failure.message}")
        return outcome
    batch = []
    stamp = timezone.now()  # this call's rows share their `added`: the count below tells them apart
    for movie in Movie.objects.filter(pk__in=in_ids(ids)).only("pk", "path", "title", "year"):
        if movie.pk in having:
            continue
        if movie.pk in taken_names:
            outcome.refused.append(f"{movie}: already has a version called '{template.name}'")
            continue
        values = _row_values(movie, fields, roots)
        if values["path"] == movie.path:
            outcome.refused.append(f"{movie}: the template's root folder is the movie's own")
            continue
        batch.append(MovieVersion(movie=movie, template=template, **values, added=stamp))
    for start in range(0, len(batch), 500):
        with transaction.atomic():
            MovieVersion.objects.bulk_create(batch[start : start + 500], ignore_conflicts=True)
    if batch:  # rows another request added meanwhile were skipped as conflicts: count this call's own
        outcome.added = MovieVersion.objects.filter(
            movie_id__in=in_ids(ids), template=template, added=stamp
        ).count()
    return outcome


def template_ids_failure(property_name: str, value: Any) -> Failure | None:
    """A list of existing VersionTemplate ids (a collection's or import list's `versionTemplateIds`)."""
    if not isinstance(value, list) or not all(
        isinstance(pk, int) and not isinstance(pk, bool) for pk in value
    ):
        return Failure(property_name, "'Version Template Ids' must be a list of ids", value)
    known = set(VersionTemplate.objects.filter(pk__in=in_ids(value)).values_list("pk", flat=True))
    missing = [pk for pk in value if pk not in known]
    if missing:
        return Failure(property_name, "Version template does not exist", missing[0])
    return None


def apply_templates(movie_ids: Iterable[int], template_ids: Iterable[int]) -> list[TemplateApplied]:
    """Give these movies the versions of these templates (a collection's or an import list's); templates
    deleted since are skipped."""
    ids = list(movie_ids)
    template_ids = list(template_ids)
    if not ids or not template_ids:
        return []
    return [
        apply_template(ids, template)
        for template in VersionTemplate.objects.filter(pk__in=in_ids(template_ids))
    ]
