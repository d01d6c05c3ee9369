"""Join, Prowl, Pushbullet, Pushcut, Pushsafer, Simplepush and Signal against loopback receivers: each
request as the service documents it, and each refusal in plain words."""

import base64
import json
from urllib.parse import parse_qs

import pytest

from notifications.payloads import build_notice, notice_for_test
from tests.notifications.helpers import make_notification
from tests.notifications.samples import EVENTS
from tests.notifications.services import services  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _form(request) -> dict[str, list[str]]:
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    return parse_qs(request.body.decode(), keep_blank_values=True)


def _send(row, subscription: str) -> None:
    row.provider().send(build_notice(EVENTS[subscription]))


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# ---- Join


def test_join_pushes_to_the_named_devices_with_radarrs_branded_title(services):  # noqa: F811
    services.add("/join/sendPush", body='{"success": true}')
    row = make_notification("Join", apiKey="joinkey", deviceNames="phone,tablet", priority=1)

    _send(row, "on_grab")

    request = services.requests[-1]
    assert request.method == "GET"
    query = {key: values[0] for key, values in request.query.items()}
    assert query["apikey"] == "joinkey" and query["deviceNames"] == "phone,tablet"
    assert query["title"] == "Radarr - Movie Grabbed"
    assert query["text"] == build_notice(EVENTS["on_grab"]).message
    assert query["priority"] == "1" and query["icon"].endswith(".png")


def test_join_sends_to_every_device_when_none_is_named(services):  # noqa: F811
    services.add("/join/sendPush", body='{"success": true}')
    _send(make_notification("Join", apiKey="k"), "on_movie_added")

    query = services.requests[-1].query
    assert query["deviceId"] == ["group.all"]
    assert query["text"] == ["The Quiet Orchard added to library"]


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ({"success": False, "userAuthError": True}, "Join refused the API key"),
        ({"success": False, "errorMessage": "No device to send message to"}, "Join refused the API key"),
        ({"success": False, "errorMessage": "No devices to send to"}, "none of the device names"),
        ({"success": False, "errorMessage": "Quota exceeded"}, "Join refused the message: Quota exceeded"),
    ],
)
def test_join_refusals_come_back_from_the_test_button_in_words(services, answer, words):  # noqa: F811
    services.add("/join/sendPush", body=json.dumps(answer))

    failures = make_notification("Join", apiKey="k").provider().test()

    assert len(failures) == 1 and words in failures[0].message


def test_join_device_ids_are_refused_for_device_names(services):  # noqa: F811
    row = make_notification("Join", apiKey="k", deviceIds="abc")

    assert [f.property_name for f in row.provider().validate()] == ["deviceIds"]


# ---- Prowl


def test_prowl_posts_the_documented_form(services):  # noqa: F811
    services.add("/prowl/add", method="POST", body='<prowl><success code="200"/></prowl>')
    _send(make_notification("Prowl", apiKey="prowlkey", priority=2), "on_health_issue")

    form = _form(services.requests[-1])
    assert form == {
        "apikey": ["prowlkey"],
        "application": ["Radarr"],
        "event": ["Health Check Failure"],
        "description": ["Indexers unavailable"],
        "priority": ["2"],
    }


def test_prowl_refused_key_and_bad_priority_in_words(services):  # noqa: F811
    services.add(
        "/prowl/add",
        method="POST",
        status=401,
        body='<prowl><error code="401">Invalid API key</error></prowl>',
    )

    refused = make_notification("Prowl", apiKey="bad").provider().test()
    bad_priority = make_notification("Prowl", "Prowl 2", apiKey="k", priority=7).provider().test()

    assert "Prowl refused the API key (HTTP 401)" in refused[0].message
    assert "from -2 to 2" in bad_priority[0].message


# ---- Pushbullet


def test_pushbullet_pushes_a_note_to_each_channel_with_the_token_as_user(services):  # noqa: F811
    services.add("/pushbullet/pushes", method="POST", body='{"active": true}')
    row = make_notification("PushBullet", apiKey="o.token", channelTags=["movies", "all"], senderId="dev1")

    _send(row, "on_download")

    forms = [_form(request) for request in services.requests]
    assert [form["channel_tag"] for form in forms] == [["movies"], ["all"]]
    assert forms[0]["type"] == ["note"] and forms[0]["title"] == ["Radarr - Movie Downloaded"]
    assert forms[0]["source_device_iden"] == ["dev1"]
    assert services.requests[0].headers["Authorization"] == _basic("o.token", "")


def test_pushbullet_tells_device_ids_from_idens(services):  # noqa: F811
    services.add("/pushbullet/pushes", method="POST", body="{}")
    _send(make_notification("PushBullet", apiKey="t", deviceIds=["12345", "ujpah72o0sjAoRtnM0jc"]), "on_grab")

    forms = [_form(request) for request in services.requests]
    assert forms[0]["device_id"] == ["12345"] and forms[1]["device_iden"] == ["ujpah72o0sjAoRtnM0jc"]


def test_pushbullet_refused_token_and_a_failing_channel(services):  # noqa: F811
    services.add(
        "/pushbullet/pushes", method="POST", status=401, body='{"error": {"type": "invalid_request"}}'
    )
    refused = make_notification("PushBullet", apiKey="bad").provider().test()
    assert "Pushbullet refused the access token (HTTP 401)" in refused[0].message


def test_pushbullet_device_picker_lists_named_devices(services):  # noqa: F811
    devices = {
        "devices": [{"iden": "b", "nickname": "Phone"}, {"iden": "a", "nickname": "laptop"}, {"iden": "c"}]
    }
    services.add("/pushbullet/devices", body=json.dumps(devices))

    options = make_notification("PushBullet", apiKey="t").provider().request_action("getdevices", {})

    assert options == {"options": [{"id": "a", "name": "laptop"}, {"id": "b", "name": "Phone"}]}
    assert services.requests[-1].headers["Authorization"] == _basic("t", "")


# ---- Pushcut


def test_pushcut_posts_title_text_poster_and_links_to_the_named_notification(services):  # noqa: F811
    services.add("/pushcut/notifications/My%20Movies", method="POST", body='{"id": "n1"}')
    row = make_notification(
        "Pushcut",
        notificationName="My Movies",
        apiKey="pc",
        timeSensitive=True,
        includePoster=True,
        metadataLinks=[0, 1],
    )

    _send(row, "on_upgrade")

    request = services.requests[-1]
    assert request.headers["API-Key"] == "pc"
    body = json.loads(request.body)
    assert body["title"] == "Movie Upgraded" and body["isTimeSensitive"] is True
    assert body["image"] == "https://image.tmdb.org/t/p/original/poster.jpg"
    assert body["actions"] == [
        {"name": "TMDb", "url": "https://www.themoviedb.org/movie/603"},
        {"name": "IMDb", "url": "https://www.imdb.com/title/tt0133093"},
    ]


def test_pushcut_health_has_a_branded_title_and_no_movie_links(services):  # noqa: F811
    services.add("/pushcut/notifications/n", method="POST", body="{}")
    _send(
        make_notification("Pushcut", notificationName="n", apiKey="pc", metadataLinks=[0]),
        "on_health_restored",
    )

    body = json.loads(services.requests[-1].body)
    assert body["title"] == "Radarr - Health Check Restored"
    assert body["text"] == "The following issue is now resolved: Indexers unavailable"
    assert body["actions"] == [] and "image" not in body


def test_pushcut_invalid_key_is_a_403(services):  # noqa: F811
    services.add("/pushcut/notifications/n", method="POST", status=403, body='{"error": "Invalid API key"}')
    failures = make_notification("Pushcut", notificationName="n", apiKey="bad").provider().test()
    assert "Pushcut refused the API key (HTTP 403)" in failures[0].message


# ---- Pushsafer


def test_pushsafer_posts_its_short_form_keys_with_emergency_retry(services):  # noqa: F811
    services.add("/pushsafer/api", method="POST", body='{"status": 1, "success": "message transmitted"}')
    row = make_notification(
        "Pushsafer",
        apiKey="psk",
        deviceIds=["11", "22"],
        priority=2,
        retry=60,
        expire=600,
        sound="5",
        iconColor="#FF0000",
    )

    _send(row, "on_manual_interaction_required")

    form = _form(services.requests[-1])
    assert form["k"] == ["psk"] and form["d"] == ["11|22"] and form["pr"] == ["2"]
    assert form["t"] == ["Manual Interaction"] and form["re"] == ["60"] and form["ex"] == ["600"]
    assert form["s"] == ["5"] and form["c"] == ["#FF0000"] and "v" not in form


@pytest.mark.parametrize(
    ("status", "field", "words"),
    [
        (250, "apiKey", "refused the private or alias key"),
        (270, "deviceIds", "device ID"),
        (275, "deviceIds", "group"),
    ],
)
def test_pushsafer_status_codes_become_words_on_the_right_field(services, status, field, words):  # noqa: F811
    services.add("/pushsafer/api", method="POST", status=status, body='{"status": 0, "error": "x"}')

    failures = make_notification("Pushsafer", apiKey="k").provider().test()

    assert failures[0].property_name == field and words in failures[0].message


def test_pushsafer_settings_ranges(services):  # noqa: F811
    row = make_notification(
        "Pushsafer", apiKey="k", priority=2, retry=10, expire=60, icon="999", iconColor="red"
    )
    assert {f.property_name for f in row.provider().validate()} == {"retry", "icon", "iconColor"}


# ---- Simplepush


def test_simplepush_posts_key_event_title_and_message(services):  # noqa: F811
    services.add("/simplepush/send", method="POST", body='{"status": "OK"}')
    _send(make_notification("Simplepush", key="HuxgBB", event="movies"), "on_movie_delete")

    form = _form(services.requests[-1])
    assert form["key"] == ["HuxgBB"] and form["event"] == ["movies"]
    assert form["title"] == ["Movie Deleted"] and form["msg"][0].startswith("The Quiet Orchard")


def test_simplepush_error_answer_fails_the_test(services):  # noqa: F811
    services.add("/simplepush/send", method="POST", body='{"status": "error", "message": "Invalid key"}')
    failures = make_notification("Simplepush", key="bad").provider().test()
    assert "Simplepush refused the message: Invalid key" in failures[0].message


# ---- Signal (signal-cli REST API)


def _signal(services, **settings):  # noqa: F811
    values = {
        "host": "127.0.0.1",
        "port": services.port,
        "senderNumber": "+15550001",
        "receiverId": "group.abc=",
    }
    return make_notification("Signal", **(values | settings))


def test_signal_posts_v2_send_with_basic_auth(services):  # noqa: F811
    services.add("/v2/send", method="POST", status=201, body='{"timestamp": "1700000000"}')
    _signal(services, authUsername="u", authPassword="p").provider().send(notice_for_test())

    request = services.requests[-1]
    assert request.headers["Authorization"] == _basic("u", "p")
    assert json.loads(request.body) == {
        "message": "Test Notification\nThis is a test message from Radarr\n",
        "number": "+15550001",
        "recipients": ["group.abc="],
    }


@pytest.mark.parametrize(
    ("status", "body", "field", "words"),
    [
        (400, '{"error": "Invalid group id"}', "receiverId", "Invalid group id"),
        (
            400,
            '{"error": "Invalid account (phone number), make sure you include the country code."}',
            "senderNumber",
            "Invalid account",
        ),
        (400, "400 The plain HTTP request was sent to HTTPS port", "useSsl", "turn on Use SSL"),
        (401, "Unauthorized", "authUsername", "refused the username or password"),
        (500, '{"error": "boom"}', "host", "boom"),
    ],
)
def test_signal_errors_point_at_the_setting_to_fix(services, status, body, field, words):  # noqa: F811
    services.add("/v2/send", method="POST", status=status, body=body)

    failures = _signal(services).provider().test()

    assert failures[0].property_name == field and words in failures[0].message


def test_signal_unreachable_host_says_so(services):  # noqa: F811
    failures = _signal(services, port=9).provider().test()
    assert failures[0].property_name == "host" and "Unable to reach signal-api" in failures[0].message


def test_the_api_test_button_answers_radarrs_failure_shape_without_the_key(api_client, services):  # noqa: F811
    services.add(
        "/prowl/add",
        method="POST",
        status=401,
        body='<prowl><error code="401">Invalid API key</error></prowl>',
    )
    schema = api_client.get("/api/v3/notification/schema").json()
    body = next(item for item in schema if item["implementation"] == "Prowl")
    body |= {"name": "Prowl", "onGrab": True}
    body["fields"] = [
        field | {"value": "prowl-secret"} if field["name"] == "apiKey" else field for field in body["fields"]
    ]

    response = api_client.post("/api/v3/notification/test", body, content_type="application/json")

    assert response.status_code == 400
    (failure,) = response.json()
    assert "Prowl refused the API key (HTTP 401)" in failure["errorMessage"]
    assert "prowl-secret" not in response.content.decode()
    assert parse_qs(services.requests[-1].body.decode())["apikey"] == ["prowl-secret"]


def test_a_field_action_whose_service_refuses_is_a_400_not_a_server_error(api_client, services):  # noqa: F811
    services.add(
        "/pushbullet/devices",
        status=401,
        body='{"error": {"message": "Access token is missing or invalid."}}',
    )
    schema = api_client.get("/api/v3/notification/schema").json()
    body = next(item for item in schema if item["implementation"] == "PushBullet")
    body["fields"] = [
        field | {"value": "o.bad"} if field["name"] == "apiKey" else field for field in body["fields"]
    ]

    response = api_client.post(
        "/api/v3/notification/action/getDevices", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "Pushbullet refused the access token (HTTP 401)" in response.json()["message"]
