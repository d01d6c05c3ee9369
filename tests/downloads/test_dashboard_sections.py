"""The Dashboard's sections the first test left unchecked: queue summary, health with its fix link,
upcoming releases, recent imports, the imports-over-time chart and the data folder's disk."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from radarr.models import HealthRecord
from tests.downloads.factories import DownloadClientFactory, TrackedDownloadFactory
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def section(html: str, heading: str) -> str:
    """The markup of the dashboard section under `<h2>heading</h2>`."""
    match = re.search(rf"<h2>{re.escape(heading)}</h2>(.*?)</section>", html, re.S)
    assert match, f"no section {heading}"
    return match.group(1)


def test_the_queue_summary_counts_downloads_by_state_and_leaves_finished_ones_out(admin_client):
    client = DownloadClientFactory()
    TrackedDownloadFactory.create_batch(2, client=client, state="downloading")
    TrackedDownloadFactory(client=client, state="importPending")
    TrackedDownloadFactory(client=client, state="imported")

    queue = section(admin_client.get("/dashboard").content.decode(), "Queue")

    assert dict(re.findall(r"<dt>(\w+)</dt><dd>(\d+)</dd>", queue)) == {
        "downloading": "2",
        "importPending": "1",
    }


def test_health_issues_show_with_a_how_to_fix_link(admin_client):
    HealthRecord.objects.create(
        source="RemotePathMappingCheck",
        level="error",
        message="SAB reports its download folder at /downloads, which does not exist here.",
        wiki_url="https://wiki.servarr.com/radarr/system#bad-remote-path-mapping",
    )

    health = section(admin_client.get("/dashboard").content.decode(), "Health")

    assert "SAB reports its download folder at /downloads" in health
    assert 'href="https://wiki.servarr.com/radarr/system#bad-remote-path-mapping"' in health
    assert "How to fix" in health


def test_upcoming_releases_and_recent_imports_are_listed(admin_client):
    today = timezone.localdate()
    MovieFactory(
        title="Soon Film", in_cinemas=today + timedelta(days=3), digital_release=None, physical_release=None
    )
    MovieFactory(
        title="Far Film", in_cinemas=today + timedelta(days=40), digital_release=None, physical_release=None
    )
    owned = MovieFactory(title="Owned Film", has_file=True)
    MovieFileFactory(movie=owned, relative_path="Owned Film (2010) Bluray-1080p.mkv")

    html = admin_client.get("/dashboard").content.decode()

    upcoming = section(html, "Upcoming (14 days)")
    assert "Soon Film" in upcoming and "Theatrical Release" in upcoming and "Far Film" not in upcoming
    assert "Owned Film (2010) Bluray-1080p.mkv" in section(html, "Recently added files")


def test_the_imports_chart_counts_files_added_this_week(admin_client):
    for _ in range(3):
        MovieFileFactory(movie=MovieFactory(has_file=True))

    chart = section(admin_client.get("/dashboard").content.decode(), "Files added per week")

    counts = [int(n) for n in re.findall(r"<title>[^<]+: (\d+)</title>", chart)]
    assert len(counts) == 12 and counts[-1] == 3 and sum(counts) == 3


def test_disk_space_lists_the_data_folder(admin_client):
    disks = section(admin_client.get("/dashboard").content.decode(), "Disk space")

    assert f"<code>{settings.DATA_DIR}</code>" in disks
