"""Library import: unmapped folders, matching folder names to TMDB, bulk add with files recognised."""

from datetime import date

import pytest

from movies.libraryimport import (
    ImportRequest,
    UnmappedFolder,
    ids_in_folder_name,
    import_movies,
    match_folder,
    title_and_year,
    unmapped_folders,
)
from movies.metadata import MovieMetadata
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("The Matrix (1999) {tmdb-603}", (603, None)),
        ("The Matrix (1999) {tmdbid-603}", (603, None)),
        ("The Matrix (1999) [tmdbid=603]", (603, None)),
        ("The Matrix (1999) {imdb-tt0133093}", (None, "tt0133093")),
        ("The Matrix (1999)", (None, None)),
    ],
)
def test_ids_written_in_folder_names_are_read(name, ids):
    assert ids_in_folder_name(name) == ids


def test_title_and_year_come_from_the_name_without_the_ids():
    assert title_and_year("The Matrix (1999) {imdb-tt0133093}") == ("The Matrix", 1999)


def test_unmapped_folders_leave_out_movie_folders_and_system_folders(tmp_path):
    for name in ("B Film (2001)", "a film (2000)", "Owned (2010)", ".grab", "#recycle"):
        (tmp_path / name).mkdir()
    (tmp_path / "loose.mkv").write_bytes(b"x")
    MovieFactory(path=str(tmp_path / "Owned (2010)"))

    names = [folder.name for folder in unmapped_folders(str(tmp_path))]

    assert names == ["a film (2000)", "B Film (2001)"]


def test_a_tmdb_id_in_the_name_is_fetched_directly(fake_tmdb, tmp_path):
    folder = UnmappedFolder("Whatever {tmdb-603}", str(tmp_path / "x"), "x")

    match = match_folder(folder)

    assert match.metadata.tmdb_id == 603
    assert [request.path for request in fake_tmdb.requests if "/search" in request.path] == []


def test_an_imdb_id_in_the_name_is_found_then_fetched(fake_tmdb, tmp_path):
    match = match_folder(UnmappedFolder("Matrix {imdb-tt0133093}", str(tmp_path), "x"))

    assert match.metadata.tmdb_id == 603


def test_title_and_year_are_searched_and_the_same_year_preferred(fake_tmdb, tmp_path):
    match = match_folder(UnmappedFolder("The Matrix (1999)", str(tmp_path), "x"))

    assert match.metadata.tmdb_id == 603 and match.existing is None


def test_a_match_already_in_the_library_is_marked(fake_tmdb, tmp_path):
    existing = MovieFactory(tmdb_id=603)

    match = match_folder(UnmappedFolder("The Matrix (1999) {tmdb-603}", str(tmp_path), "x"))

    assert match.existing == existing


def test_without_tmdb_the_match_says_why(settings, tmp_path):
    settings.RADARR_TMDB_API_KEY = ""

    match = match_folder(UnmappedFolder("The Matrix (1999)", str(tmp_path), "x"))

    assert match.metadata is None and match.error


def test_import_adds_each_folder_with_its_files_and_reports_refusals(tmp_path):
    RootFolderFactory(path=str(tmp_path))
    (tmp_path / "Film (2001)").mkdir()
    (tmp_path / "Film (2001)" / "Film.2001.720p.WEB-DL.mkv").write_bytes(b"x" * 7)
    MovieFactory(tmdb_id=2)
    profile = QualityProfile.objects.first()
    requests = [
        ImportRequest(
            str(tmp_path / "Film (2001)"),
            MovieMetadata(1, "Film", 2001, in_cinemas=date(2001, 1, 1)),
            profile.pk,
        ),
        ImportRequest(str(tmp_path / "Dupe (2002)"), MovieMetadata(2, "Dupe", 2002), profile.pk),
    ]

    added, refused = import_movies(requests)

    assert [movie.tmdb_id for movie in added] == [1]
    assert added[0].has_file is True and added[0].path == str(tmp_path / "Film (2001)")
    assert refused[0][1] == "TmdbId: This movie has already been added"


def test_a_library_import_holds_one_batch_of_movies_at_a_time(tmp_path, monkeypatch, request):
    """A whole library's Movie objects are never alive at once: each batch is checked and written before
    the next is planned (20,000 of them held ~50 MB of small objects, whose arenas stayed mapped after);
    a refusal in a later batch (a TMDB id asked twice) still refuses only that item."""
    import gc
    import weakref

    from django.db.models.signals import post_init

    from movies import libraryimport
    from movies.models import Movie

    RootFolderFactory(path=str(tmp_path))
    profile = QualityProfile.objects.first()
    requests = []
    for number in range(1, 12):
        (tmp_path / f"Film {number} (2001)").mkdir()
        requests.append(
            ImportRequest(
                str(tmp_path / f"Film {number} (2001)"),
                MovieMetadata(number, f"Film {number}", 2001),
                profile.pk,
            )
        )
    (tmp_path / "Again (2001)").mkdir()
    requests.append(
        ImportRequest(str(tmp_path / "Again (2001)"), MovieMetadata(3, "Film 3", 2001), profile.pk)
    )
    monkeypatch.setattr(libraryimport, "BATCH_SIZE", 3)
    made: list[weakref.ref] = []  # every Movie made from here on (unsaved ones are unhashable)

    def track(sender, instance, **kwargs):
        made.append(weakref.ref(instance))

    post_init.connect(track, sender=Movie, weak=False)
    request.addfinalizer(lambda: post_init.disconnect(track, sender=Movie))
    alive: list[int] = []
    write = libraryimport._add_batch

    def counting(batch, *args):
        gc.collect()
        alive.append(sum(movie() is not None for movie in made))
        return write(batch, *args)

    monkeypatch.setattr(libraryimport, "_add_batch", counting)

    added, refused = import_movies(requests)

    assert len(alive) == 4 and max(alive) <= 3, alive
    assert sorted(movie.tmdb_id for movie in added) == list(range(1, 12))
    assert [(item.path, reason) for item, reason in refused] == [
        (str(tmp_path / "Again (2001)"), "TmdbId: This movie has already been added")
    ]
    assert Movie.objects.count() == 11
