"""Metadata consumers writing real files: Kodi's NFO parsed as Kodi reads it, images, the other
consumers, and the files following imports, renames, rescans and deletions."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from imports.filedeletion import delete_movie_file
from imports.mediainfo import MediaInfo
from imports.metadatafiles import _safe_target, cast_and_crew, write_movie_metadata
from imports.models import ExtraFile, ExtraFileType, Metadata, NamingConfig
from imports.nfo import CastMember, NfoFacts, kodi_movie_nfo
from imports.pipeline import import_folder
from imports.renaming import rename_files
from movies.mediacover import cover_folder
from movies.models import Credit, MovieFile
from movies.scanning import scan_movie_folder
from radarr.models import Tag
from tests.imports.conftest import make_video
from tests.movies.factories import CollectionFactory, MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def migration_consumers() -> None:
    """The disabled consumers the migration adds, whatever ran in this process before (a module that
    flushed the database at its end leaves them out)."""
    from tests.conftest import install_migration_data

    install_migration_data()


VIDEO = "Blade Runner (1982) Bluray-1080p.mkv"
NFO = "Blade Runner (1982) Bluray-1080p.nfo"
KODI_DEFAULTS = {
    "movieMetadata": True,
    "useMovieNfo": False,
    "movieMetadataLanguage": 1,
    "movieMetadataURL": False,
    "addCollectionName": True,
    "movieImages": True,
}


def consumer(implementation: str, **settings: object) -> Metadata:
    """The migration's row for `implementation`, switched on with these settings."""
    row = Metadata.objects.get(implementation=implementation)
    row.enable = True
    row.settings = row.settings | settings
    row.save()
    return row


def media_info() -> dict:
    """What an import stores for a 1080p H.264 file with 5.1 English AC3 and two subtitle tracks."""
    info = MediaInfo(
        video_format="h264",
        video_codec="x264",
        video_bitrate=8_000_000,
        width=1920,
        height=800,
        video_fps=23.976,
        audio_format="ac3",
        audio_codec="AC3",
        audio_channels=5.1,
        audio_bitrate=640_000,
        audio_languages=["eng"],
        subtitles=["eng", "fre"],
        run_time_seconds=7021.4,
    )
    return info.as_dict()


@pytest.fixture
def blade_runner(tmp_path):
    root = tmp_path / "movies"
    folder = root / "Blade Runner (1982)"
    folder.mkdir(parents=True)
    (folder / VIDEO).write_bytes(b"video")
    RootFolderFactory(path=str(root))
    collection = CollectionFactory(tmdb_id=422837, title="Blade Runner Collection")
    movie = MovieFactory(
        tmdb_id=78,
        imdb_id="tt0083658",
        title="Blade Runner",
        original_title="Blade Runner",
        year=1982,
        overview="In the smog-choked dystopian Los Angeles of 2019...",
        genres=["Science Fiction", "Drama", "Thriller"],
        studio="The Ladd Company",
        certification="R",
        collection=collection,
        ratings={"imdb": {"votes": 850000, "value": 8.1}, "tmdb": {"votes": 14000, "value": 7.9}},
        root_folder_path=str(root),
        path=str(folder),
    )
    movie.tags.add(Tag.objects.create(label="classics"))
    movie_file = MovieFileFactory(movie=movie, relative_path=VIDEO, media_info=media_info(), scene_name="")
    yield movie, movie_file
    shutil.rmtree(cover_folder(movie.pk), ignore_errors=True)


def parse(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_the_kodi_nfo_holds_what_kodi_reads(blade_runner):
    movie, _ = blade_runner
    consumer("XbmcMetadata")

    write_movie_metadata(movie)

    nfo = parse(Path(movie.path) / NFO)
    assert nfo.tag == "movie"
    assert nfo.findtext("title") == "Blade Runner" and nfo.findtext("originaltitle") == "Blade Runner"
    assert nfo.findtext("sorttitle") == "blade runner"
    assert nfo.findtext("year") == "1982"
    assert nfo.findtext("plot").startswith("In the smog-choked")
    ids = {element.get("type"): element for element in nfo.findall("uniqueid")}
    assert ids["tmdb"].text == "78" and ids["tmdb"].get("default") == "true"
    assert ids["imdb"].text == "tt0083658" and ids["imdb"].get("default") is None
    ratings = {rating.get("name"): rating for rating in nfo.find("ratings").findall("rating")}
    assert ratings["imdb"].get("default") == "true" and ratings["imdb"].findtext("value") == "8.1"
    assert ratings["imdb"].findtext("votes") == "850000" and ratings["themoviedb"].findtext("value") == "7.9"
    assert [genre.text for genre in nfo.findall("genre")] == ["Science Fiction", "Drama", "Thriller"]
    assert nfo.findtext("studio") == "The Ladd Company" and nfo.findtext("mpaa") == "R"
    assert nfo.find("set").findtext("name") == "Blade Runner Collection"
    assert nfo.find("set").get("tmdbcolid") == "422837"
    assert [tag.text for tag in nfo.findall("tag")] == ["classics"]
    assert nfo.findtext("premiered") == movie.in_cinemas.isoformat()
    assert nfo.findtext("status") == "Released" and nfo.find("trailer") is None  # no trailer known


def test_the_nfo_describes_the_files_streams_from_its_media_info(blade_runner):
    movie, _ = blade_runner
    consumer("XbmcMetadata")

    write_movie_metadata(movie)

    details = parse(Path(movie.path) / NFO).find("fileinfo/streamdetails")
    video, audio = details.find("video"), details.find("audio")
    assert video.findtext("codec") == "x264"
    assert (video.findtext("width"), video.findtext("height")) == ("1920", "800")
    assert video.findtext("durationinseconds") == "7021" and video.findtext("aspect") == "2.4"
    assert audio.findtext("codec") == "AC3" and audio.findtext("channels") == "5.1"
    assert audio.findtext("language") == "eng"
    assert [subtitle.findtext("language") for subtitle in details.findall("subtitle")] == ["eng", "fre"]


def test_the_nfo_lists_the_cast_with_role_and_thumb():
    movie = MovieFactory.build(title="Arrival", tmdb_id=329865)
    movie_file = MovieFile(relative_path="Arrival (2016).mkv", media_info={})
    cast = (CastMember("Amy Adams", "Louise Banks", 0, "https://image.tmdb.org/t/p/original/amy.jpg"),)

    nfo = ET.fromstring(kodi_movie_nfo(movie, movie_file, NfoFacts("Arrival", cast=cast)).encode())

    actor = nfo.find("actor")
    assert actor.findtext("name") == "Amy Adams" and actor.findtext("role") == "Louise Banks"
    assert actor.findtext("thumb").endswith("/amy.jpg") and actor.findtext("order") == "0"
    assert nfo.find("fileinfo") is None  # no media info read: nothing to describe


def test_the_written_nfo_names_the_stored_cast_in_billing_order_and_the_director(blade_runner):
    movie, _ = blade_runner
    consumer("XbmcMetadata")
    headshot = [{"coverType": "headshot", "remoteUrl": "https://image.tmdb.org/t/p/original/sean.jpg"}]
    Credit.objects.bulk_create(
        [
            Credit(
                movie=movie,
                credit_tmdb_id="c2",
                person_tmdb_id=2,
                name="Sean Young",
                type="cast",
                order=2,
                character="Rachael",
                images=headshot,
            ),
            Credit(
                movie=movie,
                credit_tmdb_id="c1",
                person_tmdb_id=1,
                name="Harrison Ford",
                type="cast",
                order=0,
                character="Rick Deckard",
            ),
            Credit(
                movie=movie,
                credit_tmdb_id="c3",
                person_tmdb_id=3,
                name="Ridley Scott",
                type="crew",
                department="Directing",
                job="Director",
            ),
        ]
    )

    write_movie_metadata(movie)

    nfo = parse(Path(movie.path) / NFO)
    actors = [(actor.findtext("name"), actor.findtext("role")) for actor in nfo.findall("actor")]
    assert actors == [("Harrison Ford", "Rick Deckard"), ("Sean Young", "Rachael")]
    assert nfo.findall("actor")[1].findtext("thumb").endswith("/sean.jpg")
    assert [director.text for director in nfo.findall("director")] == ["Ridley Scott"]


def test_collection_and_movie_nfo_settings_are_followed(blade_runner):
    movie, _ = blade_runner
    consumer("XbmcMetadata", useMovieNfo=True, addCollectionName=False, movieMetadataURL=True)

    write_movie_metadata(movie)

    content = (Path(movie.path) / "movie.nfo").read_text()
    assert not (Path(movie.path) / NFO).exists()
    assert "<set" not in content
    assert content.rstrip().endswith("https://www.imdb.com/title/tt0083658")


def test_the_original_title_is_written_when_asked_for(blade_runner):
    movie, _ = blade_runner
    movie.original_title = "Bladerunner"
    movie.save()
    consumer("XbmcMetadata", movieMetadataLanguage=-2)

    write_movie_metadata(movie)

    assert parse(Path(movie.path) / NFO).findtext("title") == "Bladerunner"


def test_poster_and_fanart_are_copied_from_the_cover_cache_and_listed_as_extra_files(
    api_client, blade_runner
):
    movie, movie_file = blade_runner
    covers = cover_folder(movie.pk)
    covers.mkdir(parents=True, exist_ok=True)
    (covers / "poster.jpg").write_bytes(b"\xff\xd8poster")
    (covers / "fanart.jpg").write_bytes(b"\xff\xd8fanart")
    consumer("XbmcMetadata")

    write_movie_metadata(movie)

    assert (Path(movie.path) / "poster.jpg").read_bytes() == b"\xff\xd8poster"
    assert (Path(movie.path) / "fanart.jpg").read_bytes() == b"\xff\xd8fanart"
    listed = api_client.get("/api/v3/extrafile", {"movieId": movie.pk}).json()
    by_path = {extra["relativePath"]: extra for extra in listed}
    assert {"fanart.jpg", "poster.jpg", NFO} <= set(by_path)
    assert by_path[NFO]["type"] == "metadata" and by_path[NFO]["movieFileId"] == movie_file.pk
    assert by_path["poster.jpg"].get("movieFileId") is None  # the movie's, not a file's


def test_a_disabled_consumer_writes_nothing_and_switching_one_off_removes_its_files(blade_runner):
    movie, _ = blade_runner
    assert write_movie_metadata(movie) == 0
    assert not (Path(movie.path) / NFO).exists()
    row = consumer("XbmcMetadata")
    write_movie_metadata(movie)
    assert (Path(movie.path) / NFO).exists()

    row.enable = False
    row.save()
    write_movie_metadata(movie)

    assert not (Path(movie.path) / NFO).exists()
    assert (Path(movie.path) / VIDEO).exists()
    assert not ExtraFile.objects.filter(movie=movie, type=ExtraFileType.METADATA).exists()


def test_an_unchanged_nfo_is_not_written_again_and_kodis_watched_flag_is_kept(blade_runner):
    movie, _ = blade_runner
    consumer("XbmcMetadata")
    write_movie_metadata(movie)
    path = Path(movie.path) / NFO
    assert write_movie_metadata(movie) == 0

    path.write_text(path.read_text().replace("<watched>false</watched>", "<watched>true</watched>"))
    write_movie_metadata(movie)

    assert parse(path).findtext("watched") == "true"


def test_roksbox_wdtv_and_emby_write_their_own_files(blade_runner):
    movie, _ = blade_runner
    covers = cover_folder(movie.pk)
    covers.mkdir(parents=True, exist_ok=True)
    (covers / "poster.jpg").write_bytes(b"\xff\xd8poster")
    consumer("WdtvMetadata")
    consumer("MediaBrowserMetadata")

    write_movie_metadata(movie)

    folder = Path(movie.path)
    wdtv = parse(folder / "Blade Runner (1982) Bluray-1080p.xml")
    assert wdtv.tag == "details" and wdtv.findtext("title") == "Blade Runner"
    assert wdtv.findtext("genre") == "Science Fiction / Drama / Thriller"
    assert (folder / "folder.jpg").read_bytes() == b"\xff\xd8poster"
    emby = parse(folder / "movie.xml")
    assert emby.findtext("IMDB") == "tt0083658" and emby.findtext("ProductionYear") == "1982"
    assert [genre.text for genre in emby.find("Genres")] == ["Science Fiction", "Drama", "Thriller"]


def test_roksbox_names_its_image_after_the_movie_folder(blade_runner):
    movie, _ = blade_runner
    covers = cover_folder(movie.pk)
    covers.mkdir(parents=True, exist_ok=True)
    (covers / "poster.jpg").write_bytes(b"\xff\xd8poster")
    consumer("RoksboxMetadata")

    write_movie_metadata(movie)

    assert parse(Path(movie.path) / "Blade Runner (1982) Bluray-1080p.xml").findtext("length") == "120"
    assert (Path(movie.path) / "Blade Runner (1982).jpg").exists()


def test_metadata_is_never_written_over_a_video_or_outside_the_movie_folder(tmp_path):
    assert _safe_target(tmp_path, "Movie.mkv") is None
    assert _safe_target(tmp_path, "../other/movie.nfo") is None
    assert _safe_target(tmp_path, "movie.nfo") == (tmp_path / "movie.nfo").resolve()


def test_deleting_the_movie_file_removes_its_nfo_and_the_images(blade_runner):
    movie, movie_file = blade_runner
    covers = cover_folder(movie.pk)
    covers.mkdir(parents=True, exist_ok=True)
    (covers / "poster.jpg").write_bytes(b"\xff\xd8poster")
    consumer("XbmcMetadata")
    write_movie_metadata(movie)

    delete_movie_file(movie_file)

    folder = Path(movie.path)
    assert not (folder / NFO).exists() and not (folder / "poster.jpg").exists()
    assert not ExtraFile.objects.filter(movie=movie).exists()


def test_a_rename_gives_the_nfo_the_new_name(blade_runner):
    movie, movie_file = blade_runner
    old_video = Path(movie.path) / VIDEO
    old_video.rename(Path(movie.path) / "blade.runner.1982.1080p.bluray.x264-grp.mkv")
    movie_file.relative_path = "blade.runner.1982.1080p.bluray.x264-grp.mkv"
    movie_file.save()
    consumer("XbmcMetadata")
    write_movie_metadata(movie)
    assert (Path(movie.path) / "blade.runner.1982.1080p.bluray.x264-grp.nfo").exists()
    NamingConfig.objects.update_or_create(pk=1, defaults={"rename_movies": True})

    rename_files(movie.pk)

    movie_file.refresh_from_db()
    new_nfo = Path(movie.path) / (movie_file.relative_path.rsplit(".", 1)[0] + ".nfo")
    assert movie_file.relative_path != "blade.runner.1982.1080p.bluray.x264-grp.mkv"
    assert (
        new_nfo.exists() and not (Path(movie.path) / "blade.runner.1982.1080p.bluray.x264-grp.nfo").exists()
    )
    assert list(
        ExtraFile.objects.filter(movie=movie, type="metadata").values_list("relative_path", flat=True)
    ) == [new_nfo.name]


def test_a_rescan_writes_the_metadata_of_files_already_there(blade_runner, media_analysis_off):
    movie, _ = blade_runner
    consumer("XbmcMetadata")

    scan_movie_folder(movie)

    assert parse(Path(movie.path) / NFO).findtext("title") == "Blade Runner"


def test_an_import_writes_the_nfo_from_the_files_real_media_info(arrival, downloads, options):
    arrival.runtime = 0  # unknown: the one-second video made here is then no sample
    arrival.save()
    consumer("XbmcMetadata")
    name = "Arrival.2016.1080p.BluRay.x264-GRP"
    make_video(downloads / name / f"{name}.mkv", size="320x240", audio_language="fre")

    result = import_folder(downloads / name)

    assert len(result.imported) == 1, result.messages
    movie_file = MovieFile.objects.get(movie=arrival)
    nfo_path = Path(arrival.path) / (movie_file.relative_path.rsplit(".", 1)[0] + ".nfo")
    streams = parse(nfo_path).find("fileinfo/streamdetails")
    assert (streams.findtext("video/width"), streams.findtext("video/height")) == ("320", "240")
    assert streams.findtext("video/durationinseconds") == "1"
    assert streams.findtext("audio/language") == "fre" and streams.findtext("audio/codec") == "AAC"


def test_an_upgrade_replaces_the_old_files_nfo_with_the_new_ones(arrival, downloads, options, tmp_path):
    options(recycle_bin=str(tmp_path / "recycle"))
    consumer("XbmcMetadata")
    old = Path(arrival.path) / "Arrival.2016.720p.HDTV.x264-OLD.mkv"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"\0" * 1000)
    MovieFileFactory(movie=arrival, relative_path=old.name, size=1000, quality_id=4)
    write_movie_metadata(arrival)
    assert (Path(arrival.path) / "Arrival.2016.720p.HDTV.x264-OLD.nfo").exists()
    release = "Arrival.2016.1080p.BluRay.x264-GRP"
    (downloads / release).mkdir()
    (downloads / release / f"{release}.mkv").write_bytes(b"\0" * 2048)

    result = import_folder(downloads / release)

    assert len(result.imported) == 1, result.messages
    new_file = MovieFile.objects.get(movie=arrival)
    folder = Path(arrival.path)
    assert not (folder / "Arrival.2016.720p.HDTV.x264-OLD.nfo").exists()
    assert (tmp_path / "recycle" / "Arrival (2016)" / "Arrival.2016.720p.HDTV.x264-OLD.nfo").exists()
    assert parse(folder / (new_file.relative_path.rsplit(".", 1)[0] + ".nfo")).findtext("title") == "Arrival"


def test_credit_rows_become_the_nfos_actors_directors_and_writers():
    headshot = [{"coverType": "headshot", "remoteUrl": "https://image.tmdb.org/t/p/original/hf.jpg"}]
    credits = [
        SimpleNamespace(
            type="cast", name="Rutger Hauer", character="Roy Batty", order=1, job="Actor", images=[]
        ),
        SimpleNamespace(
            type="cast", name="Harrison Ford", character="Deckard", order=0, job="Actor", images=headshot
        ),
        SimpleNamespace(type="crew", name="Ridley Scott", character="", order=0, job="Director", images=[]),
        SimpleNamespace(
            type="crew", name="Hampton Fancher", character="", order=0, job="Screenplay", images=[]
        ),
    ]
    movie = MovieFactory.build(title="Blade Runner")
    cast, crew = cast_and_crew(credits)

    nfo = ET.fromstring(
        kodi_movie_nfo(movie, MovieFile(relative_path="b.mkv"), NfoFacts("Blade Runner", cast, crew))
    )

    assert [actor.findtext("name") for actor in nfo.findall("actor")] == ["Harrison Ford", "Rutger Hauer"]
    assert (
        nfo.find("actor").findtext("thumb").endswith("/hf.jpg")
        and nfo.findall("actor")[1].find("thumb") is None
    )
    assert nfo.findtext("director") == "Ridley Scott" and nfo.findtext("credits") == "Hampton Fancher"


def test_rewriting_an_unchanged_movie_writes_nothing_and_costs_a_few_queries(
    blade_runner, django_assert_max_num_queries
):
    movie, _ = blade_runner
    consumer("XbmcMetadata")
    consumer("WdtvMetadata")
    write_movie_metadata(movie)

    with django_assert_max_num_queries(6):  # files, extra files, consumers and their tags, the tags, credits
        changed = write_movie_metadata(movie)

    assert changed == 0
