"""IndexerRssCheck and IndexerSearchCheck: warn when nothing can grab or search by itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indexers.health import indexer_rss_check, indexer_search_check
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db


def test_no_indexers_at_all_warns_for_rss_and_search(api_client):
    sources = {issue["source"] for issue in api_client.get("/api/v3/health").json()}

    assert {"IndexerRssCheck", "IndexerSearchCheck"} <= sources


def test_an_indexer_with_rss_off_leaves_only_the_rss_warning():
    IndexerFactory(name="Search only", enable_rss=False)

    assert [issue.source for issue in indexer_rss_check()] == ["IndexerRssCheck"]
    assert indexer_search_check() == []


def test_every_rss_indexer_backed_off_is_reported_as_unavailable():
    IndexerFactory(name="Down", disabled_until=timezone.now() + timedelta(hours=1))

    (issue,) = indexer_rss_check()

    assert issue.level == "warning" and "unavailable" in issue.message


def test_one_working_indexer_clears_both_warnings():
    IndexerFactory(name="Down", disabled_until=timezone.now() + timedelta(hours=1))
    IndexerFactory(name="Fine")

    assert indexer_rss_check() == [] and indexer_search_check() == []
