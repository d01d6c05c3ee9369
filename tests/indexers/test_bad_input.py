"""Indexer settings with wrong JSON types are refused and not saved (issue 14, item 4)."""

import pytest

from indexers.models import IndexerConfig

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        (b'{"minimumAge": 18446744073709551616}', "minimumAge"),  # read as a float; echoing it was a 500
        (b'{"retention": 1099511627776}', "retention"),  # past the int32 column
        (b'{"retention": 2.5}', "retention"),
        (b'{"preferIndexerFlags": "no"}', "preferIndexerFlags"),  # was stored as true
        (b'{"whitelistedHardcodedSubs": ["a"]}', "whitelistedHardcodedSubs"),  # was stored as "['a']"
    ],
)
def test_indexer_options_with_wrong_types_are_refused_and_not_saved(api_client, body, wrong):
    before = IndexerConfig.load()

    response = api_client.put("/api/v3/config/indexer", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == wrong
    after = IndexerConfig.load()
    assert (after.retention, after.prefer_indexer_flags) == (before.retention, before.prefer_indexer_flags)
