"""A rescan of existing folders (RescanMovie, library import) reads media info with ffprobe and tracks
extras, as an import does; files already probed and unchanged are not read again."""

import json
import os
import shutil
from pathlib import Path

import pytest

from downloads.models import History
from imports import rescan as rescan_module
from imports.models import ExtraFile, MediaManagementConfig
from movies.models import Movie, MovieFile
from movies.scanning import scan_movie_folder
from radarr.commands import execute_command, queue_command
from radarr.models import Command
from releases.models import QualityProfile
from tests.imports.conftest import make_video
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db

VIDEO = "Heat.1995.1080p.BluRay.x264-GRP.mkv"


@pytest.fixture
def heat(library):
    """An existing movie folder with a real video file, not yet known to the library's rows."""
    folder = library / "Heat (1995)"
    make_video(folder / VIDEO, audio_language="ger")
    return MovieFactory(title="Heat", year=1995, root_folder_path=str(library), path=str(folder))


def _no_probe_here(paths):
    raise AssertionError(f"media info was read inside the import request for {paths}")


def rescan(movie) -> None:
    execute_command(queue_command("RescanMovie", {"movieId": movie.pk}).pk)


def test_rescan_movie_reads_media_info_of_a_file_found_in_the_folder(api_client, heat):
    rescan(heat)

    (resource,) = api_client.get("/api/v3/moviefile", {"movieId": heat.pk}).json()
    assert resource["relativePath"] == VIDEO
    info = resource["mediaInfo"]
    assert (info["videoCodec"], info["resolution"], info["audioCodec"]) == ("x264", "64x48", "AAC")
    assert (info["audioChannels"], info["audioLanguages"]) == (2.0, "ger")


def test_rescan_movie_tracks_subtitles_beside_the_movie_file_with_language_and_tags(api_client, heat):
    folder = Path(heat.path)
    stem = Path(VIDEO).stem
    for name in (f"{stem}.en.srt", f"{stem}.de.forced.ass", f"{stem}.fr.sub", f"{stem}.fr.idx"):
        (folder / name).write_text("1\n00:00:00,000 --> 00:00:00,500\nHello\n")

    rescan(heat)

    extras = api_client.get("/api/v3/extrafile", {"movieId": heat.pk}).json()
    movie_file = MovieFile.objects.get(movie=heat)
    assert sorted((e["relativePath"], e["type"], e["languageTags"], e["movieFileId"]) for e in extras) == [
        (f"{stem}.de.forced.ass", "subtitle", ["forced"], movie_file.pk),
        (f"{stem}.en.srt", "subtitle", [], movie_file.pk),
        (f"{stem}.fr.idx", "subtitle", [], movie_file.pk),
        (f"{stem}.fr.sub", "subtitle", [], movie_file.pk),
    ]
    assert ExtraFile.objects.get(relative_path=f"{stem}.de.forced.ass").language == "de"


def test_configured_extra_extensions_are_tracked_and_others_are_not(heat):
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"extra_file_extensions": "srt,nfo"})
    folder = Path(heat.path)
    stem = Path(VIDEO).stem
    (folder / f"{stem}.nfo").write_text("<movie/>")
    (folder / f"{stem}.txt").write_text("not asked for")

    rescan(heat)

    assert list(ExtraFile.objects.values_list("relative_path", "type")) == [(f"{stem}.nfo", "other")]


def test_a_subtitle_deleted_from_disk_loses_its_row_on_the_next_rescan(heat):
    subtitle = Path(heat.path) / f"{Path(VIDEO).stem}.en.srt"
    subtitle.write_text("1\n")
    rescan(heat)
    assert ExtraFile.objects.count() == 1

    subtitle.unlink()
    rescan(heat)

    assert not ExtraFile.objects.exists()
    assert (Path(heat.path) / VIDEO).exists()


def test_a_probed_unchanged_file_is_not_probed_again(heat):
    rescan(heat)
    row = MovieFile.objects.get(movie=heat)
    assert row.media_info["videoCodec"] == "x264"
    # mark what was stored: a second ffprobe would write "x264" over it
    MovieFile.objects.filter(pk=row.pk).update(media_info={**row.media_info, "videoCodec": "MARKED"})

    rescan(heat)

    assert MovieFile.objects.get(pk=row.pk).media_info["videoCodec"] == "MARKED"


def test_a_file_touched_since_it_was_probed_is_probed_again(heat):
    rescan(heat)
    row = MovieFile.objects.get(movie=heat)
    MovieFile.objects.filter(pk=row.pk).update(media_info={**row.media_info, "videoCodec": "MARKED"})
    video = Path(heat.path) / VIDEO
    later = video.stat().st_mtime + 3600
    os.utime(video, (later, later))

    rescan(heat)

    assert MovieFile.objects.get(pk=row.pk).media_info["videoCodec"] == "x264"


def test_a_file_replaced_by_one_of_another_size_is_probed_again_even_without_a_probe_stamp(heat, tmp_path):
    # media info as an import writes it: read from the download, no stamp of the library file
    rescan(heat)
    row = MovieFile.objects.get(movie=heat)
    imported_info = {key: value for key, value in row.media_info.items() if not key.startswith("probed")}
    MovieFile.objects.filter(pk=row.pk).update(media_info={**imported_info, "resolution": "MARKED"})
    rescan(heat)
    assert MovieFile.objects.get(pk=row.pk).media_info["resolution"] == "MARKED"  # same file: kept
    bigger = make_video(tmp_path / "bigger.mkv", size="320x240")
    shutil.copyfile(bigger, Path(heat.path) / VIDEO)

    rescan(heat)

    assert MovieFile.objects.get(pk=row.pk).media_info["resolution"] == "320x240"


def test_media_info_of_an_older_schema_is_read_again(heat):
    rescan(heat)
    row = MovieFile.objects.get(movie=heat)
    outdated = {**row.media_info, "schemaRevision": 0, "videoCodec": "MARKED"}
    MovieFile.objects.filter(pk=row.pk).update(media_info=outdated)

    rescan(heat)

    assert MovieFile.objects.get(pk=row.pk).media_info["videoCodec"] == "x264"


def test_a_vanished_file_beside_one_still_there_is_recorded_and_keeps_the_movie_monitored(heat, options):
    options(auto_unmonitor_previously_downloaded_movies=True)
    rescan(heat)
    MovieFileFactory(movie=heat, relative_path="Heat.1995.720p.HDTV.x264-OLD.mkv", size=4096)

    rescan(heat)

    event = History.objects.get(movie=heat)
    assert (event.source_title, event.data) == (
        "Heat.1995.720p.HDTV.x264-OLD.mkv",
        {"reason": "MissingFromDisk", "size": "4096"},  # history data is text, as in Radarr
    )
    assert Movie.objects.get(pk=heat.pk).monitored
    assert list(MovieFile.objects.filter(movie=heat).values_list("relative_path", flat=True)) == [VIDEO]


def test_nothing_is_probed_while_analyse_video_files_is_off(heat):
    MediaManagementConfig.objects.update_or_create(pk=1, defaults={"enable_media_info": False})

    rescan(heat)

    assert MovieFile.objects.get(movie=heat).media_info == {}


def test_an_unmounted_root_folder_keeps_the_extras_it_cannot_see(heat, library):
    (Path(heat.path) / f"{Path(VIDEO).stem}.en.srt").write_text("1\n")
    rescan(heat)
    shutil.rmtree(library)
    library.mkdir()  # mounted-point left empty: the share is gone

    message = scan_movie_folder(heat)

    assert "scan skipped" in message
    assert ExtraFile.objects.count() == 1 and MovieFile.objects.filter(movie=heat).count() == 1


def test_a_movie_folder_gone_from_a_mounted_root_forgets_its_files_and_extras(heat):
    (Path(heat.path) / f"{Path(VIDEO).stem}.en.srt").write_text("1\n")
    rescan(heat)
    shutil.rmtree(heat.path)

    rescan(heat)

    assert not MovieFile.objects.filter(movie=heat).exists()
    assert not ExtraFile.objects.exists()


def test_library_import_of_an_existing_collection_reads_media_info_and_subtitles_in_the_background(
    api_client, library, monkeypatch
):
    RootFolderFactory(path=str(library))
    folder = library / "The Matrix (1999)"
    make_video(folder / "The.Matrix.1999.1080p.BluRay.x264-GRP.mkv")
    (folder / "The.Matrix.1999.1080p.BluRay.x264-GRP.eng.forced.srt").write_text("1\n")
    body = [
        {
            "tmdbId": 603,
            "title": "The Matrix",
            "year": 1999,
            "path": str(folder),
            "qualityProfileId": QualityProfile.objects.first().pk,
            "monitored": True,
            "minimumAvailability": "released",
        }
    ]

    real_probe = rescan_module.probe_files
    monkeypatch.setattr(rescan_module, "probe_files", _no_probe_here)
    response = api_client.post("/api/v3/movie/import", json.dumps(body), content_type="application/json")
    (answered,) = response.json()
    assert answered["hasFile"] is True and "mediaInfo" not in answered["movieFile"]
    monkeypatch.setattr(rescan_module, "probe_files", real_probe)
    (finish,) = Command.objects.filter(name="FinishLibraryImport")
    assert finish.body == {"movieIds": [answered["id"]]}

    execute_command(finish.pk)

    imported = api_client.get(f"/api/v3/movie/{answered['id']}").json()
    assert imported["movieFile"]["mediaInfo"]["videoCodec"] == "x264"
    (extra,) = api_client.get("/api/v3/extrafile", {"movieId": imported["id"]}).json()
    assert (extra["relativePath"], extra["languageTags"]) == (
        "The.Matrix.1999.1080p.BluRay.x264-GRP.eng.forced.srt",
        ["forced"],
    )


def test_a_file_ffprobe_cannot_read_is_not_probed_again_until_it_changes(library, monkeypatch):
    from imports.mediainfo import ffprobe_path

    if ffprobe_path() is None:
        pytest.skip("ffprobe is not installed on this machine")
    folder = library / "Broken (2001)"
    folder.mkdir()
    broken = folder / "Broken.2001.1080p.BluRay.x264-GRP.mkv"
    broken.write_bytes(b"not a video at all" * 100)
    movie = MovieFactory(title="Broken", year=2001, root_folder_path=str(library), path=str(folder))
    probed = []
    real_probe = rescan_module.probe_files
    monkeypatch.setattr(rescan_module, "probe_files", lambda paths: probed.extend(paths) or real_probe(paths))

    scan_movie_folder(movie)
    scan_movie_folder(movie)

    assert probed == [broken]  # read once, remembered as unreadable
    (row,) = MovieFile.objects.filter(movie=movie)
    assert row.unreadable_stamp and not row.media_info
    broken.write_bytes(b"still not a video, but another size")
    scan_movie_folder(movie)
    assert probed == [broken, broken]
