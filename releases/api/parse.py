"""GET /api/v3/parse?title=: what a release title says."""

from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.module_loading import import_string

from radarr.api.auth import api_view
from radarr.api.responses import json_response
from releases.api.customformats import custom_format_resource
from releases.customformats import compile_formats, format_input_from_parsed, matching_formats
from releases.models import CustomFormat, ProfileFormatScore
from releases.parse_resources import language_resources, parsed_movie_info_resource
from releases.parser import ParsedMovieInfo, parse_movie_title


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
    resource = {
        "title": title,
        "parsedMovieInfo": parsed_movie_info_resource(info),
        "languages": language_resources(info.languages),
        "customFormats": [custom_format_resource(rows[fmt.id]) for fmt in matched],
        "customFormatScore": 0,  # without a library movie there is no profile to score with
    }
    if found := _library_movie(title, info):  # the movie the title names, scored by its profile
        resource["movie"], profile_id = found
        scores = ProfileFormatScore.objects.filter(
            profile_id=profile_id, custom_format_id__in=[f.id for f in matched]
        )
        resource["customFormatScore"] = scores.aggregate(total=Sum("score"))["total"] or 0
    return json_response(resource)


def _library_movie(title: str, info: ParsedMovieInfo) -> tuple[dict[str, Any], int] | None:
    matcher = getattr(settings, "RADARR_PARSE_MOVIE", "")
    return import_string(matcher)(title, info) if matcher else None


api_v3 = [path("parse", parse)]
