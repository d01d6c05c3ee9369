"""v3 endpoints: /indexer (+ schema, test, testall, bulk: the shared provider views) and /config/indexer."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from indexers.editing import INDEXERS
from indexers.models import IndexerConfig
from indexers.options import indexer_options_input, save_indexer_options
from indexers.resources import indexer_config_resource
from radarr.api.auth import api_view
from radarr.api.providers import provider_api_urls
from radarr.api.responses import json_response, read_json_object


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
    *provider_api_urls(INDEXERS, "indexer"),
    path("config/indexer", indexer_config),
    path("config/indexer/<int:id>", indexer_config),
]
