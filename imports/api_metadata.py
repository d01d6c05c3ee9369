"""v3 metadata consumers: `/metadata` CRUD, schema, test and testall (the shared provider views, no
bulk: Radarr has none for them) and `config/metadata`."""

from django.http import HttpRequest, HttpResponse
from django.urls import re_path

from imports.metadataediting import METADATA, metadata_config_resource, save_metadata_config
from movies.models import MetadataConfig
from radarr.api.auth import api_view
from radarr.api.providers import provider_api_urls
from radarr.api.responses import json_response, read_json_object


@api_view("GET", "PUT")
def metadata_config(request: HttpRequest, id: str | None = None) -> HttpResponse:
    """config/metadata and config/metadata/{id}: one object (id 1); a PUT answers 202."""
    if request.method == "PUT":
        return json_response(
            metadata_config_resource(save_metadata_config(read_json_object(request))), status=202
        )
    return json_response(metadata_config_resource(MetadataConfig.load()))


api_v3 = [
    *provider_api_urls(METADATA, "metadata", bulk=False),
    re_path(r"^config/metadata(?:/(?P<id>[0-9]+))?$", metadata_config),
]
