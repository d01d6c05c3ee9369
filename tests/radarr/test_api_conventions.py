"""The v3 conventions every endpoint inherits (../shared/research-api-clients.md §1)."""

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from django.http import QueryDict
from django.test import RequestFactory

from radarr.api.auth import api_view
from radarr.api.errors import invalid
from radarr.api.identity import resource_id
from radarr.api.paging import Paging, paged_list, read_paging
from radarr.api.params import InsensitiveDict, QueryParams
from radarr.api.responses import json_response, timespan, without_nulls
from radarr.api.secrets import MASK, masked, merge_secrets
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_paths_match_ignoring_case_and_a_trailing_slash_never_redirects(api_client):
    mixed_case = api_client.get("/api/v3/System/Status")
    trailing_slash = api_client.get("/api/v3/system/status/")

    assert mixed_case.status_code == 200
    assert trailing_slash.status_code == 200


def test_the_whole_path_matches_ignoring_case_prefix_included(api_client):
    MovieFactory(title="Upper")

    movies = api_client.get("/API/V3/MOVIE")
    status = api_client.get("/Api/V3/System/Status")

    assert movies.status_code == 200 and [movie["title"] for movie in movies.json()] == ["Upper"]
    assert status.status_code == 200 and status.json()["appName"] == "Radarr"


def test_a_path_that_only_starts_like_the_api_is_not_the_api(admin_client):
    response = admin_client.get("/APIARY")

    assert response.status_code == 404
    assert "X-Application-Version" not in response


def test_every_api_response_carries_a_radarr_like_version_header(client, api_client):
    for response in (api_client.get("/api/v3/system/status"), client.get("/api/v3/health")):
        parts = response["X-Application-Version"].split(".")
        assert len(parts) == 4 and all(part.isdigit() for part in parts)
        assert tuple(map(int, parts)) >= (5, 9, 0, 9049)


def test_unknown_api_route_is_a_json_404(api_client):
    response = api_client.get("/api/v3/nothing/here")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and "message" in response.json()


def test_malformed_json_is_a_400(api_client):
    response = api_client.post("/api/v3/command", data=b"{not json", content_type="application/json")

    assert response.status_code == 400 and "Invalid JSON" in response.json()["message"]


def test_a_failed_validation_is_radarrs_list_of_failures():
    response = invalid("qualityProfileId", "Must be greater than 0", 0).response()

    assert response.status_code == 400
    assert orjson.loads(response.content) == [
        {
            "propertyName": "qualityProfileId",
            "errorMessage": "Must be greater than 0",
            "attemptedValue": 0,
            "severity": "error",
            "errorCode": "PredicateValidator",
            "isWarning": False,
        }
    ]


@api_view("GET")
def _exploding_view(request):
    raise RuntimeError("disk on fire")


@pytest.mark.parametrize("debug", [False, True])
def test_a_server_error_is_json_with_a_trace_only_in_debug(settings, debug):
    settings.DEBUG = debug
    request = RequestFactory().get("/api/v3/x", headers={"X-Api-Key": settings.RADARR_API_KEY})

    response = _exploding_view(request)

    body = orjson.loads(response.content)
    assert response.status_code == 500 and body["message"] == "disk on fire"
    assert ("Traceback" in body.get("description", "")) is debug


def test_wrong_method_is_a_405_naming_the_allowed_ones(api_client):
    response = api_client.delete("/api/v3/system/status")

    assert response.status_code == 405 and "GET" in response["Allow"]


def test_nulls_are_left_out_at_every_depth():
    data = {"a": 1, "b": None, "c": {"d": None, "e": [{"f": None, "g": 2}]}}

    assert without_nulls(data) == {"a": 1, "c": {"e": [{"g": 2}]}}


def test_datetimes_are_whole_second_utc_with_z_and_enums_serialize():
    moment = datetime(2025, 1, 31, 18, 0, 0, 123456, tzinfo=UTC)

    body = orjson.loads(json_response({"when": moment, "missing": None}).content)

    assert body == {"when": "2025-01-31T18:00:00Z"}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(seconds=90), "00:01:30"),
        (timedelta(seconds=1.5), "00:00:01.5000000"),
        (timedelta(days=1, hours=2, minutes=3, seconds=4), "1.02:03:04"),
    ],
)
def test_durations_are_dotnet_timespans(value, text):
    assert timespan(value) == text


def test_query_parameter_names_match_ignoring_case():
    query = QueryParams(QueryDict("tmdbid=603&movieIds=1,2&movieids=3&deleteFiles=True"))

    assert query.get("tmdbId") == "603"
    assert query.get_int_list("movieIds") == [1, 2, 3]
    assert query.get_bool("deletefiles") is True


def test_a_bad_typed_query_value_is_a_validation_error():
    with pytest.raises(Exception) as raised:
        QueryParams(QueryDict("page=two")).get_int("page")

    assert raised.value.status == 400


def test_body_property_names_match_ignoring_case():
    body = InsensitiveDict({"TmdbId": 603, "qualityprofileid": 1})

    assert body.get("tmdbId") == 603 and body["qualityProfileId"] == 1 and "tmdbid" in body


def _paging(query: str) -> Paging:
    return read_paging(QueryParams(QueryDict(query)), ["date", "title"], "date", "ascending")


def test_paging_defaults_are_radarrs():
    assert _paging("") == Paging(1, 10, "date", "descending")  # omitted direction means descending


def test_paging_falls_back_on_unknown_sort_key_and_honours_default_direction():
    assert _paging("sortKey=nonsense&sortDirection=default") == Paging(1, 10, "date", "ascending")
    explicit = _paging("SORTKEY=Title&sortdirection=Ascending&pageSize=2000")
    assert explicit == Paging(1, 2000, "title", "ascending")


def test_paging_rejects_a_direction_that_is_not_one():
    with pytest.raises(Exception) as raised:
        _paging("sortDirection=sideways")

    assert raised.value.status == 400


def test_paged_envelope_counts_everything_and_cuts_the_page():
    paging = Paging(page=2, page_size=3, sort_key="id", sort_direction="ascending")

    envelope = paged_list(list(range(1, 8)), paging, lambda n: {"id": n})

    assert envelope == {
        "page": 2,
        "pageSize": 3,
        "sortKey": "id",
        "sortDirection": "ascending",
        "totalRecords": 7,
        "records": [{"id": 4}, {"id": 5}, {"id": 6}],
    }


@pytest.mark.parametrize(
    ("path_id", "body", "expected"),
    [(None, {"id": 7}, 7), (5, {"id": 0}, 5), (5, {}, 5), (5, {"id": 9}, 5)],
)
def test_put_takes_the_id_from_the_path_or_else_the_body(path_id, body, expected):
    assert resource_id(path_id, body) == expected


def test_put_without_any_id_is_a_400():
    with pytest.raises(Exception) as raised:
        resource_id(None, {"id": 0})

    assert raised.value.status == 400


def test_secrets_read_back_masked_and_the_mask_written_back_keeps_the_stored_value():
    stored = {"apiKey": "real-secret", "baseUrl": "http://old"}

    merged = merge_secrets({"apiKey": MASK, "baseUrl": "http://new"}, stored, ["apiKey"])
    replaced = merge_secrets({"apiKey": "new-secret"}, stored, ["apiKey"])

    assert masked("real-secret") == MASK and masked("") == ""
    assert merged == {"apiKey": "real-secret", "baseUrl": "http://new"}
    assert replaced["apiKey"] == "new-secret"


def test_created_and_accepted_answers_say_where_the_resource_lives(api_client):
    created = api_client.post("/api/v3/tag", orjson.dumps({"label": "hd"}), content_type="application/json")
    tag_id = created.json()["id"]
    accepted = api_client.put(
        "/api/v3/tag", orjson.dumps({"id": tag_id, "label": "uhd"}), content_type="application/json"
    )
    by_path = api_client.put(
        f"/api/v3/Tag/{tag_id}", orjson.dumps({"label": "4k"}), content_type="application/json"
    )

    assert created.status_code == 201 and created["Location"] == f"/api/v3/tag/{tag_id}"
    assert accepted.status_code == 202 and accepted["Location"] == f"/api/v3/tag/{tag_id}"
    assert by_path.status_code == 202 and by_path["Location"] == f"/api/v3/tag/{tag_id}"


def test_an_accepted_list_carries_no_location(api_client):
    movie = MovieFactory()
    body = {"movieIds": [movie.pk], "monitored": False}

    response = api_client.put("/api/v3/movie/editor", orjson.dumps(body), content_type="application/json")

    assert response.status_code == 202
    assert "Location" not in response
