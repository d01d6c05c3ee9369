"""`python -m radarr.boot`, started by the launcher: load Django once, get the database ready, fork.

The web server and the job worker are forked from this process once Django, the views and the job
modules are loaded, so both share those pages (copy-on-write) instead of loading a copy each; `gc.freeze`
keeps the collector from touching, and so copying, them later. Then this process exits and Linux hands
its children to the launcher (a subreaper), which watches them; elsewhere it stays and watches them.
"""

import gc
import os
import sys
import time
import traceback
from collections.abc import Callable

from radarr.launcher import Supervisor, name_process, stop_with_parent


def forked(name: str, target: Callable[[], None], launcher: int, adopt: bool, report_fd: int) -> int:
    """Run `target` in a child leading its own process group (signals reach it and its own children
    together, and Ctrl-C in a terminal reaches only the launcher, which stops everything gracefully)."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        os.close(report_fd)  # the launcher reads it until every writer has closed it
        os.setpgid(0, 0)
        name_process(f"radarr-{name}")
        if adopt:
            while os.getppid() == parent:  # this process exits as soon as all are forked: milliseconds
                time.sleep(0.001)
            stop_with_parent(launcher)
        else:
            stop_with_parent(parent)
        target()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def main(report_fd: int, role: str, adopt: bool) -> None:
    launcher = os.getppid()
    stop_with_parent(launcher)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radarr.settings")
    import django

    django.setup()
    from radarr import roles

    plan = roles.prepare(role)  # exits with a message on a damaged database
    roles.release_shared_resources()
    sys.stdout.flush()
    gc.collect()
    gc.freeze()
    children = {name: forked(name, target, launcher, adopt, report_fd) for name, target in plan.items()}
    os.write(report_fd, "".join(f"{name} {pid}\n" for name, pid in children.items()).encode())
    os.close(report_fd)
    if adopt:
        os._exit(0)
    supervisor = Supervisor()
    for name, pid in children.items():
        supervisor.watch(pid, name)
    sys.exit(supervisor.run())


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3] == "adopt")
