"""Metadata consumers: the files media centers read beside a movie (Radarr's Extras/Metadata/Consumers).

Each is a provider (`radarr.providers`): a Metadata row names the class, the Settings dataclass drives
the v3 fields, /schema and the settings form. A consumer only says which files it wants and what they
hold; imports.metadatafiles writes them, records them as extra files and removes them.
"""

import dataclasses
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from imports.nfo import NfoFacts, kodi_movie_nfo
from movies.mediacover import cover_folder
from movies.models import Movie, MovieFile
from radarr.api.errors import Failure
from radarr.providers import Provider, setting, setting_fields
from releases.languages import LANGUAGES, ORIGINAL

# Radarr's MetadataSectionType names the two groups of a consumer's settings
DEPRECATED = "warning"


def _language_options() -> list[tuple[int, str]]:
    """Radarr's RealLanguageFieldConverter: Original first, then real languages by name."""
    real = sorted((language for language in LANGUAGES if language.id > 0), key=lambda language: language.name)
    return [(ORIGINAL.id, ORIGINAL.name)] + [(language.id, language.name) for language in real]


@dataclass(frozen=True, slots=True)
class MetadataText:
    """A metadata file of one movie file: where (relative to the movie folder) and what it holds."""

    relative_path: str
    content: str


@dataclass(frozen=True, slots=True)
class MetadataImage:
    """An image of the movie, copied from the cover cache: where it goes (relative to the movie folder)."""

    relative_path: str
    source: Path


class MetadataConsumer(Provider):
    """Base of the consumers: by default nothing is written."""

    # Radarr's ProviderMessage: a deprecated consumer says so on its row
    message: ClassVar[dict[str, str] | None] = None

    def metadata_path(self, movie_file: MovieFile) -> str | None:
        """Where the movie file's metadata goes (relative to the movie folder); None: none is written."""
        return None

    def movie_metadata(self, movie: Movie, movie_file: MovieFile, facts: NfoFacts) -> MetadataText | None:
        return None

    def movie_images(self, movie: Movie) -> list[MetadataImage]:
        return []

    def metadata_title(self, movie: Movie) -> str:
        """The title in the consumer's metadata language: only English and the original are stored."""
        return movie.title

    def validate(self) -> list[Failure]:
        """Switches must be true or false and a select one of its options: a string "yes" would read
        as on, and an unknown language as English."""
        failures = []
        for field in setting_fields(self.Settings):
            value = self.definition.settings.get(field.name, field.default)
            options = [option for option, _ in field.metadata["select_options"]]
            if isinstance(field.default, bool) and not isinstance(value, bool):
                failures.append(
                    Failure(field.name, f"'{field.metadata['label']}' must be true or false", value)
                )
            elif options and (isinstance(value, bool) or value not in options):
                failures.append(
                    Failure(field.name, f"'{field.metadata['label']}' is not one of its options", value)
                )
        return failures


def _cover(movie: Movie, cover_type: str) -> Path | None:
    path = cover_folder(movie.pk) / f"{cover_type}.jpg"
    return path if path.is_file() else None


def _beside(movie_file: MovieFile, extension: str) -> str:
    """The movie file's path with another extension (`Movie (2020).nfo`)."""
    return posixpath.splitext(movie_file.relative_path)[0] + extension


def _in_folder_of(movie_file: MovieFile, name: str) -> str:
    parent = posixpath.dirname(movie_file.relative_path)
    return posixpath.join(parent, name) if parent else name


def _simple_xml(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def _element(parent: ET.Element, tag: str, text: Any) -> None:
    ET.SubElement(parent, tag).text = "" if text is None else str(text)


class XbmcMetadata(MetadataConsumer):
    """Kodi (and Emby/Jellyfin, which read the same NFO): <movie file>.nfo or movie.nfo, poster, fanart."""

    implementation = "XbmcMetadata"
    implementation_name = "Kodi (XBMC) / Emby"
    info_link = "https://wiki.servarr.com/radarr/supported#xbmcmetadata"

    @dataclasses.dataclass
    class Settings:
        movie_metadata: bool = setting(
            "Movie Metadata",
            True,
            field_type="checkbox",
            help_text="<movie file>.nfo with full movie metadata",
        )
        use_movie_nfo: bool = setting(
            "Use Movie.nfo", False, field_type="checkbox", help_text="movie.nfo instead of <movie file>.nfo"
        )
        movie_metadata_language: int = setting(
            "Metadata Language",
            1,
            field_type="select",
            select_options=_language_options(),
            help_text="Radarr writes the title in this language where it knows it (English and the original)",
        )
        movie_metadata_url: bool = setting(
            "Movie Metadata URL",
            False,
            name="movieMetadataURL",
            field_type="checkbox",
            advanced=True,
            help_text="The TMDB and IMDb addresses after the NFO (Kodi's scrapers read them)",
        )
        add_collection_name: bool = setting(
            "Collection Name",
            True,
            field_type="checkbox",
            advanced=True,
            help_text="The collection as <set> (Kodi's movie sets)",
        )
        movie_images: bool = setting(
            "Movie Images", True, field_type="checkbox", help_text="fanart.jpg, poster.jpg"
        )

    def metadata_title(self, movie: Movie) -> str:
        wanted = self.settings.movie_metadata_language
        original = wanted == ORIGINAL.id or wanted == movie.original_language_id
        return movie.original_title if original and movie.original_title else movie.title

    def metadata_path(self, movie_file: MovieFile) -> str | None:
        if not (self.settings.movie_metadata or self.settings.movie_metadata_url):
            return None
        if self.settings.use_movie_nfo:
            return _in_folder_of(movie_file, "movie.nfo")
        return _beside(movie_file, ".nfo")

    def movie_metadata(self, movie: Movie, movie_file: MovieFile, facts: NfoFacts) -> MetadataText | None:
        path = self.metadata_path(movie_file)
        if path is None:
            return None
        parts = []
        if self.settings.movie_metadata:
            facts = dataclasses.replace(facts, add_collection=self.settings.add_collection_name)
            parts.append(kodi_movie_nfo(movie, movie_file, facts))
        if self.settings.movie_metadata_url:
            parts.append(f"https://www.themoviedb.org/movie/{movie.tmdb_id}")
            parts.append(f"https://www.imdb.com/title/{movie.imdb_id}")
        return MetadataText(path, "\n".join(parts) + "\n")

    def movie_images(self, movie: Movie) -> list[MetadataImage]:
        if not self.settings.movie_images:
            return []
        images = []
        for cover_type in ("poster", "fanart"):
            source = _cover(movie, cover_type)
            if source is not None:
                images.append(MetadataImage(f"{cover_type}.jpg", source))
        return images


class MediaBrowserMetadata(MetadataConsumer):
    """Emby's old movie.xml (Radarr keeps it as "Emby (Legacy)", deprecated)."""

    implementation = "MediaBrowserMetadata"
    implementation_name = "Emby (Legacy)"
    info_link = "https://wiki.servarr.com/radarr/supported#mediabrowsermetadata"
    message = {"message": "Emby's legacy movie.xml is deprecated: Emby reads Kodi's NFO", "type": DEPRECATED}

    @dataclasses.dataclass
    class Settings:
        movie_metadata: bool = setting("Movie Metadata", True, field_type="checkbox", help_text="movie.xml")

    def metadata_path(self, movie_file: MovieFile) -> str | None:
        return _in_folder_of(movie_file, "movie.xml") if self.settings.movie_metadata else None

    def movie_metadata(self, movie: Movie, movie_file: MovieFile, facts: NfoFacts) -> MetadataText | None:
        path = self.metadata_path(movie_file)
        if path is None:
            return None
        root = ET.Element("Movie")
        _element(root, "id", movie.imdb_id)
        _element(root, "Status", movie.status)
        _element(root, "Added", movie.added.strftime("%m/%d/%Y %H:%M:%S %p"))
        _element(root, "LockData", "false")
        _element(root, "Overview", movie.overview)
        _element(root, "LocalTitle", movie.title)
        _element(root, "Rating", ((movie.ratings or {}).get("tmdb") or {}).get("value", 0))
        _element(root, "ProductionYear", movie.year)
        _element(root, "RunningTime", movie.runtime)
        _element(root, "IMDB", movie.imdb_id)
        genres = ET.SubElement(root, "Genres")
        for genre in movie.genres or []:
            _element(genres, "Genre", genre)
        return MetadataText(path, _simple_xml(root))


class KometaMetadata(MetadataConsumer):
    """Kometa (Plex Meta Manager): Radarr keeps it deprecated and writes nothing for it."""

    implementation = "KometaMetadata"
    implementation_name = "Kometa"
    info_link = "https://wiki.servarr.com/radarr/supported#kometametadata"
    message = {
        "message": "Kometa reads from Plex, not from files Radarr writes: nothing is written",
        "type": DEPRECATED,
    }

    @dataclasses.dataclass
    class Settings:
        deprecated: bool = setting("Deprecated", True, field_type="checkbox", hidden="hidden")


class _XmlBesideFile(MetadataConsumer):
    """A consumer writing <movie file>.xml (the element `details` builds) and one image (`image_name`)."""

    image_name: str = ""

    @dataclasses.dataclass
    class Settings:
        movie_metadata: bool = setting("Movie Metadata", True, field_type="checkbox")
        movie_images: bool = setting("Movie Images", True, field_type="checkbox")

    def details(self, movie: Movie) -> ET.Element:
        raise NotImplementedError

    def metadata_path(self, movie_file: MovieFile) -> str | None:
        return _beside(movie_file, ".xml") if self.settings.movie_metadata else None

    def movie_metadata(self, movie: Movie, movie_file: MovieFile, facts: NfoFacts) -> MetadataText | None:
        path = self.metadata_path(movie_file)
        return MetadataText(path, _simple_xml(self.details(movie))) if path is not None else None

    def movie_images(self, movie: Movie) -> list[MetadataImage]:
        source = (_cover(movie, "poster") or _cover(movie, "fanart")) if self.settings.movie_images else None
        return [MetadataImage(self.image_name or Path(movie.path).name + ".jpg", source)] if source else []


class RoksboxMetadata(_XmlBesideFile):
    """Roksbox: <movie file>.xml and an image named after the movie folder."""

    implementation = "RoksboxMetadata"
    implementation_name = "Roksbox"
    info_link = "https://wiki.servarr.com/radarr/supported#roksboxmetadata"

    def details(self, movie: Movie) -> ET.Element:
        root = ET.Element("video")
        _element(root, "title", movie.title)
        _element(root, "genre", " / ".join(movie.genres or []))
        _element(root, "description", movie.overview)
        _element(root, "length", movie.runtime)
        return root


class WdtvMetadata(_XmlBesideFile):
    """WD TV Live: <movie file>.xml and folder.jpg."""

    implementation = "WdtvMetadata"
    implementation_name = "WDTV"
    info_link = "https://wiki.servarr.com/radarr/supported#wdtvmetadata"
    image_name = "folder.jpg"

    def details(self, movie: Movie) -> ET.Element:
        root = ET.Element("details")
        _element(root, "id", movie.pk)
        _element(root, "title", movie.title)
        _element(root, "genre", " / ".join(movie.genres or []))
        _element(root, "overview", movie.overview)
        return root


IMPLEMENTATIONS: dict[str, type[MetadataConsumer]] = {
    cls.implementation: cls
    for cls in (XbmcMetadata, MediaBrowserMetadata, KometaMetadata, RoksboxMetadata, WdtvMetadata)
}
