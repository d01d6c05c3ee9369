"""The library's state changes: add, update, delete, bulk edit, collections and root folders."""

from datetime import date
from pathlib import Path

import pytest

from movies import adding, collectionmonitoring, deleting, editing, library
from movies.metadata import CollectionRef, MovieMetadata
from movies.models import AlternativeTitle, Collection, ImportExclusion, Movie, RootFolder
from radarr.api.errors import ApiError, ValidationFailed
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.factories import CollectionFactory, MovieFactory

pytestmark = pytest.mark.django_db

MATRIX = MovieMetadata(
    tmdb_id=603,
    title="The Matrix",
    year=1999,
    imdb_id="tt0133093",
    status="released",
    in_cinemas=date(1999, 3, 31),
    collection=CollectionRef(2344, "The Matrix Collection"),
    alternative_titles=("The Matrix", "Matrix", "Matriks", "Matriks"),
)


@pytest.fixture
def profile() -> QualityProfile:
    return QualityProfile.objects.order_by("pk").first()


def add(root: Path, profile: QualityProfile, metadata: MovieMetadata = MATRIX, **options) -> Movie:
    return adding.add_movie(metadata, quality_profile_id=profile.pk, root_folder_path=str(root), **options)


def failure_of(error: ValidationFailed) -> tuple[str, str]:
    return error.failures[0].property_name, error.failures[0].message


def test_an_added_movie_lives_in_its_named_folder_under_the_root(root, profile):
    movie = add(root, profile)

    assert movie.path == f"{root}/The Matrix (1999)"
    assert movie.root_folder_path == str(root)
    assert movie.add_options == {"monitor": "movieOnly", "searchForMovie": False, "addMethod": "manual"}


def test_alternative_titles_are_kept_without_the_title_itself_or_repeats(root, profile):
    movie = add(root, profile)

    assert list(AlternativeTitle.objects.filter(movie=movie).values_list("title", flat=True)) == ["Matriks"]


def test_a_duplicate_tmdb_id_is_refused_with_radarrs_message(root, profile):
    add(root, profile)

    with pytest.raises(ValidationFailed) as refused:
        add(root, profile)

    assert failure_of(refused.value) == ("TmdbId", "This movie has already been added")


def test_an_unknown_profile_is_refused(root):
    with pytest.raises(ValidationFailed) as refused:
        adding.add_movie(MATRIX, quality_profile_id=9999, root_folder_path=str(root))

    assert refused.value.failures[0].property_name == "QualityProfileId"


def test_a_missing_root_folder_is_refused(tmp_path, profile):
    with pytest.raises(ValidationFailed) as refused:
        adding.add_movie(MATRIX, quality_profile_id=profile.pk, root_folder_path=str(tmp_path / "nope"))

    assert refused.value.failures[0].property_name == "RootFolderPath"
    assert not Movie.objects.exists()


def test_a_path_used_by_another_movie_is_refused(root, profile):
    MovieFactory(path=f"{root}/The Matrix (1999)")

    with pytest.raises(ValidationFailed) as refused:
        add(root, profile)

    assert failure_of(refused.value) == ("Path", "Path is already configured for an existing movie")


def test_a_movie_another_request_adds_during_ours_is_refused_as_a_duplicate(root, profile, monkeypatch):
    """Two adders of one movie at once (an import list sync on each worker, a client's POST beside a sync):
    the one whose insert loses gets Radarr's duplicate message, not a database error."""
    checks = adding._add_failures

    def meanwhile(*args):
        MovieFactory(tmdb_id=MATRIX.tmdb_id, title="The Matrix")  # the other request, after our check
        return checks(*args)

    monkeypatch.setattr(adding, "_add_failures", meanwhile)

    with pytest.raises(ValidationFailed) as refused:
        add(root, profile)

    assert failure_of(refused.value) == ("TmdbId", "This movie has already been added")
    assert Movie.objects.filter(tmdb_id=MATRIX.tmdb_id).count() == 1


def test_an_excluded_movie_may_still_be_added_by_hand(root, profile):
    ImportExclusion.objects.create(tmdb_id=603, movie_title="The Matrix", movie_year=1999)

    assert add(root, profile).pk


def test_monitor_none_adds_the_movie_unmonitored(root, profile):
    assert add(root, profile, monitor="none").monitored is False


def test_movie_and_collection_monitors_the_collection_with_the_movies_settings(root, profile):
    add(root, profile, monitor="movieAndCollection", minimum_availability="inCinemas")

    collection = Collection.objects.get(tmdb_id=2344)
    assert collection.monitored is True
    assert (collection.quality_profile_id, collection.root_folder_path) == (profile.pk, str(root))
    assert collection.minimum_availability == "inCinemas"


def test_movie_only_creates_the_collection_unmonitored(root, profile):
    movie = add(root, profile)

    assert movie.collection.tmdb_id == 2344 and movie.collection.monitored is False


def test_search_on_add_waits_for_the_indexers_but_is_remembered(root, profile):
    movie = add(root, profile, search_for_movie=True)

    assert movie.add_options["searchForMovie"] is True


def test_existing_files_in_the_folder_are_recognised_on_add(root, profile):
    folder = root / "The Matrix (1999)"
    folder.mkdir()
    (folder / "The.Matrix.1999.1080p.BluRay.x264-GRP.mkv").write_bytes(b"x" * 10)

    movie = add(root, profile)

    assert movie.has_file is True and movie.size_on_disk == 10


def test_update_repoints_without_moving_unless_asked(root, profile):
    movie = add(root, profile)
    (root / "The Matrix (1999)").mkdir()

    editing.update_movie(movie, {"path": f"{root}/Matrix"})

    assert movie.path == f"{root}/Matrix"
    assert (root / "The Matrix (1999)").exists() and not (root / "Matrix").exists()


def test_update_to_a_path_of_another_movie_is_refused(root, profile):
    movie = add(root, profile)
    MovieFactory(path=f"{root}/Taken")

    with pytest.raises(ValidationFailed):
        editing.update_movie(movie, {"path": f"{root}/Taken"})


def test_update_sets_the_users_choices_and_tags(root, profile):
    movie = add(root, profile)
    tag = TagFactory()

    editing.update_movie(
        movie, {"monitored": False, "minimum_availability": "announced", "tag_ids": [tag.pk]}
    )

    movie.refresh_from_db()
    assert (movie.monitored, movie.minimum_availability) == (False, "announced")
    assert list(movie.tags.all()) == [tag]


def test_deleting_the_last_movie_of_a_collection_drops_the_collection(root, profile):
    movie = add(root, profile)

    deleting.delete_movie(movie)

    assert not Collection.objects.exists()


def test_a_refused_folder_deletion_keeps_the_movie(tmp_path, profile):
    movie = MovieFactory(path=str(tmp_path), root_folder_path=str(tmp_path))
    RootFolder.objects.create(path=str(tmp_path))

    with pytest.raises(ApiError):
        deleting.delete_movie(movie, delete_files=True)

    assert Movie.objects.filter(pk=movie.pk).exists()


def test_bulk_delete_goes_on_after_a_refused_folder(tmp_path):
    RootFolder.objects.create(path=str(tmp_path))
    refused = MovieFactory(path=str(tmp_path), root_folder_path=str(tmp_path))
    fine = MovieFactory(path=str(tmp_path / "Fine"), root_folder_path=str(tmp_path))

    outcome = deleting.delete_movies([refused.pk, fine.pk], delete_files=True)

    assert outcome.deleted == 1
    assert len(outcome.refused) == 1
    assert list(Movie.objects.values_list("pk", flat=True)) == [refused.pk]


def test_the_editor_replaces_removes_and_adds_tags():
    keep, drop, new = TagFactory(), TagFactory(), TagFactory()
    movie = MovieFactory(tags=[keep, drop])

    editing.edit_movies([movie.pk], tag_ids=[drop.pk], apply_tags="remove")
    editing.edit_movies([movie.pk], tag_ids=[new.pk], apply_tags="add")

    assert set(movie.tags.all()) == {keep, new}
    editing.edit_movies([movie.pk], tag_ids=[drop.pk], apply_tags="replace")
    assert list(movie.tags.all()) == [drop]


def test_the_editor_moves_each_folder_to_the_new_root(tmp_path):
    old_root, new_root = tmp_path / "old", tmp_path / "new"
    (old_root / "Film (2010)").mkdir(parents=True)
    (old_root / "Film (2010)" / "film.mkv").write_bytes(b"x")
    new_root.mkdir()
    RootFolder.objects.bulk_create([RootFolder(path=str(old_root)), RootFolder(path=str(new_root))])
    movie = MovieFactory(path=str(old_root / "Film (2010)"), root_folder_path=str(old_root))

    editing.edit_movies([movie.pk], root_folder_path=str(new_root), move_files=True)

    movie.refresh_from_db()
    assert movie.path == str(new_root / "Film (2010)") and movie.root_folder_path == str(new_root)
    assert (new_root / "Film (2010)" / "film.mkv").exists()


def test_monitoring_a_collection_adds_released_members_not_excluded(root, profile):
    collection = CollectionFactory(
        root_folder_path=str(root),
        parts=[
            {"tmdbId": 1, "title": "Out", "year": 2001, "status": "released"},
            {"tmdbId": 2, "title": "Excluded", "year": 2002, "status": "released"},
            {"tmdbId": 3, "title": "Upcoming", "year": 2030, "status": "announced"},
            {"tmdbId": 4, "title": "Already", "year": 2004, "status": "released"},
        ],
    )
    ImportExclusion.objects.create(tmdb_id=2)
    MovieFactory(tmdb_id=4)

    added = collectionmonitoring.set_collection_monitored(collection, True)

    assert [movie.tmdb_id for movie in added] == [1]
    assert added[0].add_options["addMethod"] == "collection"
    assert added[0].collection_id == collection.pk


def test_a_root_folder_must_exist(tmp_path):
    with pytest.raises(ValidationFailed):
        library.add_root_folder(str(tmp_path / "missing"))


def test_a_root_folder_inside_another_is_refused(tmp_path):
    (tmp_path / "inner").mkdir()
    library.add_root_folder(str(tmp_path))

    with pytest.raises(ValidationFailed) as refused:
        library.add_root_folder(str(tmp_path / "inner"))

    assert refused.value.failures[0].message == "Path is inside an existing root folder"


def test_a_root_folder_in_use_cannot_be_removed(root):
    MovieFactory(root_folder_path=str(root))

    with pytest.raises(ApiError):
        library.remove_root_folder(RootFolder.objects.get(path=str(root)))
