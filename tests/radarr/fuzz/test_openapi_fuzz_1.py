"""The OpenAPI fuzz (tests/radarr/fuzzing.py), part 1 of 4: no operation of this part answers 5xx."""

from tests.radarr.fuzzing import PARTS, fuzz_schema, part_test, whole_schema

test_no_operation_answers_a_server_error = part_test(1)


def test_the_parts_fuzz_every_operation_once() -> None:
    labels = [operation.ok().label for operation in whole_schema().get_all_operations()]
    parts = [fuzz_schema(part) for part in range(1, PARTS + 1)]
    shared = [operation.ok().label for schema in parts for operation in schema.get_all_operations()]
    assert len(labels) > 250 and sorted(shared) == sorted(labels)
