"""Every library endpoint answers in the shapes of Radarr's openapi.json.

A small validator walks each response against the named schema: every property we send must be
declared there, with the declared JSON type and, for enums, one of the listed values (Recyclarr's
generated client throws on anything else). The only properties allowed beyond Radarr's are those our own
document marks as extensions (the movie's `versions`). The spec lives in the team's shared folder; a
hand-written check of the properties clients read runs without it.
"""

import json
from typing import Any

import pytest

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
from tests.shared import SHARED_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

SPEC = SHARED_DIR / "radarr-api" / "openapi.json"
_TYPES = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def problems(value: Any, schema: dict, schemas: dict, where: str = "$") -> list[str]:
    """Why `value` does not fit `schema` (empty when it does)."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    if value is None:
        return [] if schema.get("nullable") else [f"{where} is null"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} is not one of {schema['enum']}"]
    kind = schema.get("type", "object" if "properties" in schema else None)
    if kind and not _TYPES[kind](value):
        return [f"{where}: {value!r} is not {kind}"]
    found: list[str] = []
    if kind == "array":
        for index, item in enumerate(value):
            found += problems(item, schema.get("items", {}), schemas, f"{where}[{index}]")
    if kind == "object" and "properties" in schema:
        for key, item in value.items():
            if key not in schema["properties"]:
                found.append(f"{where}.{key} is not in the schema")
            else:
                found += problems(item, schema["properties"][key], schemas, f"{where}.{key}")
    return found


@pytest.fixture
def schemas() -> dict:
    if not SPEC.exists():
        pytest.skip(f"{SPEC} is absent (a user's clone has no shared folder)")
    return with_our_extensions(json.loads(SPEC.read_text())["components"]["schemas"])


def with_our_extensions(radarr: dict) -> dict:
    """Radarr's schemas plus what our document marks as ours: extension properties of Radarr's
    resources and the resources Radarr lacks. Nothing else of ours is let through."""
    merged = dict(radarr)
    for name, schema in openapi_document()["components"]["schemas"].items():
        if schema.get(EXTENSION):
            merged.setdefault(name, schema)
            continue
        extras = {key: value for key, value in schema.get("properties", {}).items() if value.get(EXTENSION)}
        if extras and name in radarr:
            merged[name] = radarr[name] | {"properties": radarr[name].get("properties", {}) | extras}
    return merged


@pytest.fixture
def library(tmp_path):
    tag = TagFactory()
    collection = CollectionFactory(parts=[{"tmdbId": 1, "title": "Part", "year": 2001, "status": "released"}])
    movie = MovieFactory(
        tags=[tag], collection=collection, secondary_year=2011, add_options={"monitor": "none"}
    )
    movie.alternative_titles.create(title="Another", clean_title="another")
    MovieFileFactory(movie=movie, scene_name="Scene.Name", media_info={"videoCodec": "x264"})
    MovieFactory(title="Plain")
    ImportExclusionFactory()
    (tmp_path / "Unmapped (2020)").mkdir()
    RootFolderFactory(path=str(tmp_path))
    return movie


ENDPOINTS = [
    ("/api/v3/movie", "MovieResource", True),
    ("/api/v3/movie/{movie}", "MovieResource", False),
    ("/api/v3/rootfolder", "RootFolderResource", True),
    ("/api/v3/tag", "TagResource", True),
    ("/api/v3/tag/detail", "TagDetailsResource", True),
    ("/api/v3/collection", "CollectionResource", True),
    ("/api/v3/exclusions", "ImportListExclusionResource", True),
    ("/api/v3/exclusions/paged", "ImportListExclusionResourcePagingResource", False),
]


@pytest.mark.parametrize(("url", "schema", "is_list"), ENDPOINTS)
def test_responses_fit_radarrs_schemas(api_client, library, schemas, url, schema, is_list):
    body = api_client.get(url.format(movie=library.pk)).json()

    items = body if is_list else [body]
    assert items
    assert [problem for item in items for problem in problems(item, schemas[schema], schemas)] == []


@pytest.mark.parametrize(
    "url", ["/api/v3/movie/lookup?term=the matrix", "/api/v3/movie/lookup?term=tmdb:603"]
)
def test_lookup_results_fit_the_movie_schema(api_client, fake_tmdb, schemas, url):
    MovieFactory(tmdb_id=603)

    body = api_client.get(url).json()

    assert body
    assert [problem for item in body for problem in problems(item, schemas["MovieResource"], schemas)] == []


def test_the_validator_catches_an_undeclared_property_and_a_wrong_enum(schemas):
    found = problems({"id": 1, "status": "streaming", "color": "red"}, schemas["MovieResource"], schemas)

    assert len(found) == 2


# The properties the clients read (research-api-clients.md), checked without the shared spec.
CLIENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": int, "title": str, "originalTitle": str, "sortTitle": str, "tmdbId": int, "imdbId": str,
    "year": int, "overview": str, "monitored": bool, "hasFile": bool, "isAvailable": bool, "sizeOnDisk": int,
    "titleSlug": str, "path": str, "folder": str, "rootFolderPath": str, "qualityProfileId": int,
    "minimumAvailability": str, "status": str, "tags": list, "images": list, "alternateTitles": list,
    "genres": list, "ratings": dict, "statistics": dict, "added": str, "digitalRelease": str,
    "physicalRelease": str, "inCinemas": str, "movieFile": dict, "popularity": (int, float),
}  # fmt: skip


def test_the_fields_clients_read_are_there_with_their_types(api_client, library):
    movie = api_client.get(f"/api/v3/movie/{library.pk}").json()

    wrong = {
        key: movie.get(key) for key, kind in CLIENT_FIELDS.items() if not isinstance(movie.get(key), kind)
    }
    assert wrong == {}
    assert movie["images"][0].keys() == {"coverType", "url", "remoteUrl"}
    assert movie["movieFile"]["quality"]["quality"]["name"] and movie["movieFile"]["languages"][0]["name"]
