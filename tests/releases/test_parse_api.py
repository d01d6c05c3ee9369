import io
import json

import pytest
from django.core.management import call_command

from movies.models import Movie
from releases.models import CustomFormat, ProfileFormatScore
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_parse_answers_in_radarrs_shape(api_client):
    title = "The.Matrix.1999.REPACK.1080p.BluRay.x264-GROUP"

    body = api_client.get("/api/v3/parse", {"title": title}).json()

    info = body["parsedMovieInfo"]
    assert body["title"] == title and info["movieTitles"] == ["The Matrix"] and info["year"] == 1999
    assert info["quality"]["quality"] == {
        "id": 7,
        "name": "Bluray-1080p",
        "source": "bluray",
        "resolution": 1080,
        "modifier": "none",
    }
    assert info["quality"]["revision"] == {"version": 2, "real": 0, "isRepack": True}
    assert info["releaseGroup"] == "GROUP" and "edition" not in info  # nulls are left out
    assert body["customFormatScore"] == 0


def test_parse_query_name_matches_ignoring_case(api_client):
    body = api_client.get("/api/v3/Parse?Title=Heat.1995.720p.WEB-DL.DD5.1.H264-FGT").json()

    assert body["parsedMovieInfo"]["quality"]["quality"]["name"] == "WEBDL-720p"


def test_a_title_without_a_year_comes_back_alone(api_client):
    assert api_client.get("/api/v3/parse", {"title": "Some Movie 1080p WEB-DL"}).json() == {
        "title": "Some Movie 1080p WEB-DL"
    }


@pytest.mark.parametrize("query", [{"title": " "}, {}])
def test_no_title_answers_an_empty_resource_as_radarr_answers_none(api_client, query):
    response = api_client.get("/api/v3/parse", query)

    assert response.status_code == 200 and response.json() == {}


def test_parse_release_prints_one_json_object_per_title(monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("Heat.1995.2160p.UHD.BluRay.REMUX.HDR-GRP\n\nno year here 720p HDTV-LOL\n")
    )
    stdout = io.BytesIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(stdout))

    call_command("parse_release")

    first, second = [json.loads(line) for line in stdout.getvalue().decode().splitlines()]
    assert first["parsedMovieInfo"]["primaryMovieTitle"] == "Heat"
    assert first["quality"]["quality"]["name"] == "Remux-2160p" and first["releaseGroup"] == "GRP"
    assert second["parsedMovieInfo"] is None  # the title needs a year...
    assert (
        second["quality"]["quality"]["name"] == "HDTV-720p" and second["releaseGroup"] == "LOL"
    )  # ...its parts don't
    assert set(second) == {
        "title",
        "parsedMovieInfo",
        "quality",
        "releaseGroup",
        "languages",
        "edition",
        "hardcodedSubs",
    }


def test_parse_lists_the_custom_formats_the_title_matches(api_client):
    spec = {"name": "x265", "implementation": "ReleaseTitleSpecification", "negate": False, "required": False}
    api_client.post(
        "/api/v3/customformat",
        {"name": "x265", "specifications": [{**spec, "fields": [{"name": "value", "value": "x265"}]}]},
        content_type="application/json",
    )

    matched = api_client.get("/api/v3/parse", {"title": "Heat.1995.1080p.BluRay.x265-GRP"}).json()
    unmatched = api_client.get("/api/v3/parse", {"title": "Heat.1995.1080p.BluRay.x264-GRP"}).json()

    assert [f["name"] for f in matched["customFormats"]] == ["x265"]
    assert unmatched["customFormats"] == []


def test_a_title_of_a_library_movie_names_it_and_is_scored_by_its_profile(api_client):
    spec = {"name": "x265", "implementation": "ReleaseTitleSpecification", "negate": False, "required": False}
    api_client.post(
        "/api/v3/customformat",
        {"name": "x265", "specifications": [{**spec, "fields": [{"name": "value", "value": "x265"}]}]},
        content_type="application/json",
    )
    heat = MovieFactory(title="Heat", year=1995)
    ProfileFormatScore.objects.filter(
        profile_id=heat.quality_profile_id, custom_format=CustomFormat.objects.get()
    ).update(score=150)

    named = api_client.get("/api/v3/parse", {"title": "Heat.1995.1080p.BluRay.x265-GRP"}).json()
    unknown = api_client.get("/api/v3/parse", {"title": "Ronin.1998.1080p.BluRay.x265-GRP"}).json()

    assert named["movie"]["id"] == heat.pk and named["movie"]["title"] == "Heat"
    assert named["customFormatScore"] == 150
    assert "movie" not in unknown and unknown["customFormatScore"] == 0
    assert Movie.objects.count() == 1
