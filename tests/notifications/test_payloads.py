"""The webhook body of every event, in Radarr's shapes (compared with payloads real Radarr sent)."""

import json
from pathlib import Path

import pytest

from downloads.events import manual_interaction_event, release_snapshot
from downloads.models import DownloadClient, History, TrackedDownload
from imports.events import download_event, rename_event
from movies.events import file_delete_event, movie_delete_event, movie_snapshot
from movies.models import MovieFile
from notifications import events as ev
from notifications.events import event_from_data, event_to_data
from notifications.payloads import build_notice, notice_for_test
from radarr.instance import CONFIG_FILE, store_host_settings
from radarr.models import Tag
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.notifications.helpers import grab_of, make_grab
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db

CAPTURES = SHARED_FIXTURES / "webhooks"
OWN = Path(__file__).parent / "fixtures"


def _movie():
    movie = MovieFactory(title="Greenland", year=2020, tmdb_id=524047, imdb_id="tt7737786")
    movie.tags.add(Tag.objects.create(label="zeta"), Tag.objects.create(label="alpha"))
    return movie


def _file(movie, **fields) -> MovieFile:
    defaults = {"scene_name": "Greenland.2020.1080p.WEBRip-EVO", "release_group": "EVO"}
    return MovieFileFactory(movie=movie, **{**defaults, **fields})


def payload_for(kind: str) -> dict:
    """Our payload for the event a capture shows."""
    movie = _movie()
    if kind == "Grab":
        return build_notice(grab_of(movie)).payload
    if kind in ("Download", "Upgrade"):
        old = _file(movie, relative_path="old.mkv")
        new = _file(movie, relative_path="new.mkv")
        make_grab(movie)
        event = download_event(
            new,
            [old] if kind == "Upgrade" else [],
            download_id="ABCDEF0123456789ABCDEF0123456789ABCDEF01",
            download_client="qBit",
            source_path="/downloads/Greenland/greenland.mkv",
        )
        return build_notice(event).payload
    if kind == "Rename":
        row = _file(movie)
        return build_notice(
            rename_event(movie, [(row, "old name.mkv", f"{movie.path}/old name.mkv")])
        ).payload
    if kind == "MovieAdded":
        return build_notice(ev.MovieAddedEvent(movie_snapshot(movie), "list")).payload
    if kind == "MovieDelete":
        return build_notice(movie_delete_event(movie, deleted_files=True)).payload
    if kind == "MovieFileDelete":
        return build_notice(file_delete_event(_file(movie), "missingFromDisk")).payload
    if kind == "Health":
        return build_notice(
            ev.HealthEvent("IndexerStatusCheck", "warning", "Indexers unavailable", "https://x")
        ).payload
    if kind == "ApplicationUpdate":
        return build_notice(ev.ApplicationUpdateEvent("Radarr updated", "5.0.0", "5.1.0")).payload
    if kind == "Test":
        return notice_for_test().payload
    raise AssertionError(kind)


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def missing_or_mistyped(captured, ours, where: str = "") -> list[str]:
    """Every field of `captured` that `ours` lacks or holds with another JSON type."""
    problems = []
    if isinstance(captured, dict):
        for key, value in captured.items():
            if value is None:
                continue
            here = f"{where}.{key}" if where else key
            if not isinstance(ours, dict) or key not in ours:
                problems.append(f"{here} missing")
            elif _json_kind(value) != _json_kind(ours[key]):
                problems.append(f"{here} is {_json_kind(ours[key])}, Radarr sends {_json_kind(value)}")
            else:
                problems += missing_or_mistyped(value, ours[key], here)
    elif isinstance(captured, list) and captured and isinstance(ours, list) and ours:
        problems += missing_or_mistyped(captured[0], ours[0], f"{where}[0]")
    return problems


def _capture_kind(data: dict) -> str:
    if data["eventType"] == "Download" and data.get("isUpgrade"):
        return "Upgrade"
    return data["eventType"]


CAPTURE_FILES = sorted(CAPTURES.glob("*/*.json")) if CAPTURES.is_dir() else []


@requires_shared
@pytest.mark.parametrize("capture", CAPTURE_FILES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_our_payload_has_every_field_a_real_radarr_payload_has_with_the_same_type(capture: Path):
    captured = json.loads(capture.read_text())
    ours = payload_for(_capture_kind(captured))
    assert missing_or_mistyped(captured, ours) == []


@pytest.mark.parametrize("fixture", sorted(OWN.glob("webhook_*.json")), ids=lambda path: path.stem)
def test_our_payload_matches_the_shapes_kept_in_the_project(fixture: Path):
    captured = json.loads(fixture.read_text())
    ours = payload_for(_capture_kind(captured))
    assert missing_or_mistyped(captured, ours) == []


def test_the_type_comparison_notices_a_missing_or_retyped_field():
    assert missing_or_mistyped({"a": 1, "b": {"c": "x"}}, {"a": "1", "b": {}}) == [
        "a is string, Radarr sends number",
        "b.c missing",
    ]


def test_a_grab_sends_tag_labels_sorted_flag_names_and_pascal_case_event_type():
    payload = payload_for("Grab")
    assert payload["eventType"] == "Grab"
    assert payload["movie"]["tags"] == ["alpha", "zeta"]
    assert payload["release"]["indexerFlags"] == ["G_Freeleech", "G_Internal"]
    assert payload["release"]["customFormats"] == ["x264"]
    assert payload["customFormatInfo"] == {
        "customFormats": [{"id": 3, "name": "x264"}],
        "customFormatScore": 10,
    }
    assert payload["downloadClient"] == "qBit"
    assert payload["downloadId"] == "ABCDEF0123456789ABCDEF0123456789ABCDEF01"
    assert payload["instanceName"] == "Radarr"


def test_a_movie_file_carries_indexer_flags_as_one_text_and_nulls_are_left_out():
    movie = _movie()
    row = _file(movie, indexer_flags=33, scene_name="")
    payload = build_notice(download_event(row)).payload
    assert payload["movieFile"]["indexerFlags"] == "G_Freeleech, G_Internal"
    assert "sceneName" not in payload["movieFile"]
    assert "downloadId" not in payload
    assert "deletedFiles" not in payload


def test_an_upgrade_lists_the_replaced_files():
    payload = payload_for("Upgrade")
    assert payload["isUpgrade"] is True
    assert [item["relativePath"] for item in payload["deletedFiles"]] == ["old.mkv"]
    assert payload["movieFile"]["sourcePath"] == "/downloads/Greenland/greenland.mkv"
    assert payload["release"]["releaseTitle"] == "Movie.2010.1080p.BluRay.x264-GROUP"


def test_movie_delete_says_deleted_files_as_a_boolean_with_the_folder_size():
    payload = payload_for("MovieDelete")
    assert payload["deletedFiles"] is True
    assert payload["movie"]["tags"] == ["alpha", "zeta"]


def test_an_event_is_sent_as_it_happened_even_when_its_rows_changed_or_went_before_sending():
    movie = _movie()
    event = grab_of(movie)
    queued = event_from_data(json.loads(json.dumps(event_to_data(event))))
    History.objects.all().delete()
    movie.tags.clear()
    movie.delete()

    payload = build_notice(queued).payload

    assert payload["movie"]["title"] == "Greenland" and payload["movie"]["tags"] == ["alpha", "zeta"]
    assert payload["release"]["releaseTitle"] == "Movie.2010.1080p.BluRay.x264-GROUP"


def test_manual_interaction_required_names_the_download_and_why_it_waits():
    movie = _movie()
    grab = make_grab(movie)
    event = ev.ManualInteractionRequiredEvent(
        download_id="ABCDEF0123456789ABCDEF0123456789ABCDEF01",
        download_client="qBit",
        title="Greenland.2020.1080p.WEBRip-EVO",
        movie=movie_snapshot(movie),
        messages=("No video files found",),
        size=42,
        quality="WEBRip-1080p",
        release=release_snapshot(grab),
    )
    payload = build_notice(event).payload
    assert payload["eventType"] == "ManualInteractionRequired"
    assert payload["downloadInfo"] == {
        "quality": "WEBRip-1080p",
        "qualityVersion": 1,
        "title": "Greenland.2020.1080p.WEBRip-EVO",
        "size": 42,
    }
    assert payload["downloadStatusMessages"] == [
        {"title": "Greenland.2020.1080p.WEBRip-EVO", "messages": ["No video files found"]}
    ]
    assert payload["release"]["indexerFlags"] == ["G_Freeleech", "G_Internal"]
    assert payload["downloadClientType"] == "QBittorrent"


def test_health_restored_leaves_out_the_application_url(settings):
    config = settings.DATA_DIR / CONFIG_FILE
    saved = config.read_bytes()
    store_host_settings(settings.DATA_DIR, {"applicationUrl": "https://radarr.example"})  # Settings → General
    try:
        restored = build_notice(ev.HealthRestoredEvent("X", "warning", "fine again")).payload
        health = build_notice(ev.HealthEvent("X", "warning", "broken")).payload
    finally:
        config.write_bytes(saved)
    assert "applicationUrl" not in restored
    assert health["applicationUrl"] == "https://radarr.example"


def test_every_payload_but_health_restored_carries_the_application_url_empty_when_unset(settings):
    settings.RADARR_APPLICATION_URL = ""

    health = build_notice(ev.HealthEvent("X", "warning", "broken")).payload
    restored = build_notice(ev.HealthRestoredEvent("X", "warning", "fine again")).payload

    assert health["applicationUrl"] == ""
    assert "applicationUrl" not in restored


def test_an_upgrade_built_with_download_event_keeps_the_replaced_files_after_their_rows_go():
    movie = _movie()
    old = _file(movie, relative_path="old.mkv")
    new = _file(movie, relative_path="new.mkv")
    event = download_event(new, [old], download_id="X", source_path="/downloads/new.mkv")
    old.delete()
    queued = event_from_data(json.loads(json.dumps(event_to_data(event))))
    payload = build_notice(queued).payload
    assert [item["relativePath"] for item in payload["deletedFiles"]] == ["old.mkv"]
    assert payload["deletedFiles"][0]["quality"] == "Bluray-1080p"


def test_a_blocked_tracked_download_becomes_a_manual_interaction_event():
    movie = _movie()
    grab = make_grab(movie)
    client = DownloadClient.objects.create(name="qBit", implementation="QBittorrent", protocol="torrent")
    tracked = TrackedDownload.objects.create(
        client=client,
        download_id=grab.download_id,
        queue_id=1,
        movie=movie,
        grab=grab,
        title="Greenland",
        total_size=7,
    )
    event = manual_interaction_event(tracked, ["No video files found"])
    assert (event.download_client, event.movie.id, event.size, event.quality) == (
        "qBit",
        movie.pk,
        7,
        "Bluray-1080p",
    )
    payload = build_notice(event).payload
    assert payload["downloadClientType"] == "qBittorrent"
    assert payload["movie"]["title"] == "Greenland"
