"""Extra files: subtitle names with language and tags, importing them beside the movie file,
/api/v3/extrafile, and deleting them with their movie file."""

from pathlib import Path

import pytest

from imports.extras import delete_extras_of, extra_file_name, import_extras, parse_subtitle_name
from imports.models import ExtraFile, MediaManagementConfig
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "language", "tags"),
    [
        ("Movie.2020.1080p-GRP.en.srt", "en", ()),
        ("Movie.2020.1080p-GRP.eng.forced.srt", "en", ("forced",)),
        ("Movie.2020.1080p-GRP.ger.sdh.ass", "de", ("sdh",)),
        ("Movie.2020.1080p-GRP.French.srt", "fr", ()),
        ("Movie.2020.1080p-GRP.pt.cc.forced.vtt", "pt", ("cc", "forced")),
        ("Movie.2020.1080p-GRP.srt", "", ()),
    ],
)
def test_a_subtitle_name_gives_its_language_and_tags(name, language, tags):
    parsed = parse_subtitle_name(name, "Movie.2020.1080p-GRP")
    assert (parsed.language, parsed.tags) == (language, tags)


def test_an_extra_takes_the_movie_file_name_with_language_and_tags():
    assert extra_file_name("Movie (2020)", ".SRT", "en", ("forced",)) == "Movie (2020).en.forced.srt"
    assert extra_file_name("Movie (2020)", ".nfo") == "Movie (2020).nfo"


@pytest.fixture
def imported(tmp_path):
    download = tmp_path / "downloads" / "Movie.2020.1080p-GRP"
    download.mkdir(parents=True)
    video = download / "Movie.2020.1080p-GRP.mkv"
    video.write_bytes(b"video")
    (download / "Movie.2020.1080p-GRP.eng.forced.srt").write_text("forced")
    (download / "Subs").mkdir()
    (download / "Subs" / "German.srt").write_text("german")
    (download / "Movie.2020.1080p-GRP.nfo").write_text("nfo")
    (download / "Movie.2020.1080p-GRP.txt").write_text("txt")
    folder = tmp_path / "movies" / "Movie (2020)"
    folder.mkdir(parents=True)
    (folder / "Movie (2020) Bluray-1080p.mkv").write_bytes(b"video")
    movie = MovieFactory(title="Movie", year=2020, path=str(folder), root_folder_path=str(folder.parent))
    movie_file = MovieFileFactory(movie=movie, relative_path="Movie (2020) Bluray-1080p.mkv")
    return movie, movie_file, video


def test_nothing_comes_along_while_import_extra_files_is_off(imported):
    movie, movie_file, video = imported
    assert import_extras(video.parent, movie, movie_file, source_video=video) == []


def test_subtitles_and_configured_extras_are_copied_beside_the_movie_file(api_client, imported):
    movie, movie_file, video = imported
    MediaManagementConfig.objects.update_or_create(
        pk=1, defaults={"import_extra_files": True, "extra_file_extensions": "srt, .nfo"}
    )
    created = import_extras(video.parent, movie, movie_file, source_video=video)
    names = sorted(extra.relative_path for extra in created)
    assert names == [
        "Movie (2020) Bluray-1080p.de.srt",
        "Movie (2020) Bluray-1080p.en.forced.srt",
        "Movie (2020) Bluray-1080p.nfo",
    ]
    folder = Path(movie.path)
    assert (folder / "Movie (2020) Bluray-1080p.en.forced.srt").read_text() == "forced"
    assert (video.parent / "Movie.2020.1080p-GRP.nfo").exists()  # copied, not moved

    response = api_client.get("/api/v3/extrafile", {"movieId": movie.pk})
    assert response.status_code == 200
    subtitle = next(item for item in response.json() if item["relativePath"].endswith("en.forced.srt"))
    assert subtitle == {
        "id": subtitle["id"],
        "movieId": movie.pk,
        "movieFileId": movie_file.pk,
        "relativePath": "Movie (2020) Bluray-1080p.en.forced.srt",
        "extension": ".srt",
        "languageTags": ["forced"],
        "type": "subtitle",
    }


def test_extras_go_with_their_movie_file(imported):
    movie, movie_file, video = imported
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"import_extra_files": True})
    created = import_extras(video.parent, movie, movie_file, source_video=video)
    assert len(created) == 2
    assert delete_extras_of(movie_file) == 2
    assert not ExtraFile.objects.exists()
    assert not list(Path(movie.path).glob("*.srt"))


def test_the_pipeline_call_finds_the_video_by_the_movie_files_original_name(imported):
    movie, movie_file, video = imported
    movie_file.original_file_path = video.name
    movie_file.save()
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"import_extra_files": True})
    created = import_extras(video.parent, movie, movie_file)
    assert sorted(extra.language for extra in created) == ["de", "en"]


def test_in_a_shared_downloads_folder_only_subtitles_named_like_the_video_come_along(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    video = downloads / "Movie.2020.1080p-GRP.mkv"
    video.write_bytes(b"video")
    (downloads / "Other.Film.1999.720p.mkv").write_bytes(b"other")
    (downloads / "Other.Film.1999.720p.en.srt").write_text("other")
    (downloads / "Movie.2020.1080p-GRP.en.srt").write_text("ours")
    folder = tmp_path / "movies" / "Movie (2020)"
    folder.mkdir(parents=True)
    movie = MovieFactory(title="Movie", year=2020, path=str(folder), root_folder_path=str(folder.parent))
    movie_file = MovieFileFactory(movie=movie, relative_path="Movie (2020).mkv")
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"import_extra_files": True})
    created = import_extras(downloads, movie, movie_file, source_video=video)
    assert [extra.relative_path for extra in created] == ["Movie (2020).en.srt"]
    assert (folder / "Movie (2020).en.srt").read_text() == "ours"


def test_the_extrafile_endpoint_of_an_unknown_movie_is_empty(api_client):
    assert api_client.get("/api/v3/extrafile", {"movieId": 999}).json() == []


def test_a_rescan_tracks_extras_named_like_a_movie_file_and_forgets_vanished_ones(imported):
    from imports.extras import scan_extras

    movie, movie_file, _video = imported
    folder = Path(movie.path)
    (folder / "Movie (2020) Bluray-1080p.en.sdh.srt").write_text("1")
    (folder / "unrelated.srt").write_text("2")
    assert scan_extras(movie) == 1
    extra = ExtraFile.objects.get()
    assert (extra.language, extra.language_tags, extra.movie_file_id) == ("en", ["sdh"], movie_file.pk)
    assert scan_extras(movie) == 0
    (folder / extra.relative_path).unlink()
    assert scan_extras(movie) == 1
    assert not ExtraFile.objects.exists()
