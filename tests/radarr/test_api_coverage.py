"""Every operation of Radarr's v3 document has a route here, answering that method.

The figures are printed (`pytest -s`): how many of Radarr's operations are routed, and which are not.
"""

import json
import re

import pytest
from django.urls import Resolver404, resolve

from tests.shared import SHARED_DIR

RADARR_DOCUMENT = SHARED_DIR / "radarr-api" / "openapi.json"
_ABSENT = f"Radarr's document {RADARR_DOCUMENT} is absent"
pytestmark = [pytest.mark.django_db, pytest.mark.skipif(not RADARR_DOCUMENT.is_file(), reason=_ABSENT)]

# Radarr's single-page app and its static files: our UI is served by Django's own pages
_USER_INTERFACE = {("GET", "/content/{path}"), ("GET", "/{path}")}
# other helpers' parts of issue 17, being written at the same time (the lead removes these after merging)
_METHODS = ("get", "post", "put", "delete", "patch")


def _radarr_operations() -> list[tuple[str, str]]:
    paths = json.loads(RADARR_DOCUMENT.read_text())["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item if method in _METHODS]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _answers(api_client, method: str, path: str) -> bool:
    """Whether a route here takes `method` on `path` (a 405's Allow header lists what it takes)."""
    url = _concrete(path)
    try:
        match = resolve(url.lower())
    except Resolver404:
        return False
    if match.func.__name__ == "not_found":
        return False
    response = api_client.generic("PATCH" if method != "PATCH" else "TRACE", url)
    if response.status_code != 405:
        return True
    return method in {allowed.strip() for allowed in response["Allow"].split(",")}


def test_every_operation_of_radarrs_document_has_a_route(api_client):
    operations = _radarr_operations()
    ours_to_check = [(method, path) for method, path in operations if (method, path) not in _USER_INTERFACE]

    missing = [f"{method} {path}" for method, path in ours_to_check if not _answers(api_client, method, path)]

    print(f"\nRadarr's operations: {len(operations)}; checked here: {len(ours_to_check)}; "
          f"without a route: {len(missing)}")  # fmt: skip
    print("\n".join(missing))
    assert missing == []
