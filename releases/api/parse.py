"""GET /api/v3/parse?title=: what a release title says."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from radarr.api.auth import api_view
from radarr.api.errors import invalid
from radarr.api.responses import json_response
from releases.parse_resources import language_resources, parsed_movie_info_resource
from releases.parser import parse_movie_title


@api_view("GET")
def parse(request: HttpRequest) -> HttpResponse:
    title = (request.query.get("title") or "").strip()
    if not title:
        raise invalid("title", "A release title is required", title)
    info = parse_movie_title(title)
    if info is None:  # Radarr answers with just the title when nothing parses
        return json_response({"title": title})
    return json_response(
        {
            "title": title,
            "parsedMovieInfo": parsed_movie_info_resource(info),
            "languages": language_resources(info.languages),
            "customFormats": [],
            "customFormatScore": 0,
        }
    )


api_v3 = [path("parse", parse)]
