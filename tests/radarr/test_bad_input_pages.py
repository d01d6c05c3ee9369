"""No page answers 500 to junk in its form (issue 14, item 4): every routed page is opened, the names of
its inputs read from the HTML, and the form posted back with each junk value in every input."""

import re
from collections.abc import Iterator

import pytest
from django.urls import URLResolver

from radarr import urls as root_urls
from tests.factories import TagFactory
from tests.movies.factories import (
    CollectionFactory,
    ImportExclusionFactory,
    MovieFactory,
    MovieFileFactory,
    RootFolderFactory,
)

pytestmark = pytest.mark.django_db

# "²" passes str.isdigit() but not int(); the long number overflows any column; NUL is refused by PostgreSQL
JUNK = ["²", "99999999999999999999999", "-1", "a\x00b", "1e309", "", "NaN", "[]"]
_SKIPPED = ("api/", "admin/", "feed/", "logout")  # the API has its own fuzzer; logout ends the session


def _page_routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(_SKIPPED):
            continue
        if isinstance(pattern, URLResolver):
            yield from _page_routes(pattern.url_patterns, route)
        elif "(" not in route:  # a regex route has no sample URL; every page route is a path()
            yield route


def _sample_url(route: str) -> str:
    return "/" + re.sub(r"<(\w+:)?\w+>", lambda match: "1" if match.group(1) == "int:" else "x", route)


@pytest.fixture
def library(tmp_path):
    movie = MovieFactory(tmdb_id=1, tags=[TagFactory()])
    MovieFileFactory(movie=movie)
    CollectionFactory()
    RootFolderFactory(path=str(tmp_path))
    ImportExclusionFactory()


@pytest.mark.usefixtures("library")
def test_no_page_answers_a_server_error_to_junk_in_its_form(admin_client):
    admin_client.raise_request_exception = False  # collect every 500, not only the first
    failures = []
    for url in sorted({_sample_url(route) for route in _page_routes(root_urls.urlpatterns)}):
        page = admin_client.get(url)
        html = page.content.decode(errors="replace") if page.status_code == 200 else ""
        names = set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"}
        failures += [("GET", url, "", page.status_code)] if page.status_code >= 500 else []
        for junk in JUNK:
            status = admin_client.post(url, dict.fromkeys(sorted(names), junk)).status_code
            failures += [("POST", url, junk, status)] if status >= 500 else []

    assert failures == []


@pytest.mark.parametrize(
    "url",
    [
        "/?search=²",  # str.isdigit() passed it to int()
        "/movie/the-matrix-²",
        "/import?root=²",
        "/calendar?tag=²",
        "/api/v3/calendar?tags=²",
    ],
)
def test_a_digit_that_is_not_ascii_in_a_query_or_path_is_no_server_error(admin_client, api_client, url):
    client = api_client if url.startswith("/api") else admin_client

    response = client.get(url)

    assert response.status_code < 500


@pytest.mark.parametrize("action", ["remove-7", "remove-²"])
def test_removing_a_condition_the_custom_format_editor_does_not_have_is_no_server_error(admin_client, action):
    response = admin_client.post("/settings/customformats/new", {"name": "HEVC", "action": action})

    assert response.status_code < 500
