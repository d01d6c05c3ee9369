"""Moving and deleting movie folders without ever losing a media file."""

import errno
from pathlib import Path

import pytest

from movies.files import FolderError, move_movie_folder, remove_movie_folder
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


def movie_in(root: Path, name: str = "Film (2010)", content: bytes = b"video"):
    folder = root / name
    folder.mkdir()
    (folder / "film.mkv").write_bytes(content)
    return MovieFactory(path=str(folder), root_folder_path=str(root))


def test_a_move_within_one_filesystem_renames_the_folder(root):
    movie = movie_in(root)

    moved = move_movie_folder(movie, str(root / "Renamed (2010)"))

    assert moved is True
    assert (root / "Renamed (2010)" / "film.mkv").read_bytes() == b"video"
    assert not (root / "Film (2010)").exists()


def test_a_move_never_overwrites_a_target_that_holds_files(root):
    movie = movie_in(root)
    target = root / "Taken"
    target.mkdir()
    (target / "other.mkv").write_bytes(b"other")

    with pytest.raises(FolderError):
        move_movie_folder(movie, str(target))

    assert (root / "Film (2010)" / "film.mkv").exists()
    assert (target / "other.mkv").read_bytes() == b"other"


def test_an_empty_target_folder_is_taken_over(root):
    movie = movie_in(root)
    (root / "Empty").mkdir()

    move_movie_folder(movie, str(root / "Empty"))

    assert (root / "Empty" / "film.mkv").exists()


def test_a_move_across_filesystems_copies_verifies_then_deletes(root, monkeypatch):
    movie = movie_in(root, content=b"x" * 1000)
    real_rename = Path.rename

    def rename(self, target):  # the first rename is the cross-device one; the copy's own rename works
        if self.name == "Film (2010)":
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)

    move_movie_folder(movie, str(root / "Elsewhere"))

    assert (root / "Elsewhere" / "film.mkv").read_bytes() == b"x" * 1000
    assert not (root / "Film (2010)").exists()
    assert not (root / ".Elsewhere.partial").exists()


def test_moving_a_missing_folder_changes_nothing_on_disk(root):
    movie = MovieFactory(path=str(root / "Not There"), root_folder_path=str(root))

    assert move_movie_folder(movie, str(root / "Target")) is False
    assert not (root / "Target").exists()


def test_a_folder_cannot_move_inside_itself(root):
    movie = movie_in(root)

    with pytest.raises(FolderError):
        move_movie_folder(movie, str(root / "Film (2010)" / "inner"))


def test_removing_deletes_only_the_movies_own_folder(root):
    movie = movie_in(root)
    neighbour = movie_in(root, "Neighbour (2011)")

    remove_movie_folder(movie)

    assert not (root / "Film (2010)").exists()
    assert Path(neighbour.path, "film.mkv").exists()


def test_removing_refuses_a_root_folder(root):
    movie = MovieFactory(path=str(root), root_folder_path=str(root))
    (root / "keep.mkv").write_bytes(b"x")

    with pytest.raises(FolderError):
        remove_movie_folder(movie)

    assert (root / "keep.mkv").exists()


def test_removing_refuses_a_folder_outside_every_root_folder(tmp_path, root):
    outside = tmp_path / "elsewhere" / "Film"
    outside.mkdir(parents=True)
    movie = MovieFactory(path=str(outside), root_folder_path=str(tmp_path / "elsewhere"))
    RootFolderFactory(path=str(root))

    movie.root_folder_path = ""
    with pytest.raises(FolderError):
        remove_movie_folder(movie)

    assert outside.exists()


def test_a_recycle_bin_receives_the_folder_with_a_number_when_taken(root, tmp_path):
    bin_folder = tmp_path / "bin"
    (bin_folder / "Film (2010)").mkdir(parents=True)
    movie = movie_in(root)

    remove_movie_folder(movie, recycle_bin=str(bin_folder))

    assert (bin_folder / "Film (2010)_2" / "film.mkv").read_bytes() == b"video"


def test_deleting_a_movie_with_its_files_uses_the_recycle_bin_of_media_management(api_client, root, tmp_path):
    from imports.models import MediaManagementConfig

    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"recycle_bin": str(tmp_path / "bin")})
    movie = movie_in(root)

    response = api_client.delete(f"/api/v3/movie/{movie.pk}?deleteFiles=true")

    assert response.status_code == 200
    assert (tmp_path / "bin" / "Film (2010)" / "film.mkv").read_bytes() == b"video"


def test_removing_a_folder_that_never_existed_is_not_refused(tmp_path):
    movie = MovieFactory(path=str(tmp_path / "elsewhere" / "Never Downloaded"), root_folder_path="")

    assert remove_movie_folder(movie) is False
