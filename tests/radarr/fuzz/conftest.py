"""The fixtures of the OpenAPI fuzz's parts, from tests/radarr/fuzzing.py."""

from tests.radarr.fuzzing import fuzz_database, fuzz_root, fuzz_server, offline_names  # noqa: F401
