"""Kodi's movie.nfo as Radarr's Kodi (XBMC) / Emby metadata consumer writes it.

Kodi reads the elements below (https://kodi.wiki/view/NFO_files/Movies): ids as <uniqueid type=...>,
titles, <ratings>, plot, genres, studio, the collection as <set><name>, cast as <actor>, and the stream
details of the file as <fileinfo><streamdetails>. Everything here is pure: the caller gathers the facts.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from imports.mediainfo import format_video_codec
from movies.models import Movie, MovieFile
from movies.titles import sort_title

# Radarr's MediaInfo HDR formats as Kodi's <hdrtype> values
KODI_HDR_TYPES = {
    "DolbyVision": "dolbyvision",
    "DolbyVisionHdr10": "dolbyvision",
    "DolbyVisionHdr10Plus": "dolbyvision",
    "DolbyVisionHlg": "dolbyvision",
    "DolbyVisionSdr": "dolbyvision",
    "HDR10": "hdr10",
    "HDR10Plus": "hdr10",
    "PQ10": "hdr10",
    "HLG10": "hlg",
    "": "",
}
_WATCHED = re.compile(r"<watched>\s*true\s*</watched>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CastMember:
    name: str
    character: str
    order: int = 0
    headshot_url: str = ""


@dataclass(frozen=True, slots=True)
class CrewMember:
    name: str
    job: str  # TMDB's job: "Director", "Screenplay"


@dataclass(frozen=True, slots=True)
class NfoFacts:
    """What the NFO says beyond the movie and file rows."""

    title: str  # in the consumer's metadata language
    cast: tuple[CastMember, ...] = ()
    crew: tuple[CrewMember, ...] = ()
    tags: tuple[str, ...] = ()
    add_collection: bool = True
    watched: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def was_watched(existing_nfo: str) -> bool:
    """Kodi writes <watched>true</watched> back into the NFO; a rewrite keeps it, as Radarr does."""
    return bool(_WATCHED.search(existing_nfo))


def _add(parent: ET.Element, tag: str, text: Any = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None and text != "":
        element.text = str(text)
    return element


def _number(value: Any) -> str:
    """Radarr writes numbers as .NET does: 7.5, 8, 23.976."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _ratings(root: ET.Element, ratings: dict[str, Any]) -> None:
    """<ratings> with IMDb first as the default, as Radarr orders them; then the single <rating>."""
    imdb, tmdb = ratings.get("imdb") or {}, ratings.get("tmdb") or {}
    tomatoes = ratings.get("rottenTomatoes") or {}
    entries = []
    if (imdb.get("votes") or 0) > 0:
        entries.append(("imdb", "10", imdb))
    if (tmdb.get("votes") or 0) > 0:
        entries.append(("themoviedb", "10", tmdb))
    if (tomatoes.get("value") or 0) > 0:
        entries.append(("tomatometerallcritics", "100", tomatoes))
    if entries:
        block = _add(root, "ratings")
        for index, (name, maximum, rating) in enumerate(entries):
            attributes = {"name": name, "max": maximum} | ({"default": "true"} if index == 0 else {})
            element = _add(block, "rating", **attributes)
            _add(element, "value", _number(rating.get("value", 0)))
            if name != "tomatometerallcritics":
                _add(element, "votes", rating.get("votes", 0))
    if (tmdb.get("votes") or 0) > 0:
        _add(root, "rating", _number(tmdb.get("value", 0)))
    if (tomatoes.get("value") or 0) > 0:
        _add(root, "criticrating", _number(tomatoes["value"]))


def _images(root: ET.Element, images: list[dict[str, Any]]) -> None:
    urls = {kind: [i.get("remoteUrl") for i in images if i.get("coverType") == kind and i.get("remoteUrl")]
            for kind in ("screenshot", "poster", "fanart")}  # fmt: skip
    if urls["screenshot"]:
        _add(root, "thumb", urls["screenshot"][0])
    for url in urls["poster"]:
        _add(root, "thumb", url, aspect="poster", preview=url)
    if urls["fanart"]:
        fanart = _add(root, "fanart")
        for url in urls["fanart"]:
            _add(fanart, "thumb", url, preview=url)


def _ids(root: ET.Element, movie: Movie) -> None:
    _add(root, "id", movie.tmdb_id)
    _add(root, "uniqueid", movie.tmdb_id, type="tmdb", default="true")
    if movie.imdb_id:
        _add(root, "uniqueid", movie.imdb_id, type="imdb")


def _fileinfo(root: ET.Element, movie_file: MovieFile) -> None:
    """<fileinfo><streamdetails>: what Kodi shows as the file's codecs, size and length."""
    info = movie_file.media_info or {}
    width, height = int(info.get("width") or 0), int(info.get("height") or 0)
    details = _add(_add(root, "fileinfo"), "streamdetails")
    video = _add(details, "video")
    _add(video, "aspect", _number(round(width / height, 6)) if height else "0")
    _add(video, "bitrate", info.get("videoBitrate") or 0)
    _add(video, "codec", format_video_codec(info, movie_file.scene_name or movie_file.relative_path))
    _add(video, "framerate", _number(info.get("videoFps") or 0))
    _add(video, "height", height)
    _add(video, "scantype", info.get("scanType") or "Progressive")
    _add(video, "width", width)
    seconds = float(info.get("runTimeSeconds") or 0)
    if seconds:
        _add(video, "duration", _number(round(seconds / 60, 4)))
        _add(video, "durationinseconds", round(seconds))
    hdr = str(info.get("hdrFormat") or "")
    _add(video, "hdrtype", KODI_HDR_TYPES.get(hdr, ""))
    audio = _add(details, "audio")
    _add(audio, "bitrate", info.get("audioBitrate") or 0)
    _add(audio, "channels", _number(info.get("audioChannels") or 0))
    _add(audio, "codec", info.get("audioCodec") or "")
    _add(audio, "language", _languages(info.get("audioLanguages")))
    for language in _languages(info.get("subtitles")).split("/"):
        if language:
            _add(_add(details, "subtitle"), "language", language)


def _languages(value: Any) -> str:
    return value if isinstance(value, str) else "/".join(str(part) for part in value or [])


def _people(root: ET.Element, facts: NfoFacts) -> None:
    for member in facts.crew:
        if member.job == "Screenplay":
            _add(root, "credits", member.name)
    for member in facts.crew:
        if member.job == "Director":
            _add(root, "director", member.name)


def _actors(root: ET.Element, cast: tuple[CastMember, ...]) -> None:
    for member in cast:
        actor = _add(root, "actor")
        _add(actor, "name", member.name)
        _add(actor, "role", member.character)
        _add(actor, "order", member.order)
        if member.headshot_url:
            _add(actor, "thumb", member.headshot_url)


def kodi_movie_nfo(movie: Movie, movie_file: MovieFile, facts: NfoFacts) -> str:
    """The <movie> document of one movie file, UTF-8 with a declaration, indented as Radarr writes it."""
    root = ET.Element("movie")
    _add(root, "title", facts.title)
    _add(root, "originaltitle", movie.original_title)
    _add(root, "sorttitle", sort_title(facts.title))
    _ratings(root, movie.ratings or {})
    for empty in ("userrating", "top250", "outline"):
        _add(root, empty)
    _add(root, "plot", movie.overview)
    _add(root, "tagline")
    _add(root, "runtime", movie.runtime)
    _images(root, movie.images or [])
    if movie.certification:
        _add(root, "mpaa", movie.certification)
    _add(root, "playcount")
    _add(root, "lastplayed")
    _ids(root, movie)
    for genre in movie.genres or []:
        _add(root, "genre", genre)
    _add(root, "country")
    collection = movie.collection
    if facts.add_collection and collection is not None and collection.title:
        movie_set = _add(root, "set", tmdbcolid=str(collection.tmdb_id))
        _add(movie_set, "name", collection.title)
        _add(movie_set, "overview")
    for tag in facts.tags:
        _add(root, "tag", tag)
    _add(root, "status", movie.status[:1].upper() + movie.status[1:])  # Radarr's enum name: Released
    _people(root, facts)
    if movie.in_cinemas:
        _add(root, "premiered", movie.in_cinemas.isoformat())
    _add(root, "year", movie.year)
    _add(root, "studio", movie.studio)
    if movie.youtube_trailer_id:  # Radarr writes the link even without an id; Kodi then offers a dead one
        _add(root, "trailer", "plugin://plugin.video.youtube/play/?video_id=" + movie.youtube_trailer_id)
    _add(root, "watched", "true" if facts.watched else "false")
    if movie_file.media_info:
        _fileinfo(root, movie_file)
    # Radarr writes the cast only for files with media info; Kodi shows it either way, so we always do
    _actors(root, facts.cast)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n' + body
