"""docker/entrypoint.sh and docker/healthcheck.py run on this machine as the image runs them: a folder
stands in for /config (RADARR_CONFIG_DIR), the repository for /app, this Python for the image's."""

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.radarr.launching import REPO, clean_environment, free_port, process_name, wait_for

pytestmark = pytest.mark.sqlite_pass

ENTRYPOINT = REPO / "docker" / "entrypoint.sh"
HEALTHCHECK = REPO / "docker" / "healthcheck.py"
# stands in for Python where only the user switching is checked: says who runs it, where, with what
STUB = """#!/bin/sh
echo "$(id -u) $(id -g) $(pwd) ${TZ:-none} $RADARR_DATA_DIR $*" > "$(dirname "$0")/ran"
"""


def environment(config: Path, **extra: str) -> dict[str, str]:
    defaults = {
        "RADARR_CONFIG_DIR": str(config),
        "RADARR_APP_DIR": str(REPO),
        "PYTHON": sys.executable,
        "RADARR_BIND": "127.0.0.1",
        "RADARR_PORT": str(free_port()),
    }
    return clean_environment(**(defaults | extra))


def healthy(env: dict[str, str]) -> bool:
    return subprocess.run([sys.executable, "-S", str(HEALTHCHECK)], env=env, timeout=30).returncode == 0


def test_the_entrypoint_serves_from_the_config_folder_and_its_launcher_takes_sigterm(tmp_path):
    config = tmp_path / "config"
    env = environment(config, PUID="0", PGID="0", TZ="Europe/Paris")
    process = subprocess.Popen(["/bin/sh", str(ENTRYPOINT)], env=env, start_new_session=True)
    try:
        wait_for(lambda: healthy(env) or process.poll() is not None, "the healthcheck to pass")
        launcher_environment = Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0")

        assert process_name(process.pid) == "radarr"  # the launcher replaced the shell: signals reach it
        assert b"TZ=Europe/Paris" in launcher_environment
        assert (config / "config.json").is_file() and (config / "radarr.db").is_file()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert not healthy(env)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def stub() -> Iterator[Path]:
    """A folder anyone may enter, with the stand-in for Python in it."""
    folder = Path(tempfile.mkdtemp(prefix="radarr-entrypoint-"))
    folder.chmod(0o777)
    program = folder / "python"
    program.write_text(STUB)
    program.chmod(0o755)
    yield program
    shutil.rmtree(folder)


def ran(stub: Path) -> list[str]:
    return (stub.parent / "ran").read_text().split()


def requires_root_and_nobody() -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("switching users needs root and setpriv (util-linux)")
    if subprocess.run(["getent", "passwd", "65534"], capture_output=True).returncode != 0:
        pytest.skip("no user 65534 here: the entrypoint would create one")


def test_started_as_root_it_runs_the_server_as_puid_pgid_who_then_owns_the_config_folder(stub):
    requires_root_and_nobody()
    config = stub.parent / "config"
    config.mkdir()
    env = environment(config, PUID="65534", PGID="65534", PYTHON=str(stub), RADARR_APP_DIR=str(stub.parent))

    subprocess.run(["/bin/sh", str(ENTRYPOINT)], env=env, check=True, timeout=60)

    uid, gid, folder, _, data_dir, *arguments = ran(stub)
    assert (uid, gid) == ("65534", "65534") and folder == str(stub.parent)
    assert data_dir == str(config) and arguments == ["-S", "-m", "radarr.launcher"]
    assert (config.stat().st_uid, config.stat().st_gid) == (65534, 65534)


def test_started_as_another_user_it_runs_as_that_user(stub):
    requires_root_and_nobody()
    config = stub.parent / "config"
    config.mkdir(mode=0o777)
    config.chmod(0o777)
    env = environment(config, PUID="1234", PGID="1234", PYTHON=str(stub), RADARR_APP_DIR=str(stub.parent))
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    subprocess.run([*as_nobody, "/bin/sh", str(ENTRYPOINT)], env=env, check=True, timeout=60)

    uid, gid, *_ = ran(stub)
    assert (uid, gid) == ("65534", "65534")  # docker run --user / runAsUser: PUID is not applied
    assert config.stat().st_uid == 0  # and nothing was chowned


def test_an_unknown_time_zone_is_refused_with_a_message_and_utc_used(stub, tmp_path):
    env = environment(tmp_path / "config", PUID="0", TZ="Nowhere/Atlantis", PYTHON=str(stub))
    env["RADARR_APP_DIR"] = str(stub.parent)
    if os.geteuid() != 0:
        env["PUID"] = str(os.geteuid())

    result = subprocess.run(["/bin/sh", str(ENTRYPOINT)], env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0 and "TZ=Nowhere/Atlantis is not a known time zone" in result.stderr
    assert ran(stub)[3] == "none"
    assert stat.S_ISDIR((tmp_path / "config").stat().st_mode)
