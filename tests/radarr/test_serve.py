"""`make run` for real: the launcher, the boot process that gets the database ready and forks, the web
server and the job worker; roles, small mode, stopping."""

import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.radarr.launching import REDIS_URL, REPO, Instance, is_running, redis_answers, wait_for

pytestmark = pytest.mark.sqlite_pass


@pytest.fixture
def instances() -> list[Instance]:
    started: list[Instance] = []
    yield started
    for instance in started:
        instance.cleanup()


def test_first_start_prints_the_admin_login_once(tmp_path, instances):
    instance = Instance(tmp_path)
    instances.append(instance)
    instance.start()
    first = instance.output()
    assert instance.stop() == 0

    instance.start()
    second = instance.output()[len(first) :]

    assert "user:     admin" in first and "password: " in first
    assert "password" not in second and "Radarr is listening on" in second


@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_make_run_serves_and_runs_commands_and_stops_both_on_ctrl_c(tmp_path, instances, broker):
    settings = {}
    if broker == "redis":
        if not redis_answers():
            pytest.skip(f"no Redis answers at {REDIS_URL} (TEST_REDIS_URL; RADARR_REDIS_URL is optional)")
        settings["RADARR_REDIS_URL"] = REDIS_URL
    instance = Instance(tmp_path, **settings)
    instances.append(instance)
    instance.start()

    command = instance.post_command("CheckHealth")

    assert instance.wait_until_ended(command)["status"] == "completed"
    children = instance.children()
    assert set(children) == {"radarr-web", "radarr-jobs"}
    assert instance.stop(signal.SIGINT) == 0
    assert not [pid for pid in children.values() if is_running(pid)]


def test_the_launcher_keeps_no_django_in_memory():
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, radarr.launcher; print(*sorted(sys.modules), sep=chr(10))"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    packages = {name.partition(".")[0] for name in imported}  # not module names merely containing one

    assert "radarr.launcher" in imported
    assert "django" not in packages and "subprocess" not in packages


def test_killing_the_launcher_outright_stops_web_and_worker(tmp_path, instances):
    instance = Instance(tmp_path)
    instances.append(instance)
    instance.start()
    children = list(instance.children().values())
    assert len(children) == 2

    instance.process.kill()  # SIGKILL: the launcher gets no chance to stop them itself
    instance.process.wait(timeout=10)

    wait_for(lambda: not any(is_running(pid) for pid in children), "web and worker to stop")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{instance.base}/ping", timeout=2)


def test_when_the_job_worker_dies_the_launcher_stops_the_web_server_and_fails(tmp_path, instances):
    instance = Instance(tmp_path)
    instances.append(instance)
    instance.start()

    jobs = instance.children()["radarr-jobs"]
    subprocess.run(["kill", "-KILL", str(jobs)], check=True)

    assert instance.process.wait(timeout=30) == 1
    assert "The jobs process stopped unexpectedly" in instance.output()
    assert not instance.answers("/ping")


def test_small_mode_runs_commands_and_scheduled_tasks_in_the_web_process(tmp_path, instances):
    instance = Instance(tmp_path, RADARR_SMALL="true", RADARR_WORKER_HEARTBEAT_SECONDS="1")
    instances.append(instance)
    instance.start()

    posted = instance.post_command("CheckHealth")
    # every periodic task is due at a first start: the scheduler starts them within a heartbeat
    wait_for(lambda: scheduled_commands(instance), "a scheduled task to run")

    assert list(instance.children()) == ["radarr-web"]  # one process besides the launcher
    assert instance.wait_until_ended(posted)["status"] == "completed"
    # one job thread: the scheduled tasks due together run one after another, each in its turn
    wait_for(
        lambda: {command["status"] for command in scheduled_commands(instance)} <= {"started", "completed"},
        "the scheduled tasks to start in turn",
    )
    assert instance.stop() == 0


def scheduled_commands(instance: Instance) -> list[dict]:
    listed = instance.session.get(f"{instance.base}/api/v3/command", timeout=10).json()
    return [command for command in listed if command["trigger"] == "scheduled"]


def test_small_mode_needs_the_role_that_serves_the_web(tmp_path):
    instance = Instance(tmp_path, RADARR_SMALL="true", RADARR_ROLE="worker")

    instance.start(wait=False)

    assert instance.process.wait(timeout=60) != 0
    assert "needs RADARR_ROLE=all" in instance.output()


def test_an_unknown_role_is_refused_with_the_ones_there_are(tmp_path):
    instance = Instance(tmp_path, RADARR_ROLE="everything")

    instance.start(wait=False)

    assert instance.process.wait(timeout=30) != 0
    assert "RADARR_ROLE must be one of all, web, worker" in instance.output()


def test_a_web_role_and_a_worker_role_on_one_data_folder_work_as_one_server(tmp_path, instances):
    web = Instance(tmp_path, RADARR_ROLE="web")
    worker = Instance(tmp_path, RADARR_ROLE="worker", RADARR_PORT=web.base.rsplit(":", 1)[1])
    instances += [web, worker]
    web.start()
    worker.start(wait=False)
    wait_for(lambda: list(worker.children()) == ["radarr-jobs"], "the worker's job process")

    command = web.post_command("CheckHealth")

    assert list(web.children()) == ["radarr-web"]
    assert web.wait_until_ended(command)["status"] == "completed"


def test_a_web_role_alone_queues_commands_that_a_worker_started_later_runs(tmp_path, instances):
    web = Instance(tmp_path, RADARR_ROLE="web")
    instances.append(web)
    web.start()
    command = web.post_command("CheckHealth")
    time.sleep(1)
    assert web.command(command)["status"] == "queued"  # nothing here runs jobs

    worker = Instance(tmp_path, RADARR_ROLE="worker", RADARR_PORT=web.base.rsplit(":", 1)[1])
    instances.append(worker)
    worker.start(wait=False)

    assert web.wait_until_ended(command)["status"] == "completed"
