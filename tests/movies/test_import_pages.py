"""Library import: root folders, unmapped folders matched to TMDB (fixable), and the bulk add."""

import pytest

from movies.models import Movie, RootFolder
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

HTMX = {"HX-Request": "true"}


@pytest.fixture
def root(tmp_path) -> RootFolder:
    matrix = tmp_path / "The Matrix (1999) {tmdb-603}"
    matrix.mkdir()
    (matrix / "The.Matrix.1999.1080p.BluRay.x264-GROUP.mkv").write_bytes(b"video" * 100)
    (tmp_path / "Matrix Reloaded (2003)").mkdir()
    (tmp_path / "Owned (2000)").mkdir()
    (tmp_path / "@eaDir").mkdir()
    return RootFolder.objects.create(path=str(tmp_path))


def test_root_folders_are_listed_and_a_new_one_can_be_added(admin_client, tmp_path):
    folder = tmp_path / "films"
    folder.mkdir()

    response = admin_client.post("/import/rootfolder", {"path": str(folder)}, follow=True)

    body = response.content.decode()
    assert RootFolder.objects.filter(path=str(folder)).exists()
    assert f"Root folder {folder} added." in body
    assert "Unmapped folders in" in body


def test_a_root_folder_that_does_not_exist_is_refused_on_the_form(admin_client, tmp_path):
    response = admin_client.post("/import/rootfolder", {"path": str(tmp_path / "missing")})

    assert response.status_code == 400
    assert not RootFolder.objects.exists()
    assert 'class="errorlist"' in response.content.decode()


def test_unmapped_folders_are_listed_without_movie_folders_or_system_folders(admin_client, root, tmp_path):
    MovieFactory(root_folder_path=root.path, path=str(tmp_path / "Owned (2000)"))

    body = admin_client.get(f"/import?root={root.pk}").content.decode()

    assert "The Matrix (1999) {tmdb-603}" in body and "Matrix Reloaded (2003)" in body
    assert "Owned (2000)" not in body and "@eaDir" not in body
    assert 'hx-trigger="load"' in body  # each row fetches its own match


def test_a_tmdb_id_in_the_folder_name_is_matched_first(admin_client, fake_tmdb, root):
    path = f"{root.path}/The Matrix (1999) {{tmdb-603}}"

    response = admin_client.get("/import/match", {"root": root.pk, "i": 1, "path": path}, headers=HTMX)

    body = response.content.decode()
    assert '<option value="603" selected>The Matrix (1999)</option>' in body
    assert 'name="select" value="1"' in body and "checked" in body


def test_the_user_can_search_another_match(admin_client, fake_tmdb, root):
    path = f"{root.path}/Matrix Reloaded (2003)"

    response = admin_client.get(
        "/import/match", {"root": root.pk, "i": 2, "path": path, "term": "the matrix"}, headers=HTMX
    )

    body = response.content.decode()
    assert '<option value="603" selected>The Matrix (1999)</option>' in body
    assert "The Matrix Reloaded (2003)" in body


def test_a_path_outside_the_root_folder_is_not_matched(admin_client, fake_tmdb, root):
    response = admin_client.get("/import/match", {"root": root.pk, "i": 1, "path": "/etc"}, headers=HTMX)

    assert response.status_code == 404


def test_importing_adds_the_movie_in_its_folder_with_its_file_recognised(admin_client, fake_tmdb, root):
    path = f"{root.path}/The Matrix (1999) {{tmdb-603}}"
    profile = QualityProfile.objects.get(name="HD-1080p")

    response = admin_client.post(
        f"/import/{root.pk}",
        {
            "select": ["1"],
            "path-1": path,
            "tmdb-1": "603",
            "path-2": f"{root.path}/Matrix Reloaded (2003)",  # not ticked
            "tmdb-2": "604",
            "quality_profile": profile.pk,
            "minimum_availability": "released",
            "monitor": "movieOnly",
        },
        follow=True,
    )

    movie = Movie.objects.get(tmdb_id=603)
    assert movie.path == path and movie.has_file
    assert not Movie.objects.filter(tmdb_id=604).exists()
    assert "Imported 1 movie(s), 1 with their file already there." in response.content.decode()
