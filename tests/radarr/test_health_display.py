"""Health on System → Status and /api/v3/health: each problem with its message and where to read the fix."""

import pytest

from radarr.models import HealthRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapping_problem() -> HealthRecord:
    return HealthRecord.objects.create(
        source="RemotePathMappingCheck",
        level="error",
        message="SAB reports its download folder at /downloads, which is not here. How to fix: map it",
        wiki_url="https://wiki.servarr.com/radarr/system#bad-remote-path-mapping",
        check_path="downloads.health.remote_path_mapping_check",
    )


def test_the_status_page_shows_the_message_and_a_how_to_fix_link(admin_client, mapping_problem):
    html = admin_client.get("/system/status").content.decode()

    assert "<strong>Remote path mappings</strong> SAB reports its download folder at /downloads" in html
    assert '<a href="https://wiki.servarr.com/radarr/system#bad-remote-path-mapping"' in html


def test_the_api_lists_it_with_radarrs_fields(api_client, mapping_problem):
    issues = api_client.get("/api/v3/health").json()

    (issue,) = [issue for issue in issues if issue["source"] == "RemotePathMappingCheck"]
    assert issue["type"] == "error" and "How to fix" in issue["message"]
    assert issue["wikiUrl"] == "https://wiki.servarr.com/radarr/system#bad-remote-path-mapping"
