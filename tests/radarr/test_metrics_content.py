"""/metrics: the queue by state, provider status and health by level, in well-formed Prometheus text."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import Command, HealthRecord
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db

SAMPLE = re.compile(
    r'^([a-z_]+)(\{[a-z_]+="(?:[^"\\]|\\.)*"(?:,[a-z_]+="(?:[^"\\]|\\.)*")*\})? (-?[0-9.e+]+|\+Inf)$'
)


def scrape(client) -> str:
    response = client.get("/metrics", headers={"X-Api-Key": settings.RADARR_API_KEY})
    assert response.status_code == 200
    return response.content.decode()


def samples(text: str) -> dict[str, float]:
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line[:1] != "#"
    }


def test_the_queue_is_counted_by_state_without_finished_downloads(client):
    downloads = DownloadClientFactory()
    TrackedDownloadFactory.create_batch(2, client=downloads, state="downloading")
    TrackedDownloadFactory(client=downloads, state="importBlocked")
    TrackedDownloadFactory(client=downloads, state="imported")

    found = samples(scrape(client))

    assert found['radarr_queue_items{state="downloading"}'] == 2
    assert found['radarr_queue_items{state="importBlocked"}'] == 1
    assert 'radarr_queue_items{state="imported"}' not in found


def test_indexers_and_clients_are_up_unless_backed_off_and_disabled_ones_are_left_out(client):
    IndexerFactory(name="Healthy")
    IndexerFactory(name="Failing", disabled_until=timezone.now() + timedelta(hours=1))
    IndexerFactory(
        name="Off", enable_rss=False, enable_automatic_search=False, enable_interactive_search=False
    )
    DownloadClientFactory(name="SAB")
    DownloadClientFactory(name="Unused", enable=False)

    found = samples(scrape(client))

    assert found['radarr_indexer_up{name="Healthy"}'] == 1
    assert found['radarr_indexer_up{name="Failing"}'] == 0
    assert 'radarr_indexer_up{name="Off"}' not in found
    assert found['radarr_download_client_up{name="SAB"}'] == 1
    assert 'radarr_download_client_up{name="Unused"}' not in found


def test_health_issues_are_counted_by_level(client):
    before = samples(scrape(client))
    HealthRecord.objects.create(source="RemotePathMappingCheck", level="error", message="a")
    HealthRecord.objects.create(source="DownloadClientRootFolderCheck", level="warning", message="b")

    after = samples(scrape(client))

    for level in ("error", "warning"):
        key = f'radarr_health_issues{{level="{level}"}}'
        assert after[key] == before[key] + 1


def test_every_line_is_valid_exposition_format_and_every_family_is_declared_first(client):
    now = timezone.now()
    Command.objects.create(name='Odd "Name"', status="failed", started=now - timedelta(seconds=1), ended=now)
    client.get("/api/v3/system/status", headers={"X-Api-Key": settings.RADARR_API_KEY})  # one latency sample

    declared: dict[str, str] = {}
    for line in scrape(client).splitlines():
        if line.startswith("# HELP "):
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            assert name not in declared, f"{name} declared twice"
            declared[name] = kind
            continue
        match = SAMPLE.match(line)
        assert match, f"not a valid sample line: {line!r}"
        family = re.sub(r"_(bucket|sum|count)$", "", match.group(1))
        assert family in declared or match.group(1) in declared, f"{line!r} comes before its # TYPE"
    assert declared["radarr_http_request_duration_seconds"] == "histogram"
    assert declared["radarr_task_duration_seconds"] == "summary"


def test_the_latency_buckets_never_decrease(client):
    client.get("/api/v3/system/status", headers={"X-Api-Key": settings.RADARR_API_KEY})

    text = scrape(client)

    buckets = [
        float(value)
        for value in re.findall(
            r'radarr_http_request_duration_seconds_bucket\{area="api",method="GET",le="[^"]+"\} (\S+)', text
        )
    ]
    assert len(buckets) == 12 and buckets == sorted(buckets) and buckets[-1] >= 1
