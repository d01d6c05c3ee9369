"""`{% movie_files movie %}`: the movie page's Files section, drawn by the app that knows media info."""

from typing import Any

from django import template

from imports.views_moviefiles import file_rows
from movies.models import Movie

register = template.Library()


@register.inclusion_tag("imports/movie_files.html#files", takes_context=True)
def movie_files(context: template.Context, movie: Movie) -> dict[str, Any]:
    return {
        "movie": movie,
        "rows": file_rows(movie),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
