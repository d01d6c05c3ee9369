"""Decisions in Radarr's v3 ReleaseResource shape (GET /release, POST /release/push)."""

from datetime import datetime
from typing import Any

from releases.api.customformats import custom_format_resource
from releases.decisions.engine import Decision
from releases.languages import LANGUAGES_BY_ID
from releases.models import CustomFormat
from releases.parse_resources import language_resources, quality_model_resource
from releases.qualities import UNKNOWN, QualityModel


def formats_by_id() -> dict[int, CustomFormat]:
    """The custom formats a batch of resources names, read once."""
    return {custom_format.pk: custom_format for custom_format in CustomFormat.objects.all()}


def _imdb_number(value: str | None) -> int:
    digits = (value or "").lower().removeprefix("tt")
    return int(digits) if digits.isdigit() else 0


def release_resource(
    decision: Decision, now: datetime, formats: dict[int, CustomFormat], weight: int = 0
) -> dict[str, Any]:
    """One decided release; `weight` is its place in the ranking (Radarr's releaseWeight)."""
    release, parsed, candidate = decision.release, decision.parsed, decision.candidate
    age_minutes = release.age_minutes(now)
    quality = parsed.quality if parsed else QualityModel(UNKNOWN)
    languages = candidate_languages(decision)
    custom_formats = []
    if candidate is not None:
        custom_formats = [
            custom_format_resource(formats[i]) for i, _ in candidate.matched_formats if i in formats
        ]
    return {
        "guid": release.guid,
        "quality": quality_model_resource(quality),
        "customFormats": custom_formats,
        "customFormatScore": candidate.format_score if candidate else 0,
        "qualityWeight": _quality_weight(decision),
        "age": int(age_minutes // (24 * 60)),
        "ageHours": age_minutes / 60,
        "ageMinutes": age_minutes,
        "size": release.size,
        "indexerId": release.indexer_id,
        "indexer": release.indexer,
        "releaseGroup": parsed.release_group if parsed else None,
        "releaseHash": parsed.release_hash if parsed else None,
        "title": release.title,
        "sceneSource": False,
        "movieTitles": parsed.movie_titles if parsed else [],
        "languages": languages,
        "mappedMovieId": candidate.movie.id if candidate else None,
        "approved": decision.approved,
        "temporarilyRejected": decision.temporarily_rejected,
        "rejected": decision.rejected,
        "tmdbId": release.tmdb_id or (parsed.tmdb_id if parsed and parsed.tmdb_id else 0),
        "imdbId": _imdb_number(release.imdb_id or (parsed.imdb_id if parsed else "")),
        "rejections": [rejection.message for rejection in decision.rejections],
        "publishDate": release.publish_date,
        "commentUrl": release.info_url or None,
        "downloadUrl": release.download_url or None,
        "infoUrl": release.info_url or None,
        "movieRequested": candidate is not None and candidate.search is not None,
        "downloadAllowed": candidate is not None,
        "releaseWeight": weight,
        "edition": parsed.edition if parsed else None,
        "magnetUrl": release.magnet_url or None,
        "infoHash": release.info_hash or None,
        "seeders": release.seeders if release.protocol == "torrent" else None,
        "leechers": release.leechers if release.protocol == "torrent" else None,
        "protocol": release.protocol,
        "indexerFlags": release.indexer_flags,
        "movieId": candidate.movie.id if candidate else None,
    }


def candidate_languages(decision: Decision) -> list[dict[str, Any]]:
    """The languages the decision used (the movie's original when the title names none)."""
    if decision.candidate is not None:
        return language_resources(
            [LANGUAGES_BY_ID[i] for i in decision.candidate.languages if i in LANGUAGES_BY_ID]
        )
    return language_resources(decision.parsed.languages) if decision.parsed else []


def _quality_weight(decision: Decision) -> int:
    """Radarr's qualityWeight: the quality's place in the movie's profile, then its revision."""
    candidate = decision.candidate
    if candidate is None:
        return 0
    revision = candidate.revision
    return candidate.profile.rank(candidate.quality.quality.id) * 100 + revision.real * 10 + revision.version


def release_resources(decisions: list[Decision], now: datetime) -> list[dict[str, Any]]:
    formats = formats_by_id()
    return [release_resource(decision, now, formats, weight) for weight, decision in enumerate(decisions, 1)]
