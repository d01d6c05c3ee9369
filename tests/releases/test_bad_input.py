"""Custom formats with wrong JSON types are refused and not saved (issue 14, item 4)."""

import orjson
import pytest

from releases.models import CustomFormat

pytestmark = pytest.mark.django_db

_CONDITION = {
    "name": "x265",
    "implementation": "ReleaseTitleSpecification",
    "negate": False,
    "required": False,
}


@pytest.mark.parametrize(
    "specifications",
    [
        [{**_CONDITION, "fields": [{"name": {}, "value": "x265"}]}],  # was a 500: a dict as a field name
        [{**_CONDITION, "fields": {"value": "x265"}}, 5],  # was saved without the 5
        [{**_CONDITION, "fields": {"value": "x265"}, "negate": "yes"}],  # was saved as negate: true
    ],
)
def test_a_custom_format_whose_conditions_have_wrong_types_is_refused(api_client, specifications):
    body = {"name": "HEVC", "specifications": specifications}

    response = api_client.post("/api/v3/customformat", orjson.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"].startswith("specifications")
    assert not CustomFormat.objects.exists()
