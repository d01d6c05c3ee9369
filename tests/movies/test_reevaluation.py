"""ReevaluateLibrary: a quality profile or custom format change weighs the library again in the job
worker, as a command with its progress (System → Tasks)."""

import json
import logging

import pytest

from movies.models import MovieFile, MovieResourceCache
from movies.resourcecache import generation
from radarr.commands import execute_command
from radarr.models import Command, CommandStatus
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory
from tests.movies.test_fileformats import title_format
from tests.releases.test_profile_pages import blank_items, editor_post

pytestmark = pytest.mark.django_db

SDTV, HDTV_720, BLURAY_1080 = 1, 4, 7


def test_saving_a_profile_through_the_api_queues_the_reevaluation(
    api_client, django_capture_on_commit_callbacks
):
    profile = QualityProfile.objects.get(name="HD-1080p")
    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json() | {"upgradeWindowDays": 10}

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.put(
            f"/api/v3/qualityprofile/{profile.pk}", json.dumps(body), content_type="application/json"
        )

    assert response.status_code == 202
    assert list(Command.objects.values_list("name", "status")) == [
        ("ReevaluateLibrary", CommandStatus.QUEUED)
    ]


def test_saving_a_profile_in_the_editor_queues_it_too(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/settings/profiles/new", editor_post(blank_items("Bluray-1080p")))

    assert response.status_code == 302
    assert Command.objects.filter(name="ReevaluateLibrary").count() == 1


def test_a_format_change_queues_one_reevaluation_whatever_the_number_of_saves(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        x265 = title_format("x265", r"\bx265\b")
    with django_capture_on_commit_callbacks(execute=True):
        title_format("x265", r"\b(x265|HEVC)\b", custom_format=x265)

    assert Command.objects.filter(name="ReevaluateLibrary", status=CommandStatus.QUEUED).count() == 1


def test_the_job_matches_the_files_judges_them_and_builds_the_movie_list_again(caplog):
    x265 = title_format("x265", r"\bx265\b")
    profile = QualityProfile.objects.get(name="HD-1080p")
    heat = MovieFactory(title="Heat", quality_profile=profile)
    MovieFileFactory(
        movie=heat, relative_path="Heat (2010) Bluray-1080p HEVC-GRP.mkv", quality_id=BLURAY_1080
    )
    arrival = MovieFactory(title="Arrival", quality_profile=profile)
    MovieFileFactory(movie=arrival, relative_path="Arrival (2010) HDTV-720p-GRP.mkv", quality_id=HDTV_720)
    title_format("x265", r"\b(x265|HEVC)\b", custom_format=x265)  # the stored matches are stale now
    command = Command.objects.create(name="ReevaluateLibrary")

    with caplog.at_level(logging.INFO, logger="radarr.commands"):
        execute_command(command.pk)

    command.refresh_from_db()
    assert command.status == CommandStatus.COMPLETED
    assert command.message == (
        "Matched 2 file(s) against the custom formats, 1 changed; "
        "1 of 2 movie(s) with a file below their cutoff"
    )
    assert MovieFile.objects.get(movie=heat).custom_format_ids == [x265.pk]
    cached = MovieResourceCache.objects.filter(generation=generation()).values_list("movie_id", flat=True)
    assert sorted(cached) == sorted([heat.pk, arrival.pk])
    progress = [record.getMessage() for record in caplog.records]
    assert "Judging every movie's file against its quality profile" in progress
    assert any(message.startswith("Matching files to custom formats: 0 of 2") for message in progress)


def test_the_job_is_listed_among_the_commands_radarr_clients_can_post(api_client):
    response = api_client.post(
        "/api/v3/command", {"name": "ReevaluateLibrary"}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["name"] == "ReevaluateLibrary"


def test_system_tasks_shows_the_running_reevaluation_with_its_progress(admin_client):
    Command.objects.create(
        name="ReevaluateLibrary",
        status=CommandStatus.STARTED,
        message="Matching files to custom formats: 500 of 9000",
    )

    body = admin_client.get("/system/tasks").content.decode()

    assert "ReevaluateLibrary" in body and "Matching files to custom formats: 500 of 9000" in body
