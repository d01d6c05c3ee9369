"""/metrics: Prometheus text with library counts, queue, providers, tasks and HTTP latency."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import Command
from radarr.system.metrics import HISTOGRAM, LatencyHistogram
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def scrape(client) -> dict[str, float]:
    response = client.get("/metrics", headers={"X-Api-Key": settings.RADARR_API_KEY})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in response.content.decode().splitlines()
        if line and not line.startswith("#")
    }


def test_metrics_need_the_api_key(client):
    assert client.get("/metrics").status_code == 401
    assert client.get(f"/metrics?apikey={settings.RADARR_API_KEY}").status_code == 200


def test_metrics_count_the_library_and_task_runs(client):
    MovieFactory(has_file=True, size_on_disk=1000)
    MovieFactory(has_file=False)
    MovieFactory(has_file=False, monitored=False)
    now = timezone.now()
    Command.objects.create(name="RssSync", status="completed", started=now - timedelta(seconds=4), ended=now)
    Command.objects.create(name="RssSync", status="failed", started=now - timedelta(seconds=2), ended=now)

    samples = scrape(client)

    assert samples["radarr_movies"] == 3
    assert samples["radarr_movies_monitored"] == 2
    assert samples["radarr_movies_with_file"] == 1
    assert samples["radarr_movies_missing"] == 1
    assert samples["radarr_movies_size_bytes"] == 1000
    assert samples['radarr_task_duration_seconds_count{name="RssSync"}'] == 2
    assert samples['radarr_task_duration_seconds_sum{name="RssSync"}'] == pytest.approx(6, abs=0.01)
    assert samples['radarr_task_failures{name="RssSync"}'] == 1


def test_the_histogram_counts_each_request_in_every_bucket_at_or_above_its_time():
    histogram = LatencyHistogram()
    histogram.observe("api", "GET", 0.03)
    histogram.observe("api", "GET", 3.0)
    lines = dict(line.rsplit(" ", 1) for line in histogram.lines() if not line.startswith("#"))
    assert lines['radarr_http_request_duration_seconds_bucket{area="api",method="GET",le="0.025"}'] == "0"
    assert lines['radarr_http_request_duration_seconds_bucket{area="api",method="GET",le="0.05"}'] == "1"
    assert lines['radarr_http_request_duration_seconds_bucket{area="api",method="GET",le="+Inf"}'] == "2"


def test_the_middleware_times_api_requests(client):
    assert settings.MIDDLEWARE[0] == "radarr.system.metrics.request_metrics_middleware"  # times everything

    before = scrape(client).get('radarr_http_request_duration_seconds_count{area="api",method="GET"}', 0)
    client.get("/api/v3/system/status", headers={"X-Api-Key": settings.RADARR_API_KEY})
    after = scrape(client)['radarr_http_request_duration_seconds_count{area="api",method="GET"}']

    assert after == before + 1
    assert HISTOGRAM.lines()
