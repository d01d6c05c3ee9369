"""`make run`'s foreground process (`python -S -m radarr.launcher`): starts Radarr and stops it, no Django.

It imports only the standard library, so it holds no Django of its own (the old launcher kept 57 MB).
`radarr.boot` loads Django once, gets the database ready and forks the web server and the job worker
from that one loaded image, which they then share page for page; it exits at once, and Linux hands its
children to this process (a child subreaper), which watches them:

- Ctrl-C or SIGTERM stops them gracefully: requests in flight finish and the running command ends or is
  marked interrupted, within STOP_SECONDS; a second signal stops everything at once;
- if one of them dies, the other is stopped too and the exit code says so (a container restarts us);
- SIGUSR1 (POST /api/v3/system/restart) stops them as gracefully, then starts everything again in this
  same process (exec), so `make run`, a container or a service manager keeps watching the same pid.

Its pid is passed to what it starts as RADARR_LAUNCHER_PID, which POST /api/v3/system/shutdown and
/restart signal.

RADARR_ROLE picks what runs here: `all` (the default), `web` (pages and API only) or `worker` (jobs only).
"""

import contextlib
import ctypes
import os
import select
import signal
import sys
import time
from collections.abc import Callable

ROLES = ("all", "web", "worker")
STOP_SECONDS = 10  # what a container runtime waits before SIGKILL (docker stop's default)
PR_SET_PDEATHSIG = 1  # Linux prctl options
PR_SET_NAME = 15
PR_SET_CHILD_SUBREAPER = 36
RESTART_SIGNAL = signal.SIGUSR1
LAUNCHER_PID = "RADARR_LAUNCHER_PID"


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0


def name_process(name: str) -> None:
    """The name `ps -e`, `top` and bench/run.py show (15 bytes at most); its children inherit it."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def stop_with_parent(parent: int) -> None:
    """Get SIGTERM when `parent` dies (OOM killer, kill -9), instead of running on as an orphan that
    holds the port; exit now if it is already gone."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


def role_from_environment() -> str:
    role = os.environ.get("RADARR_ROLE", "").strip().lower() or "all"
    if role not in ROLES:
        raise SystemExit(f"RADARR_ROLE must be one of {', '.join(ROLES)}, not {role!r}")
    return role


class Supervisor:
    """Watches the named processes (each leads its own process group) and stops them together."""

    def __init__(self) -> None:
        self.children: dict[int, str] = {}
        self.exits: dict[int, int] = {}  # pid -> exit code, for every child reaped (known or not yet)
        self.signals = 0
        self.restart = False
        self.deadline: float | None = None
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(RESTART_SIGNAL, self._on_signal)

    def _on_signal(self, signum: int, frame: object) -> None:
        self.signals += 1
        self.restart = self.restart or signum == RESTART_SIGNAL

    def watch(self, pid: int, name: str) -> None:
        self.children[pid] = name

    def reap(self) -> None:
        """Collect every child that ended (adopted grandchildren included), without blocking."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.exits[pid] = os.waitstatus_to_exitcode(status)

    def running(self) -> list[int]:
        return [pid for pid in self.children if pid not in self.exits]

    def send(self, signum: int) -> None:
        """SIGTERM to each child, which stops its own processes gracefully; SIGKILL to their groups."""
        for pid in self.running():
            if signum == signal.SIGKILL:
                _signal(os.killpg, pid, signum)  # the whole group: gunicorn's worker, django-q2's pool
            else:
                _signal(os.kill, pid, signum)

    def run(self) -> int:
        """Until every watched child has ended; returns the exit code for `make run`."""
        failed = ""
        while self.running():
            time.sleep(0.05)
            self.reap()
            if self.signals >= 2 or (self.deadline and time.monotonic() > self.deadline):
                self.send(signal.SIGKILL)
            elif self.deadline is None and (self.signals or len(self.running()) < len(self.children)):
                failed = "" if self.signals else self._first_failure()
                self.send(signal.SIGTERM)
                self.deadline = time.monotonic() + STOP_SECONDS
        for pid in self.children:  # their groups may keep members that outlived the leader
            _signal(os.killpg, pid, signal.SIGKILL)
        if failed:
            print(failed, file=sys.stderr, flush=True)
            return 1
        return 0

    def _first_failure(self) -> str:
        ended = [pid for pid in self.children if pid in self.exits]
        pid = ended[0]
        return (
            f"The {self.children[pid]} process stopped unexpectedly (exit code {self.exits[pid]}); "
            "stopped the others too."
        )


def _signal(send: Callable[[int, int], None], pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # gone already
        send(pid, signum)


def read_boot_report(read_end: int, boot: int, supervisor: Supervisor) -> dict[int, str]:
    """`radarr.boot` writes one `name pid` line per process it forked and closes the pipe when they run
    (by exiting, or on its own when it stays); a stop asked meanwhile is passed on to it."""
    text = b""
    while True:
        if supervisor.signals:
            _signal(os.kill, boot, signal.SIGTERM)
            supervisor.signals = 0
        if select.select([read_end], [], [], 0.05)[0]:
            chunk = os.read(read_end, 4096)
            if not chunk:
                break
            text += chunk
    os.close(read_end)
    children = {}
    for line in text.decode().splitlines():
        name, pid = line.split()
        children[int(pid)] = name
    return children


def main() -> int:
    role = role_from_environment()
    name_process("radarr")
    adopts = _prctl(PR_SET_CHILD_SUBREAPER, 1)  # Linux: orphaned descendants become our children
    supervisor = Supervisor()
    read_end, write_end = os.pipe()
    os.set_inheritable(write_end, True)
    # not the subprocess module: importing it would double this process's memory (2.5 MB)
    command = [sys.executable, "-m", "radarr.boot", str(write_end), role, "adopt" if adopts else "stay"]
    os.environ[LAUNCHER_PID] = str(os.getpid())  # where a shutdown or restart asked by the API goes
    # glibc gives each thread that allocates its own heap arena (up to 8 per core), and memory freed in
    # one stays mapped: the web server's threads each kept the high-water mark of the largest list they
    # built. Two arenas keep a process's size following what it holds (radarr/memory.py trims them).
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    # glibc also raises its thresholds to the largest block freed: after one whole-library answer (12 MB
    # at 5,000 movies) the next ones came from the heap, and a thread's arena kept up to twice that free
    # at its top, which malloc_trim does not return. Fixed thresholds: blocks from 256 KB are mapped on
    # their own and unmapped when freed, and a heap's free top past 1 MB goes back at once.
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(256 * 1024))
    os.environ.setdefault("MALLOC_TRIM_THRESHOLD_", str(1024 * 1024))
    boot = os.posix_spawn(sys.executable, command, os.environ)
    os.close(write_end)
    children = read_boot_report(read_end, boot, supervisor)
    if adopts:
        while boot not in supervisor.exits:  # it exits right after closing the pipe
            time.sleep(0.01)
            supervisor.reap()
    else:  # elsewhere than Linux the boot process stays and watches its children itself
        children = {boot: "boot"}
        time.sleep(0.05)
        supervisor.reap()
    if supervisor.exits.get(boot):  # a damaged database, a failed migration: it said why
        return max(supervisor.exits[boot], 1)
    for pid, name in children.items():
        supervisor.watch(pid, name)
    code = supervisor.run()
    if supervisor.restart and supervisor.signals == 1:  # a second signal meanwhile means: just stop
        print("Restarting", file=sys.stderr, flush=True)
        os.execv(sys.executable, sys.orig_argv)  # as it was started: interpreter options, module, arguments
    return code


if __name__ == "__main__":
    sys.exit(main())
