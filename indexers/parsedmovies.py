"""The library movie a release title names, for GET /api/v3/parse (Radarr's parsing service maps the
parsed title the same way as an RSS release: ids written in the title, then title and year).

`releases` owns the parse endpoint but cannot read the library; settings.RADARR_PARSE_MOVIE names this
function, as the composition root does for other right-hand functions."""

from typing import Any

from django.utils import timezone

from indexers.matching import LibraryIndex
from movies.models import Movie
from movies.resources import movie_resources
from releases.parser import ParsedMovieInfo
from releases.releaseinfo import ReleaseInfo


def parsed_movie(title: str, parsed: ParsedMovieInfo) -> tuple[dict[str, Any], int] | None:
    """(the movie's MovieResource, its quality profile id), or None when no library movie fits."""
    release = ReleaseInfo(guid="", title=title, size=0, protocol="unknown", publish_date=timezone.now())
    movie_id = LibraryIndex.for_release(release, parsed).match(release, parsed)
    if movie_id is None:
        return None
    found = movie_resources(Movie.objects.filter(pk=movie_id))
    return (found[0], found[0]["qualityProfileId"]) if found else None
