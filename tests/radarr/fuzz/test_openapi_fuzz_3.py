"""The OpenAPI fuzz (tests/radarr/fuzzing.py), part 3 of 4: no operation of this part answers 5xx."""

from tests.radarr.fuzzing import part_test

test_no_operation_answers_a_server_error = part_test(3)
