"""The movie page's Remove for an extra version: asks first with "delete its file" unticked, keeps the
file on disk unless ticked, deletes only that version's file when ticked, and never touches another
movie's version."""

import os
from pathlib import Path

import pytest

from movies.models import MovieFile, MovieVersion
from movies.scanning import update_version_file_state
from movies.versions import add_version
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

PRIMARY = "Arrival (2016) Bluray-1080p.mkv"
FOUR_K = "Arrival (2016) Bluray-2160p - 4K.mkv"


def write(path: Path, size: int = 4096) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


@pytest.fixture
def movie(arrival):
    write(Path(arrival.path) / PRIMARY)
    MovieFileFactory(movie=arrival, relative_path=PRIMARY, size=4096)
    return arrival


@pytest.fixture
def four_k(movie):
    """A 4K version sharing the movie's folder, its file on disk."""
    profile = QualityProfile.objects.order_by("pk").last()
    row = add_version(
        movie, {"name": "4K", "quality_profile_id": profile.pk, "minimum_availability": "released"}
    )
    write(Path(movie.path) / FOUR_K)
    MovieFileFactory(
        movie=movie, version=row, is_primary=False, relative_path=FOUR_K, quality_id=19, size=4096
    )
    update_version_file_state(row)
    row.refresh_from_db()
    return row


def url(movie, row) -> str:
    return f"/movie/{movie.tmdb_id}/versions/{row.pk}/remove"


def test_the_page_names_the_file_and_leaves_delete_unticked(admin_client, movie, four_k):
    body = admin_client.get(url(movie, four_k)).content.decode()

    assert FOUR_K in body and "Also delete its file" in body
    box = (
        body.split('name="delete_files"')[0].rsplit("<input", 1)[1]
        + body.split('name="delete_files"')[1].split(">")[0]
    )
    assert "checked" not in box
    assert "deleted for good" in body  # no recycle bin set: said before anything happens


def test_removing_keeps_the_file_on_disk_as_a_file_of_the_movie(admin_client, movie, four_k):
    response = admin_client.post(url(movie, four_k), follow=True)

    assert not MovieVersion.objects.filter(pk=four_k.pk).exists()
    assert (Path(movie.path) / FOUR_K).is_file() and (Path(movie.path) / PRIMARY).is_file()
    kept = MovieFile.objects.get(relative_path=FOUR_K)
    assert kept.version is None
    body = response.content.decode()
    assert "Removed the version 4K of Arrival; its file stays in the movie&#x27;s folder" in body
    assert body.count('<tr id="version-') == 1  # only the primary is left on the movie page


def test_removing_with_delete_deletes_only_that_versions_file(admin_client, movie, four_k):
    response = admin_client.post(url(movie, four_k), {"delete_files": "on"}, follow=True)

    assert not (Path(movie.path) / FOUR_K).exists()
    assert (Path(movie.path) / PRIMARY).is_file()
    assert list(MovieFile.objects.values_list("relative_path", flat=True)) == [PRIMARY]
    assert "Removed the version 4K of Arrival and deleted its file." in response.content.decode()


def test_another_movies_version_is_not_found(admin_client, four_k):
    other = MovieFactory()

    assert admin_client.post(url(other, four_k), {"delete_files": "on"}).status_code == 404
    assert MovieVersion.objects.filter(pk=four_k.pk).exists()
