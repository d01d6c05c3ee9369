"""POST /api/v3/system/shutdown and /restart: asked of the launcher that started this server (its pid is
in RADARR_LAUNCHER_PID), which stops the web server and the job worker gracefully, requests in flight
included, and for a restart starts them again. A server started otherwise (a test, `manage.py
runserver`) has nobody to ask and says so."""

import os
import signal

from radarr.api.errors import ApiError
from radarr.launcher import LAUNCHER_PID, RESTART_SIGNAL


def _launcher() -> int:
    value = os.environ.get(LAUNCHER_PID, "")
    if not value.isdigit() or int(value) <= 1:
        raise ApiError(409, "This server was not started by its launcher", "Stop it the way it was started")
    return int(value)


def request_shutdown() -> None:
    os.kill(_launcher(), signal.SIGTERM)


def request_restart() -> None:
    os.kill(_launcher(), RESTART_SIGNAL)
