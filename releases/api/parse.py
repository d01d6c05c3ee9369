"""GET /api/v3/parse?title=: what a release title says."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from radarr.api.auth import api_view
from radarr.api.responses import json_response
from releases.api.customformats import custom_format_resource
from releases.customformats import compile_formats, format_input_from_parsed, matching_formats
from releases.models import CustomFormat
from releases.parse_resources import language_resources, parsed_movie_info_resource
from releases.parser import parse_movie_title


@api_view("GET")
def parse(request: HttpRequest) -> HttpResponse:
    title = (request.query.get("title") or "").strip()
    if not title:  # Radarr answers no resource at all; clients read an empty one
        return json_response({})
    info = parse_movie_title(title)
    if info is None:  # Radarr answers with just the title when nothing parses
        return json_response({"title": title})
    rows = {row.pk: row for row in CustomFormat.objects.all()}
    matched = matching_formats(compile_formats(rows.values()), format_input_from_parsed(info))
    return json_response(
        {
            "title": title,
            "parsedMovieInfo": parsed_movie_info_resource(info),
            "languages": language_resources(info.languages),
            "customFormats": [custom_format_resource(rows[fmt.id]) for fmt in matched],
            # the score is the matched movie's profile's; movies are matched once the library exists (#3)
            "customFormatScore": 0,
        }
    )


api_v3 = [path("parse", parse)]
