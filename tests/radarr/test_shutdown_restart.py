"""POST /api/v3/system/shutdown and /restart: the launcher stops (and starts again) the whole server."""

import pytest

from tests.radarr.launching import Instance, is_running, wait_for


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["shutdown", "restart"])
def test_a_server_not_started_by_the_launcher_says_it_cannot(api_client, monkeypatch, action):
    monkeypatch.delenv("RADARR_LAUNCHER_PID", raising=False)

    response = api_client.post(f"/api/v3/system/{action}")

    assert response.status_code == 409
    assert "launcher" in response.json()["message"]


@pytest.fixture
def instance(tmp_path):
    started = Instance(tmp_path)
    yield started
    started.cleanup()


@pytest.mark.sqlite_pass
def test_restart_starts_new_web_and_job_processes_under_the_same_launcher(instance):
    instance.start()
    before = instance.children()

    response = instance.session.post(f"{instance.base}/api/v3/system/restart", timeout=10)

    assert response.status_code == 200 and response.json() == {"restarting": True}
    wait_for(lambda: not any(is_running(pid) for pid in before.values()), "the old processes to stop")
    wait_for(lambda: instance.answers("/ping"), "the restarted server to answer")
    assert instance.process.poll() is None
    # the job process names itself once it has started: wait for both names
    wait_for(lambda: set(instance.children()) == {"radarr-web", "radarr-jobs"}, "both new processes")
    after = instance.children()
    assert not set(after.values()) & set(before.values())


@pytest.mark.sqlite_pass
def test_shutdown_stops_everything_and_the_launcher_exits_cleanly(instance):
    instance.start()
    children = list(instance.children().values())

    response = instance.session.post(f"{instance.base}/api/v3/system/shutdown", timeout=10)

    assert response.status_code == 200 and response.json() == {"shuttingDown": True}
    assert instance.process.wait(timeout=30) == 0
    assert not any(is_running(pid) for pid in children)
