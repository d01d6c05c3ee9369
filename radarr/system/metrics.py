"""`/metrics` in the Prometheus text format: library, queue, providers, tasks and HTTP latency.

What users otherwise run a separate exporter for. The HTTP latency histogram is kept in memory by
`request_metrics_middleware`, per web process (a restart or another worker starts from zero; Prometheus
`rate()` copes with resets). Everything else is read from the database on each scrape: the apps to the
right of radarr write their own metrics (`movies.metrics`, `downloads.metrics`...), which
settings.RADARR_METRICS names in the order they are shown.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET

from radarr.api.auth import has_valid_api_key
from radarr.models import Command, CommandStatus

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class LatencyHistogram:
    """Cumulative request-duration buckets by (area, method), safe across the web server's threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self._sums: dict[tuple[str, str], float] = defaultdict(float)

    def observe(self, area: str, method: str, seconds: float) -> None:
        with self._lock:
            counts = self._counts[(area, method)]
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[index] += 1
            counts[-1] += 1
            self._sums[(area, method)] += seconds

    def lines(self) -> list[str]:
        name = "radarr_http_request_duration_seconds"
        out = [f"# HELP {name} Time to answer HTTP requests (this web process).", f"# TYPE {name} histogram"]
        with self._lock:
            for (area, method), counts in sorted(self._counts.items()):
                labels = f'area="{area}",method="{method}"'
                for bound, count in zip(BUCKETS, counts, strict=False):
                    out.append(f'{name}_bucket{{{labels},le="{bound}"}} {count}')
                out.append(f'{name}_bucket{{{labels},le="+Inf"}} {counts[-1]}')
                out.append(f"{name}_sum{{{labels}}} {self._sums[(area, method)]:.6f}")
                out.append(f"{name}_count{{{labels}}} {counts[-1]}")
        return out


HISTOGRAM = LatencyHistogram()


def _area(path: str) -> str:
    base = settings.URL_BASE
    for area in ("api", "feed", "static", "metrics"):
        if path.startswith(f"{base}/{area}"):
            return area
    return "page"


def request_metrics_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Times every request into HISTOGRAM (add to MIDDLEWARE first, so the whole stack is timed)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        HISTOGRAM.observe(_area(request.path), request.method or "GET", time.perf_counter() - started)
        return response

    return middleware


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def metric(
    name: str, kind: str, help_text: str, samples: Iterable[tuple[dict[str, str], float]]
) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        text = ",".join(f'{key}="{_escape(str(label))}"' for key, label in labels.items())
        lines.append(f"{name}{{{text}}} {value:g}" if text else f"{name} {value:g}")
    return lines


def task_lines() -> list[str]:
    """Durations and failures of the commands still in the log (Housekeeping keeps a week)."""
    durations: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    rows = Command.objects.filter(ended__isnull=False).values_list("name", "status", "started", "ended")
    for name, status, started, ended in rows:
        if started is not None:
            durations[name].append((ended - started).total_seconds())
        if status == CommandStatus.FAILED:
            failures[name] += 1
    lines = [
        "# HELP radarr_task_duration_seconds Run time of finished tasks.",
        "# TYPE radarr_task_duration_seconds summary",
    ]
    for name, values in sorted(durations.items()):
        lines.append(f'radarr_task_duration_seconds_sum{{name="{_escape(name)}"}} {sum(values):.3f}')
        lines.append(f'radarr_task_duration_seconds_count{{name="{_escape(name)}"}} {len(values)}')
    samples = [({"name": name}, failures.get(name, 0)) for name in sorted(set(durations) | set(failures))]
    return lines + metric("radarr_task_failures", "gauge", "Failed runs of each task.", samples)


def health_lines() -> list[str]:
    from radarr.system.health import current_health

    counts: dict[str, int] = {"notice": 0, "warning": 0, "error": 0}
    for issue in current_health():
        counts[issue.level] = counts.get(issue.level, 0) + 1
    samples = [({"level": level}, count) for level, count in counts.items()]
    return metric("radarr_health_issues", "gauge", "Health issues by level.", samples)


def metrics_text() -> str:
    lines = [
        *(line for section in settings.RADARR_METRICS for line in import_string(section)()),
        *task_lines(),
        *health_lines(),
        *HISTOGRAM.lines(),
    ]
    return "\n".join(lines) + "\n"


@login_not_required
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus scrapes with `X-Api-Key` or `?apikey=`; without it, 401."""
    if not has_valid_api_key(request):
        return HttpResponse("A valid API key is required\n", status=401, content_type="text/plain")
    return HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
