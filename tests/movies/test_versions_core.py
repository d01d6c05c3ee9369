"""The versions core (movies.versions): the primary version is the movie row, extras are rows with their
own wishes, templates add them to many movies, and bad input is refused in Radarr's failure shape."""

import pytest
from django.db import IntegrityError, transaction

from movies.models import MovieFile, MovieVersion, VersionTemplate
from movies.versions import (
    PRIMARY_NAME,
    add_version,
    apply_template,
    update_version,
    version_of,
    versions_by_movie,
    versions_of,
)
from radarr.api.errors import ValidationFailed
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    first, second = QualityProfile.objects.order_by("pk")[:2]
    return first, second


def fields(profile, **changes):
    return {
        "name": "4K",
        "quality_profile_id": profile.pk,
        "minimum_availability": "released",
        "monitored": True,
        "edition": "",
        "root_folder_path": "",
    } | changes


def test_a_movie_without_extras_has_one_version_that_is_the_movie_itself():
    movie = MovieFactory(monitored=False, minimum_availability="inCinemas")
    (only,) = versions_of(movie)
    assert only.is_primary and only.key == 0 and only.name == PRIMARY_NAME and only.label() == ""
    assert (only.quality_profile_id, only.monitored, only.minimum_availability, only.folder) == (
        movie.quality_profile_id,
        False,
        "inCinemas",
        movie.path,
    )


def test_an_extra_version_keeps_its_own_wishes_and_its_own_root_folder(profiles, tmp_path):
    root = tmp_path / "movies-4k"
    root.mkdir()
    RootFolderFactory(path=str(root))
    movie = MovieFactory()
    row = add_version(movie, fields(profiles[1], root_folder_path=str(root), edition="Extended"))
    primary, extra = versions_of(movie)
    assert primary.is_primary and not extra.is_primary
    assert extra.quality_profile_id == profiles[1].pk and extra.edition == "Extended"
    assert extra.folder == str(root / movie.path.rstrip("/").rsplit("/", 1)[1]) and not extra.shares_folder
    assert version_of(movie, row.pk) == extra and version_of(movie, None) == primary
    shared = add_version(movie, fields(profiles[0], name="IMAX"))
    assert version_of(movie, shared.pk).folder == movie.path and version_of(movie, shared.pk).shares_folder


def test_another_movies_version_is_not_found_through_this_movie(profiles):
    row = add_version(MovieFactory(), fields(profiles[0]))
    with pytest.raises(MovieVersion.DoesNotExist):
        version_of(MovieFactory(), row.pk)


@pytest.mark.parametrize(
    ("changes", "property_name"),
    [
        ({"name": " "}, "name"),
        ({"name": "primary"}, "name"),
        ({"quality_profile_id": 99_999}, "qualityProfileId"),
        ({"quality_profile_id": "1"}, "qualityProfileId"),
        ({"minimum_availability": "soon"}, "minimumAvailability"),
        ({"root_folder_path": "/nowhere/configured"}, "rootFolderPath"),
        ({"root_folder_path": 5}, "rootFolderPath"),
        ({"edition": "x" * 201}, "edition"),
    ],
)
def test_bad_fields_are_refused_with_the_field_named(profiles, changes, property_name):
    movie = MovieFactory()
    with pytest.raises(ValidationFailed) as raised:
        add_version(movie, fields(profiles[0], **changes))
    assert property_name in {failure.property_name for failure in raised.value.failures}
    assert not MovieVersion.objects.exists()


def test_a_name_is_used_once_per_movie_whatever_its_case(profiles):
    movie = MovieFactory()
    add_version(movie, fields(profiles[0]))
    with pytest.raises(ValidationFailed):
        add_version(movie, fields(profiles[0], name="4k"))
    add_version(MovieFactory(), fields(profiles[0]))  # another movie may
    assert MovieVersion.objects.count() == 2


def test_a_version_holding_a_file_keeps_its_folder(profiles, tmp_path):
    root = tmp_path / "uhd"
    root.mkdir()
    RootFolderFactory(path=str(root))
    movie = MovieFactory()
    row = add_version(movie, fields(profiles[0]))
    MovieVersion.objects.filter(pk=row.pk).update(has_file=True)
    row.refresh_from_db()
    with pytest.raises(ValidationFailed):
        update_version(row, {"root_folder_path": str(root)})
    assert update_version(row, {"monitored": False, "edition": "IMAX"}).edition == "IMAX"
    row.refresh_from_db()
    assert (row.monitored, row.path) == (False, "")


def test_a_template_adds_its_version_once_to_many_movies(profiles, tmp_path, django_assert_max_num_queries):
    root = tmp_path / "movies-4k"
    root.mkdir()
    RootFolderFactory(path=str(root))
    template = VersionTemplate.objects.create(
        name="4K", url_base="4k", quality_profile=profiles[1], root_folder_path=str(root)
    )
    movies = [MovieFactory() for _ in range(30)]
    add_version(movies[0], fields(profiles[0], name="4K"))  # a hand-made version of the same name
    with django_assert_max_num_queries(10):
        outcome = apply_template([movie.pk for movie in movies], template)
    assert (outcome.added, outcome.already, len(outcome.refused)) == (29, 0, 1)
    again = apply_template([movie.pk for movie in movies], template)
    assert (again.added, again.already) == (0, 29)
    versions = versions_by_movie(movies)
    assert all(len(versions[movie.pk]) == 2 for movie in movies)
    assert versions[movies[5].pk][1].folder.startswith(str(root) + "/")


def test_a_template_counts_only_the_versions_it_added_itself(profiles, monkeypatch):
    """Another request adding the same template's version to one of the movies meanwhile: that row is
    skipped as a conflict and is not counted as this request's."""
    import movies.versions as versions

    template = VersionTemplate.objects.create(name="4K", quality_profile=profiles[1])
    movies = [MovieFactory() for _ in range(5)]
    reading_roots = versions.configured_root_folders

    def meanwhile():  # read after this request saw which movies had the version, before it writes
        MovieVersion.objects.create(
            movie=movies[2], template=template, name="4K", quality_profile=profiles[1], path=""
        )
        return reading_roots()

    monkeypatch.setattr(versions, "configured_root_folders", meanwhile)

    outcome = apply_template([movie.pk for movie in movies], template)

    assert (outcome.added, outcome.already) == (4, 0)
    assert MovieVersion.objects.filter(template=template).count() == 5


def test_a_versions_file_is_never_primary_and_a_version_holds_one_file(profiles):
    movie = MovieFactory()
    row = add_version(movie, fields(profiles[0]))
    MovieFile.objects.create(movie=movie, version=row, relative_path="a.mkv", is_primary=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        MovieFile.objects.create(movie=movie, version=row, relative_path="b.mkv", is_primary=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        MovieFile.objects.create(movie=movie, version=row, relative_path="c.mkv", is_primary=True)
    row.delete()  # removing the version keeps the file's row (as an unassigned file of the movie)
    assert MovieFile.objects.filter(movie=movie, relative_path="a.mkv", version=None).exists()
