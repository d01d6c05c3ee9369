"""`make run`'s foreground process: the web server (gunicorn) and the job worker (django-q2) together.

Ctrl-C or SIGTERM stops both; if either dies, the other is stopped too and the exit code says so.
Before either starts, what a crashed run left is settled: started commands fail, queued ones run.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from radarr.commands import recover_interrupted_commands
from radarr.system.integrity import CorruptDatabase, check_database_at_startup

PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for the child when its parent dies


def stop_with_parent() -> None:
    """In each child, before it starts: if this launcher is killed outright (OOM, kill -9), the web
    server and the job worker get SIGTERM instead of running on as orphans holding the port."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(BaseCommand):
    help = (
        "Serve the web UI and API with gunicorn and run the django-q2 job worker, in one foreground command."
    )

    def handle(self, *args: object, **options: object) -> None:
        try:
            check_database_at_startup()  # never write to a damaged database
        except CorruptDatabase as error:
            raise CommandError(str(error)) from None
        # before the worker starts (it is the instance's only one; a future worker-only role must keep
        # this in the process that starts the worker, never in a web-only one)
        recovery = recover_interrupted_commands()
        if recovery.interrupted or recovery.requeued:
            self.stdout.write(
                f"{recovery.interrupted} command(s) were interrupted by a restart and marked failed; "
                f"{recovery.requeued} waiting command(s) queued again"
            )
        bind = f"{settings.RADARR_BIND}:{settings.RADARR_PORT}"
        threads = os.environ.get("RADARR_WEB_THREADS", "8")
        web = [
            sys.executable, "-m", "gunicorn", "radarr.wsgi:application",
            "--bind", bind, "--workers", "1", "--worker-class", "gthread", "--threads", threads,
            # no access log: request lines carry ?apikey= and would bypass the log's secret masking
            "--graceful-timeout", "10", "--log-level", "warning",
            # gunicorn would believe X-Forwarded-Proto from loopback by default; radarr/auth.py decides
            # https from RADARR_TRUSTED_PROXIES alone
            "--forwarded-allow-ips", "",
        ]  # fmt: skip
        worker = [sys.executable, "-m", "django", "qcluster"]
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "radarr.settings"}
        processes = [
            subprocess.Popen(command, env=environment, preexec_fn=stop_with_parent)
            for command in (web, worker)
        ]
        self.stdout.write(f"Radarr is listening on http://{bind}{settings.URL_BASE}/ (Ctrl-C stops it)")
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.2)
        exit_code = self._stop_all(processes)
        if not stopping:
            self.stderr.write("A server process stopped unexpectedly; stopped the other one too.")
            sys.exit(exit_code or 1)

    def _stop_all(self, processes: list[subprocess.Popen]) -> int:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return max(abs(process.returncode or 0) for process in processes)
