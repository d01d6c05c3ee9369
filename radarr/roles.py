"""What each RADARR_ROLE runs, prepared by the boot process before it forks them (radarr.boot).

- `all` (the default, `make run`): the web server and the job worker;
- `web`: pages and the API only (several may run behind a load balancer);
- `worker`: the job worker only (several may run: the database hands each command to one of them).
Small mode (RADARR_SMALL, role `all` only) runs the jobs in the web process's threads instead of a job
worker of their own: one process fewer, one job at a time.
"""

import sys
from collections.abc import Callable
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils.module_loading import import_string

from radarr.startup import Prepared, prepare_database
from radarr.system.integrity import CorruptDatabase


def prepare(role: str) -> dict[str, Callable[[], None]]:
    """Get the database ready and say what to fork: {"web": ..., "jobs": ...}. Exits on a damaged
    database or a small mode asked for a role without a web server."""
    from radarr import jobworker, webserver

    small = settings.RADARR_SMALL
    if small and role != "all":
        sys.exit("Small mode (RADARR_SMALL) runs the jobs inside the web process: it needs RADARR_ROLE=all")
    web, jobs = role in ("all", "web"), role in ("all", "worker")
    try:
        prepared = prepare_database(partial(warm_up, web, jobs), jobs=jobs)
    except CorruptDatabase as error:
        sys.exit(str(error))
    announce(prepared)
    plan: dict[str, Callable[[], None]] = {}
    if web:
        plan["web"] = partial(webserver.serve, jobs_inside=small)
    if jobs and not small:
        plan["jobs"] = partial(jobworker.run_jobs, jobworker.open_run())
    if web:
        print(f"Radarr is listening on {listening_url()} (Ctrl-C stops it)", flush=True)
    return plan


# what Django works out on first use for each model and keeps (cached properties of its options and
# fields); a model first queried in a large request or job would otherwise add them then
_MODEL_CACHES = (
    "managers", "base_manager", "default_manager", "concrete_fields", "local_concrete_fields",
    "fields_map", "_forward_fields_map", "related_objects", "_property_names", "db_returning_fields",
    "_relation_tree", "total_unique_constraints", "_non_pk_concrete_field_names",
)  # fmt: skip
_FIELD_CACHES = ("cached_col", "path_infos", "reverse_path_infos")


def warm_model_caches() -> None:
    """Fill Django's lazy per-model caches before the fork (about 15 ms): the processes then share them,
    and none is made in the middle of a whole library's import or refresh, where each small object
    would land among that work's short-lived ones and keep their memory arena (1 MB) from being freed."""
    for model in apps.get_models(include_auto_created=True):
        options = model._meta
        for name in _MODEL_CACHES:  # private names a later Django may drop: skipped, never a failed start
            getattr(options, name, None)
        for field in options.get_fields(include_hidden=True):
            for name in _FIELD_CACHES:
                if hasattr(type(field), name) and (name != "cached_col" or getattr(field, "concrete", False)):
                    getattr(field, name)


def warm_up(web: bool, jobs: bool) -> None:
    """Import here what the forked processes would otherwise each import, and each keep a copy of."""
    warm_model_caches()
    if web:
        from django.urls import get_resolver

        import radarr.webserver  # noqa: F401 - gunicorn and its threaded worker
        import radarr.wsgi  # noqa: F401

        get_resolver().url_patterns  # noqa: B018 - imports every view
    if jobs:
        import radarr.jobworker  # noqa: F401 - django-q2's cluster
        from radarr.jobs import JOBS

        for job in JOBS:
            import_string(job.function)


def announce(prepared: Prepared) -> None:
    if prepared.migrations:
        print(f"Applied {len(prepared.migrations)} database migration(s)", flush=True)
    if prepared.login is None:
        return
    user, password = prepared.login
    banner = "=" * 64
    print(
        f"\n{banner}\n First start: log in at {listening_url()}\n user:     {user}\n password: {password}\n"
        f" (also shown under Settings → General until you change it)\n{banner}\n",
        flush=True,
    )


def listening_url() -> str:
    return f"http://{settings.RADARR_BIND}:{settings.RADARR_PORT}{settings.URL_BASE}/"


def release_shared_resources() -> None:
    """Forked processes must not share this one's database connections (nor its cache clients')."""
    connections.close_all()
    caches.close_all()
