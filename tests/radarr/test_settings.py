"""Configuration by environment: each case starts a fresh interpreter with its own variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_pass


def run_django(tmp_path: Path, code: str, **variables: str) -> dict:
    """Run `code` after django.setup() with only these RADARR_*/DATABASE_URL variables; it prints JSON."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RADARR_") and k != "DATABASE_URL"}
    environment |= {"RADARR_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "radarr.settings"}
    environment |= variables
    script = f"import django, json\ndjango.setup()\nfrom django.conf import settings\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


FACTS = """
db = settings.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]), "debug": settings.DEBUG,
    "options": db.get("OPTIONS", {}), "q": settings.Q_CLUSTER, "cache": settings.CACHES["default"]["BACKEND"],
    "key": settings.RADARR_API_KEY, "secret": settings.SECRET_KEY, "port": settings.RADARR_PORT,
    "bind": settings.RADARR_BIND, "url_base": settings.URL_BASE, "log_level": settings.LOG_LEVEL}))
"""


def test_defaults_are_sqlite_in_the_data_folder_with_wal_and_the_orm_broker(tmp_path):
    facts = run_django(tmp_path, FACTS)

    assert facts["engine"] == "django.db.backends.sqlite3"
    assert facts["name"] == str(tmp_path / "data" / "radarr.db")
    assert "journal_mode=WAL" in facts["options"]["init_command"] and facts["options"]["timeout"] >= 5
    assert facts["q"]["orm"] == "default" and "redis" not in facts["q"]
    assert facts["debug"] is False and (facts["port"], facts["bind"]) == (7878, "127.0.0.1")


def test_secrets_are_generated_once_and_kept_in_the_data_folder(tmp_path):
    first = run_django(tmp_path, FACTS)
    second = run_django(tmp_path, FACTS)

    assert (first["key"], first["secret"]) == (second["key"], second["secret"])
    assert len(first["key"]) == 32
    assert oct((tmp_path / "data" / "config.json").stat().st_mode)[-3:] == "600"


def test_the_sqlite_database_really_runs_in_wal_mode(tmp_path):
    facts = run_django(
        tmp_path,
        "from django.db import connection\nc = connection.cursor()\nc.execute('PRAGMA journal_mode')\n"
        "print(json.dumps({'mode': c.fetchone()[0]}))",
    )

    assert facts["mode"] == "wal"


def test_environment_variables_override_the_defaults(tmp_path):
    facts = run_django(
        tmp_path,
        FACTS,
        RADARR_API_KEY="f" * 32,
        RADARR_PORT="9999",
        RADARR_BIND="0.0.0.0",
        RADARR_URL_BASE="radarr/",
        RADARR_LOG_LEVEL="debug",
        DATABASE_URL="postgresql://radarr:pw@db.example:5433/movies",
    )

    assert facts["key"] == "f" * 32 and facts["port"] == 9999 and facts["bind"] == "0.0.0.0"
    assert facts["url_base"] == "/radarr" and facts["log_level"] == "DEBUG"
    assert facts["engine"] == "django.db.backends.postgresql" and facts["name"] == "movies"


def test_a_redis_url_moves_the_job_broker_and_cache_to_redis(tmp_path):
    facts = run_django(tmp_path, FACTS, RADARR_REDIS_URL="redis://127.0.0.1:6379/3")

    assert facts["q"]["redis"] == "redis://127.0.0.1:6379/3" and "orm" not in facts["q"]
    assert facts["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_two_instances_sharing_a_redis_keep_their_queues_apart(tmp_path):
    first = run_django(tmp_path / "a", FACTS, RADARR_REDIS_URL="redis://127.0.0.1:6379/3")
    second = run_django(tmp_path / "b", FACTS, RADARR_REDIS_URL="redis://127.0.0.1:6379/3")

    assert first["q"]["name"] != second["q"]["name"]


@pytest.mark.parametrize("url_base", ["/radarr", "radarr", "/radarr/"])
def test_everything_is_served_under_the_url_base(tmp_path, url_base):
    facts = run_django(
        tmp_path,
        "from django.test import Client\nc = Client(headers={'X-Api-Key': settings.RADARR_API_KEY})\n"
        "print(json.dumps({'ping': c.get('/radarr/ping').status_code, 'bare': c.get('/ping').status_code,"
        "'api': c.get('/radarr/api').json(), 'missing': c.get('/radarr/api/v3/nope').status_code,"
        "'login': c.get('/radarr/system/status')['Location'],"
        "'static': settings.STATIC_URL}))",
        RADARR_URL_BASE=url_base,
    )

    assert facts["ping"] == 200 and facts["bare"] == 404 and facts["missing"] == 404
    assert facts["api"] == {"current": "v3", "deprecated": []}
    assert facts["login"].startswith("/radarr/login") and facts["static"] == "/radarr/static/"
