"""The OpenAPI fuzz (tests/radarr/fuzzing.py), part 1 of 4: no operation of this part answers 5xx."""

from typing import Any

from tests.radarr.fuzzing import (  # noqa: F401 - the fixtures this module's fuzz uses
    FUZZ_SETTINGS,
    PARTS,
    fuzz_database,
    fuzz_root,
    fuzz_schema,
    fuzz_server,
    offline_names,
    send_case,
    whole_schema,
)

schema = fuzz_schema(1)


@schema.parametrize()
@FUZZ_SETTINGS
def test_no_operation_answers_a_server_error(case: Any, fuzz_server: str, fuzz_root: Any) -> None:  # noqa: F811
    send_case(case, fuzz_server, fuzz_root)


def test_the_parts_fuzz_every_operation_once() -> None:
    labels = [operation.ok().label for operation in whole_schema().get_all_operations()]
    parts = [fuzz_schema(part) for part in range(1, PARTS + 1)]
    shared = [operation.ok().label for schema in parts for operation in schema.get_all_operations()]
    assert len(labels) > 250 and sorted(shared) == sorted(labels)
