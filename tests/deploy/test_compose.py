"""compose.yaml and the Dockerfile, read as Docker would (images cannot be built here): the single
container on SQLite, and the PostgreSQL form whose web process and worker find the database and Redis."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from radarr.launcher import ROLES

REPO = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def services(profile: str) -> dict[str, dict]:
    return {name: s for name, s in compose()["services"].items() if profile in s.get("profiles", [])}


def documented_variables() -> set[str]:
    """The names in the first column of README's configuration table (one row may name several)."""
    names = set()
    for line in (REPO / "README.md").read_text().splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`(\w+)`", line.split("|")[1]))
    return names


def test_the_sqlite_form_is_one_container_keeping_everything_in_config():
    sqlite = services("sqlite")

    assert list(sqlite) == ["radarr"]
    radarr = sqlite["radarr"]
    assert "DATABASE_URL" not in radarr["environment"] and "RADARR_ROLE" not in radarr["environment"]
    assert "./config:/config" in radarr["volumes"] and "7878:7878" in radarr["ports"]


def test_the_postgres_form_runs_a_web_process_and_a_worker_on_the_database_and_redis():
    postgres = services("postgres")
    web, worker, database = postgres["radarr-web"], postgres["radarr-worker"], postgres["postgres"]

    assert (web["environment"]["RADARR_ROLE"], worker["environment"]["RADARR_ROLE"]) == ("web", "worker")
    assert {web["environment"]["RADARR_ROLE"], worker["environment"]["RADARR_ROLE"]} <= set(ROLES)
    for app in (web, worker):
        url = urlsplit(app["environment"]["DATABASE_URL"])
        assert url.scheme == "postgresql" and url.hostname in postgres and url.path == "/radarr"
        assert url.username == database["environment"]["POSTGRES_USER"]
        assert url.password == database["environment"]["POSTGRES_PASSWORD"]  # the same ${POSTGRES_PASSWORD}
        assert urlsplit(app["environment"]["RADARR_REDIS_URL"]).hostname in postgres
        assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "./config:/config" in app["volumes"]  # covers and backups: one folder for both
    assert "7878:7878" in web["ports"] and "ports" not in worker


def test_every_variable_the_containers_get_is_documented_in_the_readme():
    used = set()
    for service in compose()["services"].values():
        used |= {name for name in service.get("environment", {}) if not name.startswith("POSTGRES_")}

    assert used and used <= documented_variables()


def dockerfile() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n\s*", " ", (REPO / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def instructions(name: str) -> list[str]:
    return [argument for instruction, argument in dockerfile() if instruction == name]


def test_the_image_is_a_slim_python_serving_port_7878_from_config_through_the_entrypoint():
    environment = " ".join(instructions("ENV"))

    assert re.fullmatch(r"python:3\.1[3-9]-slim", instructions("FROM")[0])
    assert instructions("EXPOSE") == ["7878"] and instructions("VOLUME") == ["/config"]
    assert instructions("ENTRYPOINT") == ['["/entrypoint.sh"]']
    assert "docker/entrypoint.sh /entrypoint.sh" in instructions("COPY")
    assert "RADARR_PORT=7878" in environment and "RADARR_BIND=0.0.0.0" in environment
    assert all(f"{name}=" in environment for name in ("PUID", "PGID", "TZ"))
    assert instructions("STOPSIGNAL") == ["SIGTERM"]


def test_the_healthcheck_asks_ping_and_the_image_has_a_user_of_its_own():
    assert "/healthcheck.py" in instructions("HEALTHCHECK")[0]
    assert "docker/healthcheck.py /healthcheck.py" in instructions("COPY")
    assert any("useradd" in command and "radarr" in command for command in instructions("RUN"))


def test_the_image_holds_every_app_package_and_the_templates_and_static_files():
    pyproject = (REPO / "pyproject.toml").read_text()
    packages = re.findall(
        r'"(\w+)\*"', pyproject.split("[tool.setuptools.packages.find]")[1].split("\n\n")[0]
    )
    copied = {argument.split()[0] for argument in instructions("COPY")}

    assert packages and set(packages) | {"templates", "static", "manage.py"} <= copied
    ignored = (REPO / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored
