"""The movie page's sections beyond its metadata: files (media info, edit, delete through the recycle bin),
history with people's words, alternative titles and the collection; dates and sizes as Settings → UI says."""

from datetime import UTC, datetime

import pytest

from downloads.history import ReleaseFacts, record_event
from downloads.models import HistoryEventType
from imports.models import MediaManagementConfig
from movies.models import AlternativeTitle, Collection, MovieFile, RootFolder
from radarr.models import UiConfig
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def movie_on_disk(tmp_path):
    root = tmp_path / "movies"
    folder = root / "Arrival (2016)"
    folder.mkdir(parents=True)
    (folder / "Arrival (2016) Bluray-1080p.mkv").write_bytes(b"video")
    RootFolder.objects.create(path=str(root))
    movie = MovieFactory(title="Arrival", year=2016, tmdb_id=329865, path=str(folder))
    movie_file = MovieFileFactory(
        movie=movie,
        relative_path="Arrival (2016) Bluray-1080p.mkv",
        size=3 * 1024**3 + 512 * 1024**2,
        edition="Director's Cut",
        release_group="SPARKS",
        language_ids=[1, 2],
        media_info={
            "videoCodec": "x264",
            "width": 1920,
            "height": 800,
            "audioCodec": "DTS",
            "audioChannels": 5.1,
        },
    )
    return movie, movie_file, folder


def test_each_file_shows_quality_languages_edition_group_media_info_and_size(admin_client, movie_on_disk):
    movie, movie_file, _ = movie_on_disk

    body = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()

    row = body[body.index(f'id="file-{movie_file.pk}"') :]
    row = row[: row.index("</tr>")]
    for text in (
        "Bluray-1080p",
        "English, French",
        "Director&#x27;s Cut",
        "SPARKS",
        "1920x800",
        "DTS",
        "3.5 GiB",
    ):
        assert text in row, text
    assert f"/movie/{movie.tmdb_id}/files/{movie_file.pk}/edit" in row
    assert f"/movie/{movie.tmdb_id}/files/{movie_file.pk}/delete" in row


def test_editing_a_file_changes_its_quality_and_languages(admin_client, movie_on_disk):
    movie, movie_file, _ = movie_on_disk
    url = f"/movie/{movie.tmdb_id}/files/{movie_file.pk}/edit"
    assert "Quality" in admin_client.get(url).content.decode()

    response = admin_client.post(
        url, {"quality": 31, "languages": [3], "edition": "", "release_group": "FLUX"}
    )

    assert response.status_code == 302
    movie_file.refresh_from_db()
    assert (movie_file.quality_id, movie_file.language_ids, movie_file.release_group) == (31, [3], "FLUX")


def test_a_file_edit_with_an_unknown_quality_says_so_and_changes_nothing(admin_client, movie_on_disk):
    movie, movie_file, _ = movie_on_disk

    response = admin_client.post(f"/movie/{movie.tmdb_id}/files/{movie_file.pk}/edit", {"quality": 9999})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    movie_file.refresh_from_db()
    assert movie_file.quality_id == 7


def test_deleting_a_file_asks_then_moves_it_to_the_recycle_bin(admin_client, movie_on_disk, tmp_path):
    movie, movie_file, folder = movie_on_disk
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    config = MediaManagementConfig.load()
    config.recycle_bin = str(bin_folder)
    config.save()
    url = f"/movie/{movie.tmdb_id}/files/{movie_file.pk}/delete"

    question = admin_client.get(url).content.decode()
    assert "recycle bin" in question and str(bin_folder) in question
    assert (folder / movie_file.relative_path).exists()  # asking deletes nothing
    response = admin_client.post(url)

    assert response.status_code == 302
    assert not MovieFile.objects.filter(pk=movie_file.pk).exists()
    assert not (folder / movie_file.relative_path).exists()
    assert (bin_folder / folder.name / movie_file.relative_path).exists()
    history = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()
    assert "File deleted" in history and "deleted by hand" in history


def test_history_shows_the_real_events_with_human_labels(admin_client, movie_on_disk):
    movie, _, _ = movie_on_disk
    facts = ReleaseFacts(quality_id=7, language_ids=(1,))
    when = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)
    record_event(movie.pk, HistoryEventType.GRABBED, "Arrival.2016.1080p.BluRay-SPARKS", facts, date=when,
                 data={"indexer": "NZBgeek", "downloadClientName": "SABnzbd"})  # fmt: skip
    record_event(movie.pk, HistoryEventType.DOWNLOAD_FAILED, "Arrival.2016.1080p.BluRay-SPARKS", facts,
                 date=when, data={"message": "Unpacking failed"})  # fmt: skip

    body = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()
    section = body[body.index('id="history"') : body.index('id="titles"')]

    assert "Grabbed" in section and "from NZBgeek sent to SABnzbd" in section
    assert "Download failed" in section and "Unpacking failed" in section
    assert "downloadFailed" not in section.replace('class="event-downloadFailed"', "")
    assert "Nothing has happened" not in section
    assert "Mark as failed" in section  # the grab can be marked failed from here


def test_dates_follow_the_ui_settings_on_the_movie_page_and_its_sections(admin_client, movie_on_disk):
    movie, movie_file, _ = movie_on_disk
    movie_file.date_added = datetime(2025, 3, 25, 12, 0, tzinfo=UTC)
    movie_file.save()
    config = UiConfig.load()
    config.short_date_format = "YYYY-MM-DD"
    config.show_relative_dates = False
    config.save()

    body = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()

    assert "2025-03-25" in body and "Mar 25 2025" not in body


def test_alternative_titles_and_the_collection_have_their_sections(admin_client, movie_on_disk):
    movie, _, _ = movie_on_disk
    AlternativeTitle.objects.create(movie=movie, title="L'Arrivée", clean_title="larrivee")
    parts = [{"tmdbId": 329865, "title": "Arrival", "year": 2016}, {"tmdbId": 555, "title": "Arrival 2"}]
    collection = Collection.objects.create(tmdb_id=9, title="Arrival Collection", parts=parts)
    movie.collection = collection
    movie.save()

    body = admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()

    titles = body[body.index('id="titles"') :]
    assert "L&#x27;Arrivée" in titles
    part = body[body.index('id="collection"') :]
    assert "Arrival 2" in part and "/add?term=tmdb:555" in part
