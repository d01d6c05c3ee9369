"""docker/healthcheck.py asks /ping where the server listens: the environment's port and URL base,
else those saved in Settings → General (config.json), as the server reads them."""

import json
import subprocess
import sys
from pathlib import Path

from tests.fakeserver import FakeServer
from tests.radarr.launching import clean_environment

HEALTHCHECK = Path(__file__).resolve().parents[2] / "docker" / "healthcheck.py"


def healthy(**environment: str) -> bool:
    command = [sys.executable, "-S", str(HEALTHCHECK)]
    return subprocess.run(command, env=clean_environment(**environment), timeout=30).returncode == 0


def test_the_saved_port_and_url_base_are_asked_when_the_environment_names_none(tmp_path, fake_server):
    fake_server.add("/films/ping", body='{"status": "OK"}')
    port = fake_server.url.rsplit(":", 1)[1]
    (tmp_path / "config.json").write_text(json.dumps({"host": {"port": int(port), "urlBase": "/films"}}))

    assert healthy(RADARR_DATA_DIR=str(tmp_path))
    assert not healthy(RADARR_DATA_DIR=str(tmp_path), RADARR_URL_BASE="/other")  # the environment wins


def test_without_saved_settings_the_environments_port_is_asked(tmp_path):
    server = FakeServer().start()
    try:
        server.add("/ping", body='{"status": "OK"}')
        port = server.url.rsplit(":", 1)[1]

        assert healthy(RADARR_DATA_DIR=str(tmp_path / "missing"), RADARR_PORT=port)
    finally:
        server.stop()
