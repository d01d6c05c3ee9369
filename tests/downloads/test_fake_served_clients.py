"""The kinds served by loopback fakes, through the v3 API and health: the test button's answer in
Radarr's error shape, secrets masked, and a client that is down reported in plain words."""

import pytest

from downloads.health import download_client_check
from downloads.models import DownloadClient
from radarr.providers import ProviderError
from tests.downloads.conftest import client_row
from tests.downloads.fakes.caches import forget_client_sessions  # noqa: F401
from tests.downloads.fakes.freebox import FreeboxFake
from tests.downloads.fakes.hadouken import HadoukenFake
from tests.downloads.fakes.service import FakeService, Reply, Request, self_signed_certificate
from tests.downloads.fakes.synology import SynologyFake
from tests.downloads.fakes.utorrent import UTorrentFake
from tests.downloads.fakes.vuze import VuzeFake
from tests.downloads.test_client_faults import closed_port

pytestmark = pytest.mark.django_db

# kind, its fake, the fields that log in, the wrong secret, the field a wrong secret is named on
SYNOLOGY_LOGIN = {"username": "radarr", "password": "secret"}
FREEBOX_LOGIN = {"useSsl": False, "appId": "fr.radarr", "appToken": "token-approved-on-the-box"}
KINDS = [
    ("TorrentDownloadStation", SynologyFake, SYNOLOGY_LOGIN, "password", "username"),
    ("UsenetDownloadStation", SynologyFake, SYNOLOGY_LOGIN, "password", "username"),
    ("UTorrent", UTorrentFake, {"username": "admin", "password": "secret"}, "password", "username"),
    ("Hadouken", HadoukenFake, {"username": "hadouken", "password": "secret"}, "password", "username"),
    ("Vuze", VuzeFake, {"username": "vuze", "password": "pairing-code"}, "password", "username"),
    ("TorrentFreeboxDownload", FreeboxFake, FREEBOX_LOGIN, "appToken", "appId"),
]


def body(implementation: str, port: int, login: dict[str, object]) -> dict[str, object]:
    fields = {"host": "127.0.0.1", "port": port, **login}
    protocol = "usenet" if implementation.startswith("Usenet") else "torrent"
    return {
        "name": implementation,
        "implementation": implementation,
        "protocol": protocol,
        "enable": True,
        "fields": [{"name": name, "value": value} for name, value in fields.items()],
    }


@pytest.fixture(params=KINDS, ids=[kind[0] for kind in KINDS])
def kind(request):
    implementation, fake_class, login, secret, field = request.param
    fake = fake_class().start()
    yield implementation, fake, login, secret, field
    fake.stop()


def test_the_test_endpoint_passes_then_names_the_field_of_a_wrong_secret(api_client, kind):
    implementation, fake, login, secret, field = kind

    good = api_client.post(
        "/api/v3/downloadclient/test", body(implementation, fake.port, login), "application/json"
    )
    wrong = body(implementation, fake.port, {**login, secret: "wrong"})
    bad = api_client.post("/api/v3/downloadclient/test", wrong, "application/json")

    assert good.status_code == 200, good.content
    assert bad.status_code == 400
    assert bad.json()[0]["propertyName"] == field
    assert "wrong" not in bad.content.decode()


def test_a_saved_client_hides_its_secret_and_health_names_it_once_it_is_down(api_client, kind):
    implementation, fake, login, secret, _ = kind
    created = api_client.post(
        "/api/v3/downloadclient", body(implementation, fake.port, login), "application/json"
    )
    assert created.status_code == 201, created.content
    assert {f["name"]: f["value"] for f in created.json()["fields"]}[secret] == "********"
    assert download_client_check() == []

    client = DownloadClient.objects.get()
    client.settings = {**client.settings, "port": closed_port()}
    client.save()
    issues = download_client_check()

    assert [issue.source for issue in issues] == ["DownloadClientCheck"]
    assert issues[0].message.startswith(f"Unable to communicate with {implementation}. Unable to connect to")


class Garbage(FakeService):
    """A server that answers every request with the same body, as a proxy error page or a wrong
    service would."""

    def __init__(self, body: str, status: int, certificate=None) -> None:
        super().__init__(tls_certificate=certificate)
        self.body, self.status = body, status

    def handle(self, request: Request) -> Reply:
        return Reply(self.status, self.body, "text/html")


HTTP_KINDS = [
    ("TorrentDownloadStation", {"username": "u", "password": "p"}),
    ("UsenetDownloadStation", {"username": "u", "password": "p"}),
    ("UTorrent", {"username": "u", "password": "p"}),
    ("Hadouken", {"username": "u", "password": "p"}),
    ("Vuze", {"username": "u", "password": "p"}),
    ("TorrentFreeboxDownload", {"useSsl": False, "appId": "a", "appToken": "t"}),
    ("NzbVortex", {"apiKey": "k"}),
]
ANSWERS = [
    ("<html><body>502 Bad Gateway</body></html>", 200),
    ("<html><body>502 Bad Gateway</body></html>", 502),
    ('{"result": [{"id": 1', 200),
    ("", 200),
    ("[]", 200),
    ('{"success": true, "data": null, "result": null}', 200),
    ('{"success": false, "error": {"code": 999}}', 200),
    ('{"success": true, "result": [1], "data": [1], "error": "x"}', 200),
    ('{"result": "ok", "torrents": 5, "torrentm": 5, "settings": {}, "nzbs": 5, "groups": 5}', 200),
]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("garbage-tls"))


@pytest.mark.parametrize(("answer", "status"), ANSWERS)
@pytest.mark.parametrize(("implementation", "login"), HTTP_KINDS, ids=[kind[0] for kind in HTTP_KINDS])
def test_garbage_answers_are_plain_provider_errors_never_crashes(
    implementation, login, answer, status, request, monkeypatch
):
    certificate = None
    if implementation == "NzbVortex":  # HTTPS only: the fake needs a certificate we trust
        certificate = request.getfixturevalue("certificate")
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate))
    server = Garbage(answer, status, certificate).start()
    protocol = "usenet" if implementation in ("UsenetDownloadStation", "NzbVortex") else "torrent"
    provider = client_row(implementation, protocol, host="127.0.0.1", port=server.port, **login).provider()
    try:
        try:
            provider.items()
        except ProviderError as error:
            assert error.message and "Traceback" not in error.message
        failures = provider.test()
    finally:
        server.stop()

    assert failures and all(failure.message for failure in failures)


ODD_SETTINGS = [
    ("Pneumatic", "usenet", {"nzbFolder": 5, "strmFolder": None}),
    ("UTorrent", "torrent", {"host": 5, "port": "abc", "movieCategory": 7, "intialState": "x"}),
    ("Hadouken", "torrent", {"host": None, "port": None, "username": 1, "password": 2, "category": 3}),
    ("TorrentDownloadStation", "torrent", {"host": 7, "port": -1, "tvCategory": 5, "tvDirectory": 7}),
    ("UsenetDownloadStation", "usenet", {"host": "127.0.0.1", "port": 1, "tvCategory": None}),
    ("TorrentFreeboxDownload", "torrent", {"apiUrl": 5, "appId": None, "appToken": 3, "category": 5}),
    ("NzbVortex", "usenet", {"apiKey": 5, "tvCategory": 5, "port": "x"}),
    ("Vuze", "torrent", {"host": 5, "port": "x", "movieCategory": 3}),
]


@pytest.mark.parametrize("endpoint", ["/api/v3/downloadclient/test", "/api/v3/downloadclient"])
@pytest.mark.parametrize(
    ("implementation", "protocol", "fields"), ODD_SETTINGS, ids=[k[0] for k in ODD_SETTINGS]
)
def test_settings_of_the_wrong_json_type_get_an_answer_never_a_server_error(
    api_client, endpoint, implementation, protocol, fields
):
    body = {"name": "Odd", "implementation": implementation, "protocol": protocol, "enable": True,
            "fields": [{"name": name, "value": value} for name, value in fields.items()]}  # fmt: skip

    response = api_client.post(endpoint, body, "application/json")

    assert response.status_code in (200, 201, 400), response.content
