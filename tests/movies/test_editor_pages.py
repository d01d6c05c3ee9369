"""The bulk editor: actions on the movies ticked on the index, and a delete that keeps files by default."""

import pytest

from movies.models import ImportExclusion, Movie, RootFolder
from radarr.commands import execute_command
from radarr.models import Command, Tag
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def edit(client, movies: list[Movie], action: str, **fields: object):
    data = {"movieIds": [movie.pk for movie in movies], "action": action, "next": "/?select=1", **fields}
    return client.post("/editor", data)


def test_monitor_and_unmonitor_change_only_the_ticked_movies(admin_client):
    ticked, other = MovieFactory(monitored=True), MovieFactory(monitored=True)

    response = edit(admin_client, [ticked], "unmonitor")

    assert response["Location"] == "/?select=1"
    assert Movie.objects.get(pk=ticked.pk).monitored is False
    assert Movie.objects.get(pk=other.pk).monitored is True


def test_profile_and_minimum_availability_are_set_on_all_ticked(admin_client):
    movies = MovieFactory.create_batch(3)
    profile = QualityProfile.objects.get(name="Ultra-HD")

    edit(admin_client, movies, "profile", qualityProfileId=profile.pk)
    edit(admin_client, movies, "availability", minimumAvailability="announced")

    assert set(Movie.objects.values_list("quality_profile_id", "minimum_availability")) == {
        (profile.pk, "announced")
    }


@pytest.mark.parametrize(
    ("action", "expected"),
    [("tagsAdd", ["4k", "kids"]), ("tagsRemove", []), ("tagsReplace", ["4k"])],
)
def test_tags_are_added_removed_or_replaced(admin_client, action, expected):
    kids, uhd = Tag.objects.create(label="kids"), Tag.objects.create(label="4k")
    movie = MovieFactory(tags=[kids])

    edit(admin_client, [movie], action, tags=[uhd.pk] if action != "tagsRemove" else [kids.pk])

    assert sorted(movie.tags.values_list("label", flat=True)) == expected


def test_a_new_root_folder_without_move_files_only_repoints(admin_client, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "Heat (1995)").mkdir(parents=True)
    new.mkdir()
    RootFolder.objects.create(path=str(new))
    movie = MovieFactory(root_folder_path=str(old), path=str(old / "Heat (1995)"))

    edit(admin_client, [movie], "rootFolder", rootFolderPath=str(new))

    movie.refresh_from_db()
    assert movie.path == str(new / "Heat (1995)") and movie.root_folder_path == str(new)
    assert (old / "Heat (1995)").is_dir()


def test_move_files_moves_each_folder_to_the_new_root_folder(admin_client, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for name in ("Heat (1995)", "Ronin (1998)"):
        (old / name).mkdir(parents=True)
        (old / name / f"{name}.mkv").write_bytes(b"video")
    new.mkdir()
    RootFolder.objects.bulk_create([RootFolder(path=str(old)), RootFolder(path=str(new))])
    movies = [
        MovieFactory(root_folder_path=str(old), path=str(old / name))
        for name in ("Heat (1995)", "Ronin (1998)")
    ]

    response = edit(admin_client, movies, "rootFolder", rootFolderPath=str(new), moveFiles="true")
    command = Command.objects.get(name="BulkMoveMovie")  # moving can take hours: the job worker does it
    assert (old / "Heat (1995)").exists()
    execute_command(command.pk)

    command.refresh_from_db()
    assert command.status == "completed" and command.message.startswith("Moved 2 of 2")
    assert (new / "Heat (1995)" / "Heat (1995).mkv").read_bytes() == b"video"
    assert (new / "Ronin (1998)" / "Ronin (1998).mkv").exists()
    assert not (old / "Heat (1995)").exists()
    assert response.status_code == 302


def test_delete_asks_first_with_delete_files_unticked(admin_client):
    movies = MovieFactory.create_batch(2)

    response = edit(admin_client, movies, "delete")

    body = response.content.decode()
    assert Movie.objects.count() == 2
    assert 'name="deleteFiles" value="true">' in body and "checked" not in body
    assert body.count('name="movieIds"') == 2


def test_deleting_many_keeps_their_files_unless_asked(admin_client, tmp_path):
    folder = tmp_path / "Heat (1995)"
    folder.mkdir()
    movies = [MovieFactory(path=str(folder)), MovieFactory()]

    response = admin_client.post(
        "/editor/delete",
        {"movieIds": [movie.pk for movie in movies], "addImportExclusion": "true", "next": "/"},
        follow=True,
    )

    assert Movie.objects.count() == 0
    assert folder.is_dir()
    assert ImportExclusion.objects.count() == 2
    assert "2 movies removed from the library; their files were left on disk." in response.content.decode()


def test_nothing_ticked_says_so(admin_client):
    response = admin_client.post("/editor", {"action": "monitor", "next": "/"}, follow=True)

    assert "Tick the movies to change first." in response.content.decode()


def test_the_return_address_must_be_on_this_site(admin_client):
    movie = MovieFactory()

    response = admin_client.post(
        "/editor", {"movieIds": [movie.pk], "action": "monitor", "next": "https://evil"}
    )

    assert response["Location"] == "/?select=1"
