"""Settings → General (config/host): Radarr's fields, validation, restart-only settings, API key reset."""

import base64
import json
import logging
import os
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from radarr import http
from radarr.instance import CONFIG_FILE
from radarr.models import BackupSettings
from radarr.system.backups import create_backup, list_backups
from tests.fakeserver import FakeServer
from tests.shared import SHARED_DIR

pytestmark = pytest.mark.django_db
OPENAPI = SHARED_DIR / "radarr-api" / "openapi.json"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def host_config_file() -> Iterator[Path]:
    """Each test starts from the session's config.json and leaves it, the key and the log level as found."""
    path = settings.DATA_DIR / CONFIG_FILE
    saved = path.read_bytes()
    key, trust, level = (
        settings.RADARR_API_KEY,
        settings.RADARR_TRUST_LOCAL_ADDRESSES,
        logging.getLogger().level,
    )
    yield path
    path.write_bytes(saved)
    settings.RADARR_API_KEY, settings.RADARR_TRUST_LOCAL_ADDRESSES = key, trust
    logging.getLogger().setLevel(level)


def test_get_has_every_field_of_radarrs_resource_with_secrets_masked(api_client, admin_user):
    if not OPENAPI.is_file():
        pytest.skip(f"Radarr's spec {OPENAPI} is absent (a user's clone has none)")
    expected = json.loads(OPENAPI.read_text())["components"]["schemas"]["HostConfigResource"]["properties"]

    body = api_client.get("/api/v3/config/host").json()

    assert list(body) == list(expected)
    assert body["id"] == 1 and body["port"] == settings.RADARR_PORT
    assert body["apiKey"] == settings.RADARR_API_KEY
    assert body["password"] == "********" and body["username"] == admin_user.username
    assert body["updateMechanism"] == "external"


def test_get_by_id_answers_the_same_object(api_client):
    assert api_client.get("/api/v3/config/host/1").json() == api_client.get("/api/v3/config/host").json()


def test_put_saves_to_config_json_and_answers_202(api_client, host_config_file):
    body = api_client.get("/api/v3/config/host").json()
    body |= {"port": 8787, "urlBase": "radarr/", "instanceName": "Radarr 4K", "backupRetention": 30}
    body |= {
        "proxyEnabled": True,
        "proxyHostname": "proxy.lan",
        "proxyPassword": "hunter2",
        "logLevel": "debug",
    }

    response = api_client.put("/api/v3/config/host/1", body, content_type="application/json")

    assert response.status_code == 202, response.content
    saved = response.json()
    assert saved["port"] == 8787 and saved["urlBase"] == "/radarr" and saved["proxyPassword"] == "********"
    stored = json.loads(host_config_file.read_text())["host"]
    assert (
        stored["port"] == 8787
        and stored["proxyPassword"] == "hunter2"
        and stored["instanceName"] == "Radarr 4K"
    )
    assert BackupSettings.load().retention_days == 30
    assert logging.getLogger().level == logging.DEBUG  # applied at once


def test_masked_secret_sent_back_keeps_the_stored_one(api_client, host_config_file):
    api_client.put("/api/v3/config/host", {"proxyPassword": "hunter2"}, content_type="application/json")
    body = api_client.get("/api/v3/config/host").json()

    api_client.put("/api/v3/config/host", body, content_type="application/json")

    assert json.loads(host_config_file.read_text())["host"]["proxyPassword"] == "hunter2"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("port", 0),
        ("port", 70000),
        ("port", "7878"),
        ("bindAddress", "not-an-address"),
        ("instanceName", "Movies"),
        ("authenticationMethod", "basic"),
        ("authenticationMethod", "sideways"),
        ("logSizeLimit", 11),
        ("backupInterval", 8),
        ("backupRetention", 0),
        ("enableSsl", "yes"),
        ("branch", ""),
    ],
)
def test_bad_values_get_radarrs_validation_list(api_client, host_config_file, field, value):
    before = host_config_file.read_bytes()

    response = api_client.put("/api/v3/config/host", {field: value}, content_type="application/json")

    assert response.status_code == 400
    assert field in [failure["propertyName"] for failure in response.json()]
    assert host_config_file.read_bytes() == before


def test_enabled_proxy_needs_a_hostname(api_client):
    response = api_client.put("/api/v3/config/host", {"proxyEnabled": True}, content_type="application/json")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "proxyHostname"


def test_password_change_needs_a_matching_confirmation(api_client, admin_user):
    body = {"password": "a-new-long-passphrase", "passwordConfirmation": "something else"}

    response = api_client.put("/api/v3/config/host", body, content_type="application/json")

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "passwordConfirmation"
    body["passwordConfirmation"] = body["password"]
    assert api_client.put("/api/v3/config/host", body, content_type="application/json").status_code == 202
    admin_user.refresh_from_db()
    assert admin_user.check_password("a-new-long-passphrase")


def test_authentication_required_for_local_addresses_applies_at_once(api_client):
    body = {"authenticationRequired": "disabledForLocalAddresses"}

    api_client.put("/api/v3/config/host", body, content_type="application/json")

    assert settings.RADARR_TRUST_LOCAL_ADDRESSES is True
    assert (
        api_client.get("/api/v3/config/host").json()["authenticationRequired"] == "disabledForLocalAddresses"
    )


def test_reset_api_key_command_replaces_the_key_the_api_accepts(api_client):
    old = settings.RADARR_API_KEY

    from radarr.hostconfig import reset_api_key

    reset_api_key()

    assert old != settings.RADARR_API_KEY and len(settings.RADARR_API_KEY) == 32
    assert Client(headers={"X-Api-Key": old}).get("/api/v3/config/host").status_code == 401
    assert (
        Client(headers={"X-Api-Key": settings.RADARR_API_KEY}).get("/api/v3/config/host").status_code == 200
    )


def test_a_key_reset_by_another_process_is_taken_at_the_next_request(host_config_file):
    old = settings.RADARR_API_KEY
    Client(headers={"X-Api-Key": old}).get("/api/v3/system/status")
    config = json.loads(host_config_file.read_text())
    config["api_key"] = "f" * 32
    host_config_file.write_text(json.dumps(config))  # what the job worker's ResetApiKey writes

    assert Client(headers={"X-Api-Key": old}).get("/api/v3/system/status").status_code == 401
    assert Client(headers={"X-Api-Key": "f" * 32}).get("/api/v3/system/status").status_code == 200


def test_general_page_saves_and_says_a_restart_applies_the_port(admin_client):
    page = admin_client.get("/settings/general")
    assert page.status_code == 200 and "proxyHostname" in page.content.decode()

    form = {
        "bindAddress": "127.0.0.1",
        "port": str(settings.RADARR_PORT + 1),
        "urlBase": "",
        "instanceName": settings.RADARR_INSTANCE_NAME,
        "authenticationMethod": "forms",
        "authenticationRequired": "enabled",
        "certificateValidation": "enabled",
        "proxyType": "http",
        "proxyPort": "8080",
        "logLevel": "info",
        "logSizeLimit": "1",
        "backupFolder": "Backups",
        "backupInterval": "7",
        "backupRetention": "28",
    }
    response = admin_client.post("/settings/general", form, follow=True)

    body = response.content.decode()
    assert response.status_code == 200 and 'id="pending-restart"' in body and "port" in body


def test_general_page_shows_failures_and_keeps_what_was_typed(admin_client):
    response = admin_client.post("/settings/general", {"port": "seventy", "instanceName": "Movies"})

    body = response.content.decode()
    assert response.status_code == 400 and "instanceName" in body and 'value="Movies"' in body


def test_regenerate_button_replaces_the_key(admin_client):
    old = settings.RADARR_API_KEY

    response = admin_client.post("/settings/general/apikey", follow=True)

    assert old != settings.RADARR_API_KEY and settings.RADARR_API_KEY in response.content.decode()


def test_saved_port_url_base_and_name_are_what_the_next_start_uses(tmp_path):
    (tmp_path / CONFIG_FILE).write_text(
        json.dumps(
            {
                "host": {
                    "port": 9797,
                    "urlBase": "/films",
                    "instanceName": "Radarr HD",
                    "bindAddress": "0.0.0.0",
                    "logLevel": "trace",
                    "consoleLogLevel": "info",
                    "authenticationRequired": "disabledForLocalAddresses",
                }
            }
        )
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_")}
    environment |= {"RADARR_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "radarr.settings"}
    code = (
        "from django.conf import settings as s; "
        "print(s.RADARR_PORT, s.URL_BASE, s.RADARR_INSTANCE_NAME, s.RADARR_BIND, s.LOG_LEVEL, "
        "s.CONSOLE_LOG_LEVEL, s.RADARR_TRUST_LOCAL_ADDRESSES)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == ["9797", "/films", "Radarr", "HD", "0.0.0.0", "DEBUG", "INFO", "True"]


def _proxy_settings(api_client: Client, proxy: FakeServer, **extra: object) -> None:
    port = int(proxy.url.rsplit(":", 1)[1])
    body = {
        "proxyEnabled": True,
        "proxyType": "http",
        "proxyHostname": "127.0.0.1",
        "proxyPort": port,
    } | extra
    response = api_client.put("/api/v3/config/host", body, content_type="application/json")
    assert response.status_code == 202, response.content


def test_outgoing_requests_go_through_the_proxy_with_its_credentials(api_client, fake_server):
    fake_server.add("/3/movie/603", body='{"id": 603}')
    _proxy_settings(api_client, fake_server, proxyUsername="radarr", proxyPassword="p@ss:word")

    response = http.session().get("http://api.themoviedb.invalid/3/movie/603")

    assert response.json() == {"id": 603}
    relayed = fake_server.requests[-1]
    assert relayed.headers["Host"] == "api.themoviedb.invalid"
    expected = "Basic " + base64.b64encode(b"radarr:p@ss:word").decode()
    assert relayed.headers["Proxy-Authorization"] == expected


def test_local_addresses_and_listed_hosts_bypass_the_proxy(api_client, fake_server):
    target = FakeServer().start()
    try:
        target.add("/ping", body="direct")
        _proxy_settings(api_client, fake_server, proxyBypassLocalAddresses=True)

        assert http.session().get(f"{target.url}/ping").text == "direct"
        assert fake_server.requests == []

        _proxy_settings(
            api_client, fake_server, proxyBypassLocalAddresses=False, proxyBypassFilter="*.lan, 127.0.0.*"
        )
        assert http.session().get(f"{target.url}/ping").text == "direct"
        assert fake_server.requests == []
    finally:
        target.stop()


def test_a_disabled_proxy_is_not_used(api_client, fake_server):
    _proxy_settings(api_client, fake_server, proxyBypassLocalAddresses=False)
    api_client.put("/api/v3/config/host", {"proxyEnabled": False}, content_type="application/json")
    target = FakeServer().start()
    try:
        target.add("/ping", body="direct")
        assert http.session().get(f"{target.url}/ping").text == "direct"
        assert fake_server.requests == []
    finally:
        target.stop()


@pytest.mark.parametrize("body", ["[1, 2]", "not json", '{"port": 1e400}', '{"logLevel": "info\\u0000"}'])
def test_a_malformed_body_is_a_400_never_a_500(api_client, host_config_file, body):
    before = host_config_file.read_bytes()

    response = api_client.put("/api/v3/config/host", body, content_type="application/json")

    assert response.status_code == 400
    assert host_config_file.read_bytes() == before


class FakeSocks5:
    """A SOCKS5 proxy on loopback (RFC 1928/1929) that answers every relayed HTTP request itself and
    records the user name and the host and port the client asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, int]] = []
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[socketserver.StreamRequestHandler]:
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                _, count = self.rfile.read(2)
                methods = self.rfile.read(count)
                user = ""
                if 2 in methods:  # user name and password
                    self.wfile.write(b"\x05\x02")
                    self.rfile.read(1)
                    user = self.rfile.read(self.rfile.read(1)[0]).decode()
                    self.rfile.read(self.rfile.read(1)[0])
                    self.wfile.write(b"\x01\x00")
                else:
                    self.wfile.write(b"\x05\x00")
                _, _, _, kind = self.rfile.read(4)
                host = self.rfile.read(self.rfile.read(1)[0]).decode() if kind == 3 else "address"
                port = int.from_bytes(self.rfile.read(2))
                proxy.asked.append((user, host, port))
                self.wfile.write(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
                while self.rfile.readline() not in (b"\r\n", b""):
                    pass
                body = b"via socks"
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n" + body)

        return Handler


def test_a_socks5_proxy_carries_requests_and_resolves_their_names(api_client):
    proxy = FakeSocks5()
    try:
        body = {"proxyEnabled": True, "proxyType": "socks5", "proxyHostname": "127.0.0.1"}
        body |= {"proxyPort": proxy.port, "proxyUsername": "radarr", "proxyPassword": "secret"}
        assert api_client.put("/api/v3/config/host", body, content_type="application/json").status_code == 202

        response = http.session().get("http://indexer.invalid:5076/api?t=caps")

        assert response.text == "via socks"
        assert proxy.asked == [("radarr", "indexer.invalid", 5076)]  # the name went to the proxy unresolved
    finally:
        proxy.stop()


def test_cgnat_addresses_count_as_local_only_when_trusted(api_client, admin_user, settings):
    settings.RADARR_TRUSTED_PROXIES = []
    api_client.put(
        "/api/v3/config/host",
        {"authenticationRequired": "disabledForLocalAddresses"},
        content_type="application/json",
    )
    tailscale = Client(REMOTE_ADDR="100.101.102.103", HTTP_HOST="100.64.0.1:7878")

    assert tailscale.get("/system/status").status_code == 302  # to the login page

    api_client.put("/api/v3/config/host", {"trustCgnatIpAddresses": True}, content_type="application/json")
    assert tailscale.get("/system/status").status_code == 200


def test_health_says_a_saved_port_waits_for_a_restart(api_client):
    assert "PendingRestartCheck" not in [issue["source"] for issue in api_client.get("/api/v3/health").json()]

    api_client.put("/api/v3/config/host", {"port": settings.RADARR_PORT + 1}, content_type="application/json")

    issues = {issue["source"]: issue for issue in api_client.get("/api/v3/health").json()}
    assert (
        issues["PendingRestartCheck"]["type"] == "notice"
        and "port" in issues["PendingRestartCheck"]["message"]
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backups; PostgreSQL's use pg_dump")
def test_backups_go_to_the_folder_chosen_in_settings_general(api_client, tmp_path):
    chosen = tmp_path / "radarr-backups"
    body = {"backupFolder": str(chosen), "backupInterval": 3, "backupRetention": 14}
    assert api_client.put("/api/v3/config/host", body, content_type="application/json").status_code == 202

    made = create_backup("manual")

    assert made.path.parent == chosen / "manual"
    assert [backup.name for backup in list_backups()] == [made.name]
    assert api_client.get("/api/v3/config/host").json()["backupInterval"] == 3
