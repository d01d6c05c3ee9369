"""Processes starting at once on a new data folder (web and worker replicas sharing it) end up with the
same generated secrets: a session, a CSRF token or a queued task signed by one is valid in the others."""

import fcntl
import json
import os
import subprocess
import sys
import time

from radarr.instance import load_instance_config
from tests.radarr.launching import REPO

READ_SECRET = (
    "import sys, pathlib, radarr.instance as i; "
    "print(i.load_instance_config(pathlib.Path(sys.argv[1]))['secret_key'])"
)


def test_a_process_finding_no_secrets_waits_for_the_one_generating_them_and_uses_its_own(tmp_path):
    lock = os.open(tmp_path / "config.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)  # this test is the first process, busy generating them
    second = subprocess.Popen(
        [sys.executable, "-c", READ_SECRET, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    time.sleep(1)
    waiting = second.poll() is None and not (tmp_path / "config.json").exists()
    (tmp_path / "config.json").write_text(json.dumps({"secret_key": "s" * 50, "api_key": "a" * 32}))
    os.close(lock)

    output, _ = second.communicate(timeout=30)

    assert waiting
    assert output.strip() == "s" * 50


def test_secrets_already_there_are_read_without_waiting_for_the_lock(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"secret_key": "s" * 50, "api_key": "a" * 32}))
    lock = os.open(tmp_path / "config.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        assert load_instance_config(tmp_path)["secret_key"] == "s" * 50
    finally:
        os.close(lock)
