"""TMDB search results in Radarr's MovieResource shape: the library's own resource when the movie is
there, else a resource with id 0 that a client can POST to /api/v3/movie to add it.
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from movies.availability import is_available_on, release_date
from movies.metadata import MovieMetadata
from movies.models import Movie
from movies.resources import movie_resource
from movies.resourcevalues import date_text, image_resources, language_resource
from movies.titles import clean_title

_EPOCH_TEXT = "0001-01-01T00:00:00Z"  # what Radarr writes for a lookup result's `added`


# ---- lookup results


def movie_lookup_resource(
    metadata: MovieMetadata, existing: Movie | None, namer: Callable[[Any], str]
) -> dict[str, Any]:
    """A TMDB search result: the library's own resource (real id) when the movie is there, else id 0.
    `namer` (movies.folders.new_movie_folder_namer) names its folder, one namer for a list of results."""
    poster = next(
        (image["remoteUrl"] for image in metadata.images if image.get("coverType") == "poster"), None
    )
    if existing is not None:
        resource = movie_resource(existing)
        if poster:
            resource["remotePoster"] = poster
        return resource
    released = release_date(metadata.in_cinemas, metadata.digital_release, metadata.physical_release)
    resource: dict[str, Any] = {
        "id": 0,
        "title": metadata.title,
        "originalTitle": metadata.original_title or metadata.title,
        "originalLanguage": language_resource(metadata.original_language_id),
        "alternateTitles": [
            {"sourceType": "tmdb", "movieMetadataId": 0, "title": title, "cleanTitle": clean_title(title)}
            for title in metadata.alternative_titles
        ],
        "secondaryYear": metadata.secondary_year,
        "secondaryYearSourceId": 0,
        "sortTitle": metadata.sort_title,
        "sizeOnDisk": 0,
        "status": metadata.status,
        "overview": metadata.overview,
        "inCinemas": date_text(metadata.in_cinemas),
        "physicalRelease": date_text(metadata.physical_release),
        "digitalRelease": date_text(metadata.digital_release),
        "releaseDate": date_text(released),
        "images": image_resources(0, list(metadata.images), local=False),
        "website": metadata.website,
        "remotePoster": poster,
        "year": metadata.year,
        "youTubeTrailerId": metadata.youtube_trailer_id,
        "studio": metadata.studio,
        "qualityProfileId": 0,
        "hasFile": False,
        "movieFileId": 0,
        "monitored": False,
        "minimumAvailability": "released",
        "isAvailable": is_available_on(
            "released",
            metadata.status,
            metadata.in_cinemas,
            metadata.digital_release,
            metadata.physical_release,
            timezone.localdate(),
        ),
        "runtime": metadata.runtime,
        "cleanTitle": metadata.clean_title,
        "imdbId": metadata.imdb_id or None,
        "tmdbId": metadata.tmdb_id,
        "titleSlug": str(metadata.tmdb_id),
        "folder": namer(metadata),
        "certification": metadata.certification,
        "genres": list(metadata.genres),
        "keywords": list(metadata.keywords),
        "tags": [],
        "added": _EPOCH_TEXT,
        "ratings": dict(metadata.ratings),
        "collection": (
            {"title": metadata.collection.title, "tmdbId": metadata.collection.tmdb_id}
            if metadata.collection
            else None
        ),
        "popularity": metadata.popularity,
        "statistics": {"movieFileCount": 0, "sizeOnDisk": 0, "releaseGroups": []},
    }
    return {key: value for key, value in resource.items() if value is not None}
