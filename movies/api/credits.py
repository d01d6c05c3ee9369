"""GET /api/v3/credit: cast and crew from TMDB, of one movie (movieId or movieMetadataId) or all."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from movies.models import Credit
from radarr.api.auth import api_view
from radarr.api.identity import row_or_404
from radarr.api.responses import json_response


def credit_resource(credit: Credit) -> dict[str, Any]:
    """Radarr's CreditResource; our Movie row holds its metadata, so movieMetadataId is the movie's id."""
    return {
        "id": credit.pk,
        "personName": credit.name,
        "creditTmdbId": credit.credit_tmdb_id,
        "personTmdbId": credit.person_tmdb_id,
        "movieMetadataId": credit.movie_id,
        "images": [{**image, "url": image.get("remoteUrl", "")} for image in credit.images],
        "department": credit.department,
        "job": credit.job,
        "character": credit.character,
        "order": credit.order,
        "type": credit.type,
    }


@api_view("GET")
def credit_collection(request: HttpRequest) -> HttpResponse:
    credits = Credit.objects.all()
    movie_id = request.query.get_int("movieMetadataId") or request.query.get_int("movieId")  # type: ignore[attr-defined]
    if movie_id is not None:
        credits = credits.filter(movie_id=movie_id)
    return json_response([credit_resource(credit) for credit in credits])


@api_view("GET")
def credit_item(request: HttpRequest, id: int) -> HttpResponse:
    return json_response(credit_resource(row_or_404(Credit.objects.all(), "Credit", id)))


api_v3 = [path("credit", credit_collection), path("credit/<int:id>", credit_item)]
