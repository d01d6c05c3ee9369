"""The movie page: what it shows, Overseerr's links, monitoring, edit, refresh, search and safe delete."""

from datetime import date

import pytest

from movies.models import ImportExclusion, Movie, RootFolder
from radarr import jobs
from radarr.jobs import Job
from radarr.models import Command, Tag
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def movie_folder(tmp_path) -> str:
    root = tmp_path / "movies"
    folder = root / "Arrival (2016)"
    folder.mkdir(parents=True)
    (folder / "Arrival (2016) Bluray-1080p.mkv").write_bytes(b"video")
    return str(folder)


def test_the_page_shows_metadata_dates_ratings_and_files(admin_client):
    movie = MovieFactory(
        tmdb_id=329865,
        title="Arrival",
        year=2016,
        runtime=116,
        certification="PG-13",
        genres=["Drama", "Science Fiction"],
        studio="Paramount",
        digital_release=date(2017, 2, 14),
        ratings={"tmdb": {"value": 7.6, "votes": 18000}, "imdb": {"value": 7.9, "votes": 800000}},
    )
    MovieFileFactory(movie=movie, relative_path="Arrival (2016) Bluray-1080p.mkv", release_group="SPARKS")

    body = admin_client.get("/movie/329865").content.decode()

    for text in ("Arrival", "116 min", "PG-13", "Drama, Science Fiction", "Paramount", "Feb 14 2017"):
        assert text in body  # Settings → UI's default short date format, "MMM D YYYY"
    assert "IMDb 7.9" in body and "TMDB 7.6" in body
    assert "Arrival (2016) Bluray-1080p.mkv" in body and "Bluray-1080p" in body and "SPARKS" in body
    assert f"/MediaCover/{movie.pk}/poster-500.jpg" in body
    assert "Nothing has happened to this movie yet" in body


def test_a_tmdb_id_not_in_the_library_opens_add_movie_on_it(admin_client):
    response = admin_client.get("/movie/603")

    assert response.status_code == 302
    assert response["Location"] == "/add?term=tmdb:603"


def test_radarr_3_slugs_ending_in_the_tmdb_id_open_the_movie(admin_client):
    MovieFactory(tmdb_id=603, title="The Matrix")

    response = admin_client.get("/movie/the-matrix-603")

    assert response["Location"] == "/movie/603"


def test_the_monitored_toggle_answers_its_own_button(admin_client):
    movie = MovieFactory(monitored=True)

    response = admin_client.post(
        f"/movie/{movie.tmdb_id}/monitor", {"monitored": "false"}, headers={"HX-Request": "true"}
    )

    movie.refresh_from_db()
    body = response.content.decode()
    assert movie.monitored is False
    assert "Unmonitored" in body and "<html" not in body
    # its twin in the Versions section (the primary's row) is swapped out of band
    assert body.count("Unmonitored") >= 2 and body.count('hx-swap-oob="true"') == 1
    assert 'id="primary-version-monitor"' in body


def test_refresh_and_scan_queues_refresh_movie_for_this_movie(admin_client, monkeypatch):
    monkeypatch.setattr(
        jobs, "JOBS", [*jobs.JOBS, Job("RefreshMovie", "movies.tasks.refresh_movies", "Refresh")]
    )
    movie = MovieFactory()

    response = admin_client.post(f"/movie/{movie.tmdb_id}/refresh", follow=True)

    command = Command.objects.get(name="RefreshMovie")
    assert command.body == {"movieIds": [movie.pk]}
    assert "Refreshing" in response.content.decode()


def test_search_queues_an_automatic_search_for_the_movie(admin_client):
    movie = MovieFactory()

    admin_client.post(f"/movie/{movie.tmdb_id}/search", follow=True)

    assert Command.objects.get(name="MoviesSearch").body == {"movieIds": [movie.pk]}


def test_edit_changes_profile_availability_and_tags(admin_client):
    movie = MovieFactory(minimum_availability="released")
    profile = QualityProfile.objects.get(name="Ultra-HD")
    tag = Tag.objects.create(label="4k")

    response = admin_client.post(
        f"/movie/{movie.tmdb_id}/edit",
        {
            "monitored": "on",
            "quality_profile": profile.pk,
            "minimum_availability": "inCinemas",
            "path": movie.path,
            "tags": [tag.pk],
            "new_tags": "Favourites",
        },
    )

    movie.refresh_from_db()
    assert response.status_code == 302
    assert movie.quality_profile == profile and movie.minimum_availability == "inCinemas"
    assert sorted(movie.tags.values_list("label", flat=True)) == ["4k", "favourites"]


def test_a_new_path_without_move_files_leaves_the_files_where_they_are(admin_client, movie_folder, tmp_path):
    RootFolder.objects.create(path=str(tmp_path / "movies"))
    movie = MovieFactory(root_folder_path=str(tmp_path / "movies"), path=movie_folder)
    new_path = str(tmp_path / "movies" / "Arrival")
    form = {
        "monitored": "on",
        "quality_profile": movie.quality_profile_id,
        "minimum_availability": "released",
    }

    response = admin_client.post(f"/movie/{movie.tmdb_id}/edit", form | {"path": new_path}, follow=True)

    movie.refresh_from_db()
    assert movie.path == new_path
    assert (tmp_path / "movies" / "Arrival (2016)" / "Arrival (2016) Bluray-1080p.mkv").exists()
    assert "nothing was moved" in response.content.decode()


def test_move_files_moves_the_folder_to_the_new_path(admin_client, movie_folder, tmp_path):
    RootFolder.objects.create(path=str(tmp_path / "movies"))
    movie = MovieFactory(root_folder_path=str(tmp_path / "movies"), path=movie_folder)
    new_path = tmp_path / "movies" / "Arrival"
    form = {
        "monitored": "on",
        "quality_profile": movie.quality_profile_id,
        "minimum_availability": "released",
    }

    admin_client.post(f"/movie/{movie.tmdb_id}/edit", form | {"path": str(new_path), "move_files": "on"})

    assert (new_path / "Arrival (2016) Bluray-1080p.mkv").read_bytes() == b"video"
    assert not (tmp_path / "movies" / "Arrival (2016)").exists()


def test_an_invalid_path_is_shown_on_the_form(admin_client):
    movie = MovieFactory()
    form = {
        "quality_profile": movie.quality_profile_id,
        "minimum_availability": "released",
        "path": "relative",
    }

    response = admin_client.post(f"/movie/{movie.tmdb_id}/edit", form)

    assert response.status_code == 200
    assert "Invalid Path" in response.content.decode()


def test_the_delete_page_leaves_delete_files_unticked(admin_client):
    movie = MovieFactory()

    body = admin_client.get(f"/movie/{movie.tmdb_id}/delete").content.decode()

    assert 'name="delete_files"' in body
    assert 'name="delete_files" id="id_delete_files" checked' not in body
    assert "nothing on disk is touched" in body


def test_deleting_without_delete_files_keeps_the_folder_and_says_where(admin_client, movie_folder, tmp_path):
    movie = MovieFactory(title="Arrival", root_folder_path=str(tmp_path / "movies"), path=movie_folder)

    response = admin_client.post(f"/movie/{movie.tmdb_id}/delete", {}, follow=True)

    assert not Movie.objects.filter(pk=movie.pk).exists()
    assert (tmp_path / "movies" / "Arrival (2016)" / "Arrival (2016) Bluray-1080p.mkv").exists()
    assert f"Arrival removed; its files were left on disk at {movie_folder}" in response.content.decode()


def test_deleting_with_delete_files_removes_the_folder_and_excludes_the_movie(
    admin_client, movie_folder, tmp_path
):
    RootFolder.objects.create(path=str(tmp_path / "movies"))
    movie = MovieFactory(
        title="Arrival", tmdb_id=329865, root_folder_path=str(tmp_path / "movies"), path=movie_folder
    )

    response = admin_client.post(
        f"/movie/{movie.tmdb_id}/delete", {"delete_files": "on", "add_exclusion": "on"}, follow=True
    )

    body = response.content.decode()
    assert not (tmp_path / "movies" / "Arrival (2016)").exists()
    assert "its folder" in body and "deleted" in body
    assert ImportExclusion.objects.filter(tmdb_id=329865).exists()
    assert "import exclusions" in body


def test_the_page_costs_the_same_queries_however_many_files_and_tags(
    admin_client, django_assert_max_num_queries
):
    movie = MovieFactory(tags=[Tag.objects.create(label=f"tag{n}") for n in range(5)])
    for number in range(4):
        MovieFileFactory(movie=movie, relative_path=f"version {number}.mkv")
    admin_client.get(f"/movie/{movie.tmdb_id}")

    # session, user, the movie with its profile and collection, tags, files, alternative titles, credits,
    # the UI settings (date formats), the history section's events, the movie's extra versions and the
    # version templates it could add
    with django_assert_max_num_queries(11):
        response = admin_client.get(f"/movie/{movie.tmdb_id}")

    assert response.content.decode().count("<code>version ") == 4
