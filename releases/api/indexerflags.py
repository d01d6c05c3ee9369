"""GET /api/v3/indexerflag: the flags a release can carry (freeleech, internal...), by their bits."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from radarr.api.auth import api_view
from radarr.api.responses import json_response
from releases.customformats.specifications import INDEXER_FLAGS


@api_view("GET")
def indexer_flags(request: HttpRequest) -> HttpResponse:
    """Radarr's IndexerFlagResource list, obsolete flags left out as Radarr does."""
    return json_response(
        [{"id": bit, "name": name, "nameLower": name.lower()} for bit, name in INDEXER_FLAGS.items()]
    )


api_v3 = [path("indexerflag", indexer_flags)]
