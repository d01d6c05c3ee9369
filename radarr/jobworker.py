"""The job worker: runs what is queued in django-q2's broker (commands, notifications) and the schedules.

One process (RADARR_ROLE all or worker) whose RADARR_JOB_WORKERS threads each take a task from the broker
and run it; in small mode one such thread runs in the web process instead. A Ticker thread beats for the
worker's run, settles the runs of workers that stopped beating, and runs django-q2's scheduler, whose row
locks make each due task start once however many workers there are.

Threads, not django-q2's cluster of processes (a sentinel, a pusher, a monitor and a pool): measured on
this project, the cluster's five processes held 45-50 MB more once they had run a few jobs, each
process keeping its own copy of what it touched. Radarr itself runs its commands as threads of one
process. What threads cannot do is kill a job stuck inside a system call; the timeout raises in the
job's thread at its next Python instruction (HTTP requests have their own timeouts).

SIGTERM stops it gracefully: nothing new is taken, a running command gets GRACE_SECONDS to end and is
then interrupted (failed, and a scheduled one due again at the next start).
"""

import ctypes
import logging
import os
import pydoc
import signal
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.exceptions import TimeoutException
from django_q.monitor import save_task
from django_q.scheduler import scheduler
from django_q.signing import BadSignature, SignedPackage

from radarr.commands import (
    beat,
    end_run,
    recover_interrupted_commands,
    settle_dead_runs,
    use_run,
)

logger = logging.getLogger(__name__)

GRACE_SECONDS = 7  # a running command's time to end after a stop; the launcher kills all at 10 s
TICK_JOIN_SECONDS = 2  # what a stop waits for a heartbeat in flight (it is within the launcher's 10 s)


class Interrupted(BaseException):
    """Raised in a job thread still running at the end of the grace time after a stop."""


def open_run() -> int:
    """In the boot process, before forking the job worker: its run, once dead runs are settled."""
    recovery = recover_interrupted_commands()
    if recovery.interrupted or recovery.requeued:
        print(
            f"{recovery.interrupted} command(s) were interrupted by a restart and marked failed; "
            f"{recovery.requeued} waiting command(s) queued again",
            flush=True,
        )
    return recovery.run.pk


class Ticker(threading.Thread):
    """Every heartbeat: beat, settle dead runs, queue due scheduled tasks (django-q2's scheduler)."""

    def __init__(self, run_id: int, on_dead: Callable[[], None]) -> None:
        super().__init__(name="job-ticker", daemon=True)
        self.run_id = run_id
        self.on_dead = on_dead
        self.stopped = threading.Event()
        self.also: list[Callable[[], None]] = []

    def run(self) -> None:
        broker = get_broker()
        while not self.stopped.wait(settings.RADARR_WORKER_HEARTBEAT_SECONDS):
            self.tick(broker)
        connection.close()

    def tick(self, broker: Any) -> None:
        try:
            close_old_connections()
            if not beat(self.run_id):
                if self.stopped.is_set():  # a beat that raced this worker's own stop: its run just ended
                    return
                logger.error("Another job worker found this one silent for too long and settled its commands")
                self.stopped.set()  # no more beats: this run is over, its process stops
                self.on_dead()
                return
            settle_dead_runs(self.run_id)
            scheduler(broker=broker)
            for extra in self.also:
                extra()
        except Exception:  # a database gone for a moment: the next beat tries again
            logger.exception("The job worker's heartbeat failed")


class JobRunner:
    """Threads that each run queued tasks one at a time, and the ticker.

    django-q2's timeout is a SIGALRM, which only the main thread gets: here the ticker enforces it by
    raising TimeoutException in the job's thread at its next Python instruction.
    """

    def __init__(self, run_id: int, threads: int, on_dead: Callable[[], None] | None = None) -> None:
        self.run_id = run_id
        self.stopping = threading.Event()
        self.stop_by = 0.0  # when running tasks are interrupted, once a stop was asked (monotonic)
        self.deadlines: dict[int, float | None] = {}  # thread ident -> when its task's timeout ends
        self.threads = [
            threading.Thread(target=self._work, name=f"jobs-{n}", daemon=True) for n in range(1, threads + 1)
        ]
        # found dead by another worker: the process stops (SIGTERM, the graceful way) and its launcher or
        # web server starts a fresh run; a test passes its own callback instead
        self.ticker = Ticker(run_id, on_dead=on_dead or (lambda: os.kill(os.getpid(), signal.SIGTERM)))
        self.ticker.also.append(self._enforce_timeouts)

    @classmethod
    def start(
        cls, run_id: int | None = None, threads: int = 1, on_dead: Callable[[], None] | None = None
    ) -> "JobRunner":
        if run_id is None:
            run_id = recover_interrupted_commands(pid=os.getpid()).run.pk
        use_run(run_id, pid=os.getpid())
        connection.close()
        jobs = cls(run_id, threads, on_dead)
        for thread in jobs.threads:
            thread.start()
        jobs.ticker.start()
        return jobs

    def _work(self) -> None:
        broker = get_broker()
        while not self.stopping.is_set():
            try:
                packages = broker.dequeue() or []  # waits up to `poll` seconds when there is none
            except Exception:
                logger.exception("Could not read the job queue")
                self.stopping.wait(5)
                continue
            for ack, payload in packages:
                if not self.stopping.is_set():
                    self._execute(broker, ack, payload)
        connection.close()

    def _execute(self, broker: Any, ack: Any, payload: Any) -> None:
        try:
            task = SignedPackage.loads(payload)
        except (TypeError, BadSignature):
            logger.exception("A queued task could not be read")
            broker.fail(ack)
            return
        task["cluster"] = Conf.CLUSTER_NAME
        timeout = task.pop("timeout", Conf.TIMEOUT)
        func = task["func"] if callable(task["func"]) else pydoc.locate(task["func"])
        close_old_connections()
        me = threading.get_ident()
        self.deadlines[me] = time.monotonic() + timeout if timeout and timeout > 0 else None
        try:
            if func is None:
                raise ValueError(f"Function {task['func']} is not defined")
            task["result"], task["success"] = func(*task["args"], **task["kwargs"]), True
        except (Exception, TimeoutException) as error:
            task["result"], task["success"] = f"{error} : {traceback.format_exc()}", False
        except Interrupted:
            return  # its command stays started until `finish` marks it interrupted
        finally:
            self.deadlines.pop(me, None)
        task["stopped"] = timezone.now()
        save_task(task, broker)
        if ack and (task["success"] or task.get("ack_failure", False)):
            broker.acknowledge(ack)

    def _enforce_timeouts(self) -> None:
        now = time.monotonic()
        for ident, deadline in list(self.deadlines.items()):
            if deadline is not None and now > deadline:
                self.deadlines[ident] = None
                _raise_in_thread(ident, TimeoutException)

    def request_stop(self) -> None:
        """SIGTERM: take nothing new; a task still running after the grace time is interrupted."""
        if self.stopping.is_set():
            return
        self.stop_by = time.monotonic() + GRACE_SECONDS
        self.stopping.set()
        timer = threading.Timer(GRACE_SECONDS, self._interrupt)
        timer.daemon = True
        timer.start()

    def _interrupt(self) -> None:
        for ident in list(self.deadlines):
            _raise_in_thread(ident, Interrupted)

    def finish(self) -> None:
        """Wait out the grace time, then what still runs is marked interrupted and the run ends."""
        self.request_stop()
        for thread in self.threads:  # the grace time counts from the stop, not from here
            thread.join(timeout=max(0.1, self.stop_by + 0.5 - time.monotonic()))
        self.ticker.stopped.set()
        if self.ticker.is_alive() and self.ticker is not threading.current_thread():
            self.ticker.join(timeout=TICK_JOIN_SECONDS)  # a beat in flight ends before the run does
        close_old_connections()
        interrupted = end_run(self.run_id)
        if interrupted:
            logger.warning("%d running command(s) interrupted by the stop", interrupted)


def _raise_in_thread(ident: int, exception: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exception))


def _lower_priority() -> None:
    """Library-wide jobs (a rescan, a refresh, ffprobe of an import) yield the CPU to the web server, so
    pages and the API stay quick while they run; RADARR_JOB_NICE=0 turns this off."""
    amount = settings.RADARR_JOB_NICE
    if amount > 0:
        try:
            os.nice(amount)
        except OSError as error:  # a platform or sandbox that refuses: jobs run at the usual priority
            logger.warning("Could not lower the job worker's priority: %s", error)


def run_jobs(run_id: int) -> None:
    """The job process's body: RADARR_JOB_WORKERS threads run tasks until SIGTERM (or SIGINT)."""
    asked: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: asked.append(signum))
    signal.signal(signal.SIGINT, lambda signum, frame: asked.append(signum))
    _lower_priority()
    jobs = JobRunner.start(run_id, threads=settings.Q_CLUSTER["workers"])
    while not asked:
        time.sleep(0.2)
    jobs.finish()
