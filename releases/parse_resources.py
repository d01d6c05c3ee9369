"""Parser results in Radarr's v3 shapes (GET /api/v3/parse and `manage.py parse_release`).

Values Radarr leaves empty are None here; the API drops them, the command prints them as null.
"""

from typing import Any

from releases.languages import Language
from releases.parser import ParsedMovieInfo
from releases.qualities import QualityModel
from releases.resources import language_resource, quality_resource


def quality_model_resource(model: QualityModel) -> dict[str, Any]:
    revision = model.revision
    return {
        "quality": quality_resource(model.quality),
        "revision": {"version": revision.version, "real": revision.real, "isRepack": revision.is_repack},
    }


def language_resources(languages: list[Language]) -> list[dict[str, Any]]:
    return [language_resource(language) for language in languages]


def parsed_movie_info_resource(info: ParsedMovieInfo) -> dict[str, Any]:
    """Radarr's ParsedMovieInfo: what the title says, before any movie is matched."""
    return {
        "movieTitles": info.movie_titles,
        "originalTitle": info.original_title,
        "releaseTitle": info.release_title,
        "simpleReleaseTitle": info.simple_release_title,
        "quality": quality_model_resource(info.quality),
        "languages": language_resources(info.languages),
        "releaseGroup": info.release_group,
        "releaseHash": info.release_hash,
        "edition": info.edition,
        "year": info.year,
        "imdbId": info.imdb_id,
        "tmdbId": info.tmdb_id or 0,
        "hardcodedSubs": info.hardcoded_subs,
        "movieTitle": info.primary_movie_title,
        "primaryMovieTitle": info.primary_movie_title,
    }
