"""Our OpenAPI document: valid OpenAPI 3, served without a key, and in step with the routes both ways."""

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, resolve

from radarr.api import urls as api_urls
from radarr.api.openapi import openapi_document
from radarr.api.openapi.notation import EXTENSION
from tests.factories import TagFactory
from tests.movies.factories import (
    CollectionFactory,
    ImportExclusionFactory,
    MovieFactory,
    MovieFileFactory,
    RootFolderFactory,
)
from tests.movies.test_openapi_shapes import problems
from tests.scenegroups.factories import SceneGroupFactory
from tests.shared import SHARED_DIR

schemathesis = pytest.importorskip("schemathesis")

# routed outside radarr/api/urls.py but part of the v3 API
RADARR_DOCUMENT = SHARED_DIR / "radarr-api" / "openapi.json"
_OUTSIDE_API_URLS = {"api", "feed/v3/calendar/radarr.ics"}
_SAMPLE_PATH_VALUES = {
    "{id}": "1",
    "{movieId}": "1",
    "{versionId}": "1",
    "{filename}": "x.txt",
    "{name}": "x",
}


def _concrete(path: str) -> str:
    for placeholder, value in _SAMPLE_PATH_VALUES.items():
        path = path.replace(placeholder, value)
    return path


def _routes(patterns: list, prefix: str = "") -> set[str]:
    """Each pattern's full route as ResolverMatch.route spells it (a regex loses its leading ^)."""
    routes = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern).removeprefix("^")
        if isinstance(pattern, URLResolver):
            routes |= _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.callback.__name__ != "not_found":
            routes.add(route)
    return routes


def _allowed_methods(api_client: Client, path: str) -> set[str]:
    """What the route answers, from the Allow header of a 405 to a method nobody routes."""
    response = api_client.generic("PATCH", _concrete(path))
    assert response.status_code == 405, path
    return {method.strip() for method in response["Allow"].split(",")} - {"HEAD"}


def test_the_document_is_valid_openapi_3():
    document = openapi_document()

    schemathesis.openapi.from_dict(document).validate()  # raises on any violation of the 3.0 schema

    assert document["openapi"].startswith("3.")


def test_every_v3_route_is_in_the_document():
    documented = {resolve(_concrete(path)).route for path in openapi_document()["paths"]}

    assert _routes(api_urls.urlpatterns, "api/") - documented == set()
    assert documented - _routes(api_urls.urlpatterns, "api/") == _OUTSIDE_API_URLS


@pytest.mark.django_db
def test_every_method_a_route_answers_is_documented_and_no_other(api_client):
    for path, operations in openapi_document()["paths"].items():
        documented = {method.upper() for method in operations}

        assert _allowed_methods(api_client, path) == documented, path


@pytest.mark.django_db
def test_the_document_is_served_without_a_key_or_a_login(client):
    response = client.get("/docs/v3/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(openapi_document()))


def test_our_own_operations_and_properties_are_marked_as_extensions():
    document = openapi_document()
    scene_groups = document["paths"]["/api/v3/scenegroup/{name}"]
    profile = document["components"]["schemas"]["QualityProfileResource"]["properties"]

    assert scene_groups["get"][EXTENSION] is True and scene_groups["put"][EXTENSION] is True
    assert profile["sceneGroupReputationPoints"][EXTENSION] is True
    assert EXTENSION not in profile["cutoff"]


@pytest.mark.skipif(not RADARR_DOCUMENT.is_file(), reason=f"Radarr's document {RADARR_DOCUMENT} is absent")
def test_every_property_radarr_lacks_is_marked_as_ours():
    radarr = json.loads(RADARR_DOCUMENT.read_text())["components"]["schemas"]
    ours = openapi_document()["components"]["schemas"]

    unmarked = [
        f"{name}.{prop}"
        for name, schema in ours.items()
        if name in radarr
        for prop, declared in schema.get("properties", {}).items()
        if prop not in radarr[name].get("properties", {}) and not declared.get(EXTENSION)
    ]

    assert unmarked == []


@pytest.fixture
def library(tmp_path):
    """A little of everything the list endpoints show."""
    tag = TagFactory()
    collection = CollectionFactory(parts=[{"tmdbId": 1, "title": "Part", "year": 2001, "status": "released"}])
    movie = MovieFactory(tags=[tag], collection=collection, add_options={"monitor": "none"})
    movie.alternative_titles.create(title="Another", clean_title="another")
    MovieFileFactory(movie=movie, scene_name="Scene.Name", media_info={"videoCodec": "x264"})
    ImportExclusionFactory()
    (tmp_path / "Unmapped (2020)").mkdir()
    RootFolderFactory(path=str(tmp_path))
    SceneGroupFactory(name="FraMeSToR", pinned_score=85, pin_note="Remuxes only")
    return movie


# each needs one of two optional parameters (a folder or a download; a movie or file ids)
_ONE_OF_TWO_REQUIRED = {"/api/v3/manualimport", "/api/v3/moviefile"}


def _plain_gets() -> list[str]:
    """GET operations that need no path or required query parameter and answer JSON."""
    return [
        path
        for path, operations in openapi_document()["paths"].items()
        if "get" in operations
        and "{" not in path
        and path not in _ONE_OF_TWO_REQUIRED
        and not any(parameter.get("required") for parameter in operations["get"].get("parameters", []))
        and "application/json" in operations["get"]["responses"].get("200", {}).get("content", {})
    ]


# item endpoints, with the library fixture's rows
_ITEMS = {
    "/api/v3/movie/{id}": "/api/v3/movie/{movie}",
    "/api/v3/scenegroup/{name}": "/api/v3/scenegroup/framestor",
    "/api/v3/qualityprofile/{id}": "/api/v3/qualityprofile/{profile}",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", _plain_gets() + list(_ITEMS))
def test_what_each_list_settings_and_item_endpoint_answers_fits_the_document(api_client, library, path):
    document = openapi_document()
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    url = _ITEMS.get(path, path).format(movie=library.pk, profile=library.quality_profile_id)

    response = api_client.get(url)

    assert response.status_code == 200
    assert problems(response.json(), schema, document["components"]["schemas"]) == []
