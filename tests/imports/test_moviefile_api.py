"""/api/v3/moviefile: list, one, and deleting files by hand through the recycle bin."""

import pytest

from downloads.models import History, HistoryEventType
from movies.models import MovieFile
from tests.imports.conftest import write
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heat(tmp_path):
    folder = tmp_path / "movies" / "Heat (1995)"
    RootFolderFactory(path=str(folder.parent))
    movie = MovieFactory(title="Heat", root_folder_path=str(folder.parent), path=str(folder), has_file=True)
    video = write(folder / "Heat.1995.1080p.BluRay.x264-GRP.mkv", 1000)
    movie_file = MovieFileFactory(movie=movie, relative_path=video.name, size=1000, quality_id=7)
    return movie, movie_file, video


def test_files_are_listed_by_movie_and_by_ids_in_radarrs_shape(api_client, heat):
    movie, movie_file, _ = heat

    by_movie = api_client.get("/api/v3/moviefile", {"movieId": movie.pk}).json()
    by_ids = api_client.get("/api/v3/moviefile", {"movieFileIds": movie_file.pk}).json()
    one = api_client.get(f"/api/v3/moviefile/{movie_file.pk}").json()

    assert by_movie == by_ids == [one]
    assert one["movieId"] == movie.pk and one["quality"]["quality"]["name"] == "Bluray-1080p"
    assert api_client.get("/api/v3/moviefile").status_code == 400
    assert api_client.get("/api/v3/moviefile/999").status_code == 404


def test_deleting_a_file_moves_it_to_the_recycle_bin_and_makes_the_movie_missing(
    api_client, heat, options, tmp_path
):
    movie, movie_file, video = heat
    recycle_bin = tmp_path / "recycle"
    options(recycle_bin=str(recycle_bin))

    response = api_client.delete(f"/api/v3/moviefile/{movie_file.pk}")

    assert response.status_code == 200
    assert not video.exists() and (recycle_bin / "Heat (1995)" / video.name).stat().st_size == 1000
    assert not MovieFile.objects.filter(pk=movie_file.pk).exists()
    movie.refresh_from_db()
    assert not movie.has_file and movie.size_on_disk == 0
    event = History.objects.get(movie=movie)
    assert event.event_type == HistoryEventType.MOVIE_FILE_DELETED and event.data["reason"] == "Manual"


def test_a_file_that_cannot_be_recycled_is_kept_with_its_row(api_client, heat, options, tmp_path):
    movie, movie_file, video = heat
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    options(recycle_bin=str(blocker))

    response = api_client.delete(f"/api/v3/moviefile/{movie_file.pk}")

    assert response.status_code == 409
    assert video.exists() and MovieFile.objects.filter(pk=movie_file.pk).exists()


def test_bulk_delete_takes_radarrs_body(api_client, heat, options, tmp_path):
    movie, movie_file, video = heat
    options(recycle_bin=str(tmp_path / "recycle"))

    response = api_client.delete(
        "/api/v3/moviefile/bulk", {"movieFileIds": [movie_file.pk]}, content_type="application/json"
    )

    assert response.status_code == 200 and not MovieFile.objects.filter(movie=movie).exists()


def test_listing_a_movies_files_costs_the_same_queries_for_many(
    api_client, heat, django_assert_max_num_queries
):
    movie, _, _ = heat
    for number in range(5):
        MovieFileFactory(movie=movie, relative_path=f"extra-cut-{number}.mkv", is_primary=False)

    with django_assert_max_num_queries(3):  # files, quality profiles, their format scores
        files = api_client.get("/api/v3/moviefile", {"movieId": movie.pk}).json()

    assert len(files) == 6
