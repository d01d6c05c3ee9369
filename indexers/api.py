"""v3 endpoints: /indexer (+ schema, test, testall, bulk) and /config/indexer."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from indexers.definitions import (
    BulkChanges,
    build_indexer,
    bulk_edit_indexers,
    delete_indexers,
    indexer_input,
    save_indexer,
    test_indexer,
)
from indexers.models import Indexer, IndexerConfig
from indexers.options import indexer_options_input, save_indexer_options
from indexers.resources import indexer_config_resource, indexer_resource, indexer_schema
from radarr.api.auth import api_view
from radarr.api.bulk import bulk_ids, force_save_requested, provider_test_results, saved_row_for_test
from radarr.api.errors import ValidationFailed
from radarr.api.identity import row_or_404, row_to_save, saved_status
from radarr.api.params import optional_bool, optional_text, optional_whole_number
from radarr.api.responses import json_response, read_json_object
from radarr.providerediting import provider_tags


def _get(pk: int) -> Indexer:
    return row_or_404(Indexer.objects.for_resource(), "Indexer", pk)


def _save(request: HttpRequest, path_id: int | None) -> HttpResponse:
    force = force_save_requested(request)
    body = read_json_object(request)
    existing = row_to_save(request, Indexer.objects.for_resource(), "Indexer", path_id, body)
    indexer = save_indexer(indexer_input(body), existing, force=force)
    return json_response(indexer_resource(_get(indexer.pk)), status=saved_status(request))


@api_view("GET", "POST", "PUT")
def indexer_collection(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save(request, None)
    return json_response([indexer_resource(indexer) for indexer in Indexer.objects.for_resource()])


@api_view("GET", "PUT", "DELETE")
def indexer_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save(request, id)
    indexer = _get(id)
    if request.method == "DELETE":
        delete_indexers([indexer.pk])
        return HttpResponse(status=200)
    return json_response(indexer_resource(indexer))


@api_view("GET")
def indexer_schema_view(request: HttpRequest) -> HttpResponse:
    return json_response(indexer_schema())


@api_view("POST")
def indexer_test(request: HttpRequest) -> HttpResponse:
    """Test settings without saving; a saved indexer's masked secrets are filled from its row."""
    body = read_json_object(request)
    existing = saved_row_for_test(Indexer.objects.all(), body)
    data = indexer_input(body)
    data.name = data.name or "Test"
    indexer = build_indexer(data, existing, check_unique_name=False)  # nothing is saved
    failures = test_indexer(indexer)
    if failures:
        raise ValidationFailed(failures)
    return json_response({})


@api_view("POST")
def indexer_test_all(request: HttpRequest) -> HttpResponse:
    return json_response(provider_test_results(Indexer.objects.for_resource(), test_indexer))


@api_view("PUT", "DELETE")
def indexer_bulk(request: HttpRequest) -> HttpResponse:
    body = read_json_object(request)
    ids = bulk_ids(body)
    if request.method == "DELETE":
        delete_indexers(ids)
        return HttpResponse(status=200)
    changes = BulkChanges(
        enable_rss=optional_bool("enableRss", body.get("enableRss")),
        enable_automatic_search=optional_bool("enableAutomaticSearch", body.get("enableAutomaticSearch")),
        enable_interactive_search=optional_bool(
            "enableInteractiveSearch", body.get("enableInteractiveSearch")
        ),
        priority=optional_whole_number("priority", body.get("priority")),
        tag_ids=provider_tags(body.get("tags")),
        apply_tags=(optional_text("applyTags", body.get("applyTags")) or "add").lower(),
    )
    indexers = bulk_edit_indexers(ids, changes)
    return json_response([indexer_resource(indexer) for indexer in indexers], status=202)


@api_view("GET", "PUT")
def indexer_config(request: HttpRequest, id: int | None = None) -> HttpResponse:
    """config/indexer: one object; PUT with or without the id (pyarr sends none)."""
    config = IndexerConfig.load()
    if request.method == "PUT":
        body = read_json_object(request)
        config = save_indexer_options(indexer_options_input(body, config))
        return json_response(indexer_config_resource(config), status=202)
    return json_response(indexer_config_resource(config))


api_v3: list[URLPattern] = [
    path("indexer", indexer_collection),
    path("indexer/schema", indexer_schema_view),
    path("indexer/test", indexer_test),
    path("indexer/testall", indexer_test_all),
    path("indexer/bulk", indexer_bulk),
    path("indexer/<int:id>", indexer_detail),
    path("config/indexer", indexer_config),
    path("config/indexer/<int:id>", indexer_config),
]
