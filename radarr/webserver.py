"""The web server: gunicorn's threaded worker, serving the Django application the boot process loaded.

The worker runs on its own, without gunicorn's master process: the launcher already watches it and
stops it, and a master would keep its own copy of every page the worker changes (measured: 15-20 MB).
SIGTERM is gunicorn's graceful stop: no new connections, requests in flight finish (GRACEFUL_SECONDS at
most). In small mode the same process also runs the jobs, in two threads (radarr.jobworker).
"""

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from gunicorn.sock import create_sockets
from gunicorn.workers.gthread import ThreadWorker

GRACEFUL_SECONDS = 8  # within the launcher's 10 s, which then kills what is left


class WebServer(BaseApplication):
    """gunicorn's configuration and the already loaded WSGI application."""

    def __init__(self, options: dict[str, Any], application: Any) -> None:
        self.options = options
        self.application = application
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        return self.application


class WebWorker(ThreadWorker):
    """gunicorn's threaded worker; in small mode SIGTERM stops the jobs it runs as well."""

    jobs: Any = None

    def handle_exit(self, sig: int, frame: Any) -> None:
        if self.jobs is not None:
            self.jobs.request_stop()
        super().handle_exit(sig, frame)


def options() -> dict[str, Any]:
    chosen: dict[str, Any] = {
        "bind": [f"{settings.RADARR_BIND}:{settings.RADARR_PORT}"],
        "threads": settings.RADARR_WEB_THREADS,
        "graceful_timeout": GRACEFUL_SECONDS,
        # no access log: request lines carry ?apikey= and would bypass the log's secret masking
        "accesslog": None,
        "loglevel": "warning",
        # gunicorn would believe X-Forwarded-Proto from loopback by default; radarr/auth.py decides
        # https from RADARR_TRUSTED_PROXIES alone
        "forwarded_allow_ips": "",
    }
    if Path("/dev/shm").is_dir():  # the worker's liveness file: memory, not a container's disk
        chosen["worker_tmp_dir"] = "/dev/shm"
    return chosen


def serve(jobs_inside: bool = False) -> None:
    """Listen and serve until SIGTERM (graceful) or SIGINT/SIGQUIT (at once)."""
    from radarr.jobworker import JobRunner
    from radarr.wsgi import application

    server = WebServer(options(), application)
    log = Logger(server.cfg)
    listeners = create_sockets(server.cfg, log)  # exits with gunicorn's message when the port is taken
    worker = WebWorker(1, os.getppid(), listeners, server, server.cfg.timeout, server.cfg, log)
    worker.pid = os.getpid()
    if jobs_inside:
        worker.jobs = JobRunner.start()
    try:
        worker.init_process()  # serves until stopped
    finally:
        worker.tmp.close()
        if worker.jobs is not None:
            worker.jobs.finish()
