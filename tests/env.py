"""Loaded with `-p tests.env` before Django's settings: a throwaway data folder and the network guard."""

import os
import tempfile

from tests.network_guard import install_network_guard

# A user's own instance settings must never reach the tests (their data folder least of all).
for name in list(os.environ):
    if name.startswith("RADARR_") and name != "RADARR_SHARED_DIR":
        del os.environ[name]
os.environ["RADARR_DATA_DIR"] = tempfile.mkdtemp(prefix="radarr-test-data-")
os.environ["RADARR_TMDB_URL"] = "http://127.0.0.1:9/tmdb-is-not-reachable-in-tests"
# Playwright's sync API runs an event loop in the test thread; the ORM is only used between its calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
install_network_guard()
