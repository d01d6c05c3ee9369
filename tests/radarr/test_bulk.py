from types import SimpleNamespace

import pytest

from radarr.api.bulk import bulk_ids, provider_test_results
from radarr.api.errors import ApiError, Failure


@pytest.mark.parametrize("body", [{}, {"ids": []}, {"ids": "1,2"}, {"ids": [1, "2"]}, {"ids": [True]}])
def test_a_bulk_body_without_a_list_of_whole_numbers_is_a_400(body):
    with pytest.raises(ApiError) as raised:
        bulk_ids(body)

    assert raised.value.status == 400


def test_bulk_ids_are_read_as_sent():
    assert bulk_ids({"ids": [3, 1]}) == [3, 1]


def test_testall_counts_warnings_as_valid_and_errors_as_not():
    rows = [SimpleNamespace(pk=1), SimpleNamespace(pk=2)]
    failures = {1: [Failure("host", "slow", severity="warning")], 2: [Failure("host", "down")]}

    results = provider_test_results(rows, lambda row: failures[row.pk])

    assert [(r["id"], r["isValid"], len(r["validationFailures"])) for r in results] == [
        (1, True, 1),
        (2, False, 1),
    ]
