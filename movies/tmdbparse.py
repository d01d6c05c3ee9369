"""TMDB's JSON → our metadata dataclasses: pure functions, no network (movies/tmdb.py fetches).

Dates are those of one region (US by default), each falling back to the earliest date of its kind
anywhere: releases appear on indexers as soon as any country has the film on disc or streaming.
"""

from datetime import date
from typing import Any

from movies.availability import movie_status
from movies.metadata import CollectionMetadata, CollectionRef, MovieMetadata
from releases.languages import find_iso_language

REGION = "US"  # the country whose certification and release dates a movie gets
IMAGE_BASE = "https://image.tmdb.org/t/p/original"

# TMDB's release types (https://developer.themoviedb.org/reference/movie-release-dates)
PREMIERE, THEATRICAL_LIMITED, THEATRICAL, DIGITAL, PHYSICAL, TV = 1, 2, 3, 4, 5, 6

# TMDB's movie genres: search results and collection parts carry only these ids
GENRES = {
    28: "Action",
    12: "Adventure",
    16: "Animation",
    35: "Comedy",
    80: "Crime",
    99: "Documentary",
    18: "Drama",
    10751: "Family",
    14: "Fantasy",
    36: "History",
    27: "Horror",
    10402: "Music",
    9648: "Mystery",
    10749: "Romance",
    878: "Science Fiction",
    10770: "TV Movie",
    53: "Thriller",
    10752: "War",
    37: "Western",
}


def parse_date(text: str | None) -> date | None:
    """`1999-10-15` or `1999-10-15T00:00:00.000Z` → a date; empty or malformed → None."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def images(data: dict[str, Any]) -> tuple[dict[str, str], ...]:
    """Poster first and fanart second: Bazarr takes images[0] as the poster and images[1] as fanart."""
    covers = []
    for cover_type, key in (("poster", "poster_path"), ("fanart", "backdrop_path")):
        if data.get(key):
            covers.append({"coverType": cover_type, "remoteUrl": IMAGE_BASE + data[key]})
    return tuple(covers)


def ratings(data: dict[str, Any]) -> dict[str, dict]:
    """TMDB's own user score; IMDb and the others are not in TMDB, so they are left out."""
    if "vote_average" not in data:
        return {}
    votes = int(data.get("vote_count") or 0)
    return {"tmdb": {"votes": votes, "value": float(data.get("vote_average") or 0), "type": "user"}}


def language_id(iso_code: str | None) -> int:
    """TMDB's original_language (ISO 639-1) → Radarr's language id; unknown codes → 0 (Unknown)."""
    iso = find_iso_language(iso_code or "")
    return iso.language.id if iso else 0


def year_of(data: dict[str, Any]) -> int:
    released = parse_date(data.get("release_date"))
    return released.year if released else 0


def _dated_releases(release_dates: dict[str, Any]) -> list[tuple[str, int, date, str, str]]:
    """(country, type, date, certification, note) for every dated release in TMDB's release_dates."""
    rows = []
    for country in release_dates.get("results") or []:
        for release in country.get("release_dates") or []:
            day = parse_date(release.get("release_date"))
            if day is not None:
                rows.append(
                    (
                        country.get("iso_3166_1", ""),
                        int(release.get("type") or 0),
                        day,
                        (release.get("certification") or "").strip(),
                        (release.get("note") or "").lower(),
                    )
                )
    return rows


def release_dates(
    release_dates_json: dict[str, Any], region: str = REGION
) -> tuple[date | None, date | None, date | None]:
    """(in cinemas, digital, physical) for `region`, each else the earliest of its kind worldwide.

    In cinemas is the region's theatrical date (wide, then limited, then a premiere); worldwide only
    theatrical dates count, never a festival premiere. Home releases noted as festival screenings are
    ignored: a "digital release" at a festival is not one anybody can download.
    """
    rows = [row for row in _dated_releases(release_dates_json) if not _festival_home_release(row)]

    def earliest(types: tuple[int, ...], countries: str | None) -> date | None:
        days = [day for country, kind, day, *_ in rows if kind in types and countries in (None, country)]
        return min(days) if days else None

    in_cinemas = (
        earliest((THEATRICAL,), region)
        or earliest((THEATRICAL_LIMITED,), region)
        or earliest((PREMIERE,), region)
        or earliest((THEATRICAL, THEATRICAL_LIMITED), None)
    )
    digital = earliest((DIGITAL,), region) or earliest((DIGITAL,), None)
    physical = earliest((PHYSICAL,), region) or earliest((PHYSICAL,), None)
    return in_cinemas, digital, physical


def _festival_home_release(row: tuple[str, int, date, str, str]) -> bool:
    return row[1] in (DIGITAL, PHYSICAL) and "festival" in row[4]


def certification(release_dates_json: dict[str, Any], region: str = REGION) -> str:
    """The region's rating of its theatrical release, else of any of its releases (`R`, `PG-13`)."""
    rated = [
        (kind != THEATRICAL, day, rating)
        for country, kind, day, rating, _ in _dated_releases(release_dates_json)
        if country == region and rating
    ]
    return min(rated)[2] if rated else ""


def trailer_id(videos: dict[str, Any]) -> str:
    """The first YouTube trailer (official ones first); teasers only when there is no trailer."""
    youtube = [video for video in videos.get("results") or [] if video.get("site") == "YouTube"]
    for kind in ("Trailer", "Teaser"):
        matching = [video for video in youtube if video.get("type") == kind and video.get("key")]
        matching.sort(key=lambda video: not video.get("official", False))
        if matching:
            return matching[0]["key"]
    return ""


def alternative_titles(data: dict[str, Any], title: str) -> tuple[str, ...]:
    """TMDB's alternative titles, each once and without the title itself."""
    seen = {title.casefold()}
    titles = []
    for entry in (data.get("alternative_titles") or {}).get("titles") or []:
        candidate = (entry.get("title") or "").strip()
        if candidate and candidate.casefold() not in seen:
            seen.add(candidate.casefold())
            titles.append(candidate)
    return tuple(titles)


def movie_from_details(data: dict[str, Any], region: str = REGION) -> MovieMetadata:
    """GET /movie/{id}?append_to_response=alternative_titles,release_dates,videos,keywords,... → metadata."""
    title = (data.get("title") or data.get("original_title") or "").strip()
    dates_json = data.get("release_dates") or {}
    in_cinemas, digital, physical = release_dates(dates_json, region)
    collection = data.get("belongs_to_collection") or None
    companies = data.get("production_companies") or []
    keywords = (data.get("keywords") or {}).get("keywords") or []
    imdb_id = data.get("imdb_id") or (data.get("external_ids") or {}).get("imdb_id") or ""
    return MovieMetadata(
        tmdb_id=int(data["id"]),
        title=title,
        year=year_of(data) or (in_cinemas.year if in_cinemas else 0),
        imdb_id=imdb_id,
        original_title=data.get("original_title") or title,
        original_language_id=language_id(data.get("original_language")),
        overview=data.get("overview") or "",
        runtime=int(data.get("runtime") or 0),
        status=movie_status(in_cinemas, digital, physical, data.get("status") or ""),
        in_cinemas=in_cinemas,
        digital_release=digital,
        physical_release=physical,
        certification=certification(dates_json, region),
        genres=tuple(genre["name"] for genre in data.get("genres") or [] if genre.get("name")),
        keywords=tuple(keyword["name"] for keyword in keywords if keyword.get("name")),
        studio=companies[0].get("name", "") if companies else "",
        website=data.get("homepage") or "",
        youtube_trailer_id=trailer_id(data.get("videos") or {}),
        images=images(data),
        ratings=ratings(data),
        popularity=float(data.get("popularity") or 0),
        collection=CollectionRef(int(collection["id"]), collection.get("name") or "") if collection else None,
        alternative_titles=alternative_titles(data, title),
    )


def movie_from_result(data: dict[str, Any]) -> MovieMetadata:
    """A search, find or collection-part result: no regional dates or runtime, so the primary release
    date stands in as the cinema date for status."""
    title = (data.get("title") or data.get("original_title") or "").strip()
    released = parse_date(data.get("release_date"))
    return MovieMetadata(
        tmdb_id=int(data["id"]),
        title=title,
        year=released.year if released else 0,
        original_title=data.get("original_title") or title,
        original_language_id=language_id(data.get("original_language")),
        overview=data.get("overview") or "",
        status=movie_status(released, None, None, "" if released else "Planned"),
        in_cinemas=released,
        genres=tuple(GENRES[genre] for genre in data.get("genre_ids") or [] if genre in GENRES),
        images=images(data),
        ratings=ratings(data),
        popularity=float(data.get("popularity") or 0),
    )


def collection_from_details(data: dict[str, Any]) -> CollectionMetadata:
    """GET /collection/{id} → its metadata, parts in release order (TMDB lists them unordered)."""
    parts = [movie_from_result(part) for part in data.get("parts") or [] if part.get("id")]
    parts.sort(key=lambda part: (part.in_cinemas is None, part.in_cinemas or date.max, part.title))
    return CollectionMetadata(
        tmdb_id=int(data["id"]),
        title=(data.get("name") or "").strip(),
        overview=data.get("overview") or "",
        images=images(data),
        parts=tuple(parts),
    )
