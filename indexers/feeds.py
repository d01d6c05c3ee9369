"""Reading indexer feeds: RSS, Newznab and Torznab XML, and the Newznab caps document.

Feed XML is never trusted: entity declarations are refused before parsing (no expansion, no external
fetches), HTML entities that trackers put in XML are turned into characters, characters XML forbids
are dropped. Parsing is tolerant of namespaces, relative links, missing sizes and the many date
formats trackers write; what cannot be read raises a `ProviderError` with a message for people.
"""

import contextlib
import html.entities
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from radarr.providers import ProviderError
from releases.languages import Language, language_by_name
from releases.releaseinfo import IndexerFlag, ReleaseInfo

NZB_TYPES = ("application/x-nzb",)
TORRENT_TYPES = ("application/x-bittorrent", "application/x-bittorrent;x-scheme-handler/magnet")

_DECLARED_ENCODING = re.compile(rb"""^[^>]{0,100}encoding=["']([A-Za-z0-9._-]+)["']""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}

# "Size: 1.2 GB", "556 MB;", "185918870 bytes", "530.48 MiB": the first size in a text
_SIZE_IN_TEXT = re.compile(
    r"(?<![\w.,])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)\s*(?P<unit>[KMGT]i?B|bytes?)\b",
    re.IGNORECASE,
)
_SIZE_UNITS = {"b": 1, "byte": 1, "bytes": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
# "Seeders: 9" first, then "9 seeder(s)": "9 Leechers: 2" must read 2 leechers
_SEEDERS_IN_TEXT = (
    re.compile(r"\bseed(?:er)?s?\W{1,3}(\d+)", re.IGNORECASE),
    re.compile(r"(\d+)\s+seed(?:er)?s?\b", re.IGNORECASE),
)
_LEECHERS_IN_TEXT = (
    re.compile(r"\bleech(?:er)?s?\W{1,3}(\d+)", re.IGNORECASE),
    re.compile(r"(\d+)\s+leech(?:er)?s?\b", re.IGNORECASE),
)
_MULTI = re.compile(r"\bmulti\b", re.IGNORECASE)


# ---- safe XML


def _decode(content: bytes) -> str:
    declared = _DECLARED_ENCODING.match(content.lstrip(b"\xef\xbb\xbf \t\r\n"))
    encoding = declared.group(1).decode() if declared else "utf-8"
    try:
        text = content.decode(encoding, errors="replace")
    except LookupError:
        text = content.decode("utf-8", errors="replace")
    return text.lstrip("\ufeff \t\r\n")


def _html_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    codepoint = html.entities.name2codepoint.get(name)
    return f"&#{codepoint};" if codepoint else f"&amp;{name};"


def parse_xml(content: bytes) -> ET.Element:
    """The document's root element; a ProviderError when it is not XML we are willing to read."""
    text = _XML_DECLARATION.sub("", _decode(content), count=1)
    if _ENTITY_DECLARATION.search(text):
        raise ProviderError("The feed declares XML entities; refused (possible entity expansion attack)")
    text = _NAMED_ENTITY.sub(_html_entity, text)
    text = _BARE_AMPERSAND.sub("&amp;", text)
    text = _INVALID_XML_CHARS.sub("", text)
    if not text.strip():
        raise ProviderError("The indexer returned an empty response instead of a feed")
    try:
        return ET.fromstring(text)
    except ET.ParseError as error:
        start = text.lstrip()[:1]
        hint = "an HTML page" if start == "<" and "<html" in text[:500].lower() else "not valid XML"
        raise ProviderError(f"The indexer's response is {hint} ({error})") from None


def local_name(element: ET.Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def child(element: ET.Element, name: str) -> ET.Element | None:
    """The first child whose name, without namespace and ignoring case, is `name`."""
    name = name.lower()
    return next((item for item in element if local_name(item).lower() == name), None)


def text_of(element: ET.Element, name: str) -> str:
    found = child(element, name)
    return "".join(found.itertext()).strip() if found is not None else ""


def attributes(item: ET.Element) -> list[tuple[str, str]]:
    """Newznab and Torznab `<attr name value>` pairs, names lower-cased, in feed order."""
    pairs = []
    for element in item:
        if local_name(element) == "attr" and element.get("name") is not None:
            pairs.append((element.get("name", "").lower(), element.get("value", "")))
    return pairs


def first_attribute(pairs: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in pairs if key == name and value != ""), "")


# ---- values


def parse_date(text: str) -> datetime | None:
    """RFC 822 (with or without weekday), ISO 8601 and `2015-06-03 03:19:49`; naive ones are UTC."""
    text = text.strip()
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_size(text: str) -> int:
    """The first size written in `text`, in bytes (binary units, as Radarr reads them); 0 if none."""
    match = _SIZE_IN_TEXT.search(text)
    if not match:
        return 0
    value = match.group("value")
    if "," in value and "." not in value and re.fullmatch(r"\d+,\d{1,2}", value):
        value = value.replace(",", ".")  # a decimal comma: "1,37 GB"
    number = float(value.replace(",", ""))
    unit = match.group("unit").lower()
    multiplier = _SIZE_UNITS.get(unit, _SIZE_UNITS.get(unit[0], 1))
    return int(number * multiplier)


def _count_in_text(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for pattern in patterns:
        if match := pattern.search(text):
            return int(match.group(1))
    return None


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def absolute_url(url: str, base_url: str) -> str:
    """Links relative to the feed (`details/123`) resolved against the request's URL."""
    url = url.strip()
    if not url or url.startswith(("magnet:", "http://", "https://")):
        return url
    return urljoin(base_url, url)


def imdb_id(value: str | int) -> str:
    """`tt0133093` from `133093`, `0133093` or `tt0133093`; "" for nothing or zero."""
    digits = str(value).strip().lower().removeprefix("tt")
    if not digits.isdigit() or int(digits) == 0:
        return ""
    return f"tt{int(digits):07d}"


def languages_from_names(names: list[str]) -> list[Language]:
    """`English, Japanese` style language attributes; names Radarr does not know are skipped."""
    found: list[Language] = []
    for name in names:
        for part in name.split(","):
            language = language_by_name(part)
            if language is not None and language not in found:
                found.append(language)
    return found


def with_multi_languages(title: str, languages: list[Language], multi: list[Language]) -> list[Language]:
    """A title saying MULTi means the indexer's configured multi languages (Radarr's MultiLanguages)."""
    if not multi or not _MULTI.search(title):
        return languages
    return languages + [language for language in multi if language not in languages]


# ---- RSS items


@dataclass(frozen=True, slots=True)
class FeedLayout:
    """Where a feed keeps what Radarr needs (the TorrentRss detector chooses these per feed)."""

    protocol: str  # "usenet" or "torrent"
    use_enclosure_url: bool = True
    use_enclosure_length: bool = True
    size_element: str = ""  # e.g. "size" for `<size>123</size>`
    size_in_description: bool = False
    seeders_in_description: bool = False
    multi_languages: list[Language] = field(default_factory=list)


def feed_items(root: ET.Element) -> list[ET.Element]:
    channel = child(root, "channel")
    holder = channel if channel is not None else root
    items = [element for element in holder if local_name(element) in ("item", "entry")]
    return items or [element for element in root.iter() if local_name(element) == "item"]


def raise_for_error_document(root: ET.Element) -> None:
    """Newznab/Torznab answer failures as `<error code description>` (code 100-199: the API key)."""
    error = root if local_name(root) == "error" else child(root, "error")
    if error is None:
        return
    code = _int(error.get("code", "")) or 0
    description = error.get("description", "") or "no description"
    if 100 <= code <= 199:
        raise ProviderError(f"API key is invalid ({description})", permanent=True)
    if description.lower().startswith("request limit reached"):
        raise ProviderError(f"API limit reached ({description})")
    raise ProviderError(f"The indexer reported an error: {description} (code {code})")


def read_document(content: bytes) -> ET.Element:
    """The root of an indexer's XML answer; an `<error>` document in its place is raised."""
    root = parse_xml(content)
    raise_for_error_document(root)
    return root


def _enclosures(item: ET.Element) -> list[ET.Element]:
    return [element for element in item if local_name(element) == "enclosure" and element.get("url")]


def _chosen_enclosure(item: ET.Element, protocol: str) -> ET.Element | None:
    enclosures = _enclosures(item)
    preferred = NZB_TYPES if protocol == "usenet" else TORRENT_TYPES
    for enclosure in enclosures:
        if (enclosure.get("type") or "").lower() in preferred:
            return enclosure
    return enclosures[0] if enclosures else None


def _size(item: ET.Element, layout: FeedLayout, enclosure: ET.Element | None) -> int:
    if layout.use_enclosure_length and enclosure is not None:
        length = _int(enclosure.get("length", ""))
        if length:
            return length
    if layout.size_element:
        found = child(item, layout.size_element)
        if found is not None:
            text = "".join(found.itertext()).strip()
            return int(text) if text.isdigit() else parse_size(text)
    if layout.size_in_description:
        return parse_size(text_of(item, "description"))
    return 0


def rss_item_values(item: ET.Element, layout: FeedLayout, base_url: str) -> dict[str, Any]:
    """The ReleaseInfo values an RSS item carries by itself (Newznab/Torznab attributes come on top)."""
    title = " ".join(text_of(item, "title").split()) or "Unknown"
    enclosure = _chosen_enclosure(item, layout.protocol)
    link = text_of(item, "link")
    url = enclosure.get("url", "") if layout.use_enclosure_url and enclosure is not None else link
    download_url = absolute_url(url or link, base_url)
    comments = text_of(item, "comments")
    info_url = absolute_url(comments.removesuffix("#comments"), base_url) if comments else ""
    if not info_url and link and absolute_url(link, base_url) != download_url:
        info_url = absolute_url(link, base_url)
    date_text = text_of(item, "pubDate") or text_of(item, "published") or text_of(item, "date")
    publish_date = parse_date(date_text)
    if publish_date is None:
        raise ProviderError(f"The feed has an item without a valid publish date ({title!r})")
    values: dict[str, Any] = {
        "guid": text_of(item, "guid") or download_url or info_url or title,
        "title": title,
        "size": _size(item, layout, enclosure),
        "protocol": layout.protocol,
        "publish_date": publish_date,
        "download_url": download_url,
        "info_url": info_url,
    }
    if layout.protocol == "torrent":
        if download_url.startswith("magnet:"):
            values["magnet_url"] = download_url
        if layout.seeders_in_description:
            description = text_of(item, "description")
            values["seeders"] = _count_in_text(_SEEDERS_IN_TEXT, description)
            values["leechers"] = _count_in_text(_LEECHERS_IN_TEXT, description)
    return values


# What a tracker keeps in elements of its own (Nyaa's `nyaa:seeders`, EZRSS's `torrent:`), per item
TrackerValues = Callable[[ET.Element], dict[str, Any]]


def parse_rss_items(
    items: list[ET.Element], layout: FeedLayout, base_url: str, tracker_values: TrackerValues | None = None
) -> list[ReleaseInfo]:
    """Plain RSS items as releases (no Newznab attributes): tracker feeds, their own values on top."""
    releases = []
    for item in items:
        values = rss_item_values(item, layout, base_url)
        values["languages"] = with_multi_languages(values["title"], [], layout.multi_languages)
        if tracker_values is not None:
            values.update(tracker_values(item))
        releases.append(ReleaseInfo(**values))
    return releases


def parse_rss_feed(
    content: bytes, layout: FeedLayout, base_url: str, tracker_values: TrackerValues | None = None
) -> list[ReleaseInfo]:
    """A tracker's RSS answer as releases (an error document raised)."""
    return parse_rss_items(feed_items(read_document(content)), layout, base_url, tracker_values)


# ---- Newznab and Torznab


_TAG_FLAGS = {"internal": IndexerFlag.G_INTERNAL, "scene": IndexerFlag.G_SCENE}
_DOWNLOAD_FACTOR_FLAGS = {
    0.0: IndexerFlag.G_FREELEECH,
    0.25: IndexerFlag.G_FREELEECH75,
    0.5: IndexerFlag.G_HALFLEECH,
    0.75: IndexerFlag.G_FREELEECH25,
}


def znab_flags(pairs: list[tuple[str, str]]) -> int:
    """Indexer flags from attributes: volume factors (freeleech...), tags, prematch/haspretime, nuked."""
    flags = 0
    download_factor = first_attribute(pairs, "downloadvolumefactor")
    if download_factor:
        with contextlib.suppress(ValueError):
            flags |= _DOWNLOAD_FACTOR_FLAGS.get(float(download_factor), 0)
    upload_factor = first_attribute(pairs, "uploadvolumefactor")
    if upload_factor and (_int(upload_factor) or 0) >= 2:
        flags |= IndexerFlag.G_DOUBLEUPLOAD
    for key, value in pairs:
        if key == "tag":
            flags |= _TAG_FLAGS.get(value.lower(), 0)
        elif key in ("prematch", "haspretime") and value == "1":
            flags |= IndexerFlag.G_SCENE
        elif key == "nuked" and value == "1":
            flags |= IndexerFlag.NUKED
    return int(flags)


def znab_categories(pairs: list[tuple[str, str]]) -> tuple[int, ...]:
    """The `category` attributes' ids in feed order, each once (indexers repeat parent and subcat)."""
    found: list[int] = []
    for key, value in pairs:
        number = _int(value) if key == "category" else None
        if number is not None and number not in found:
            found.append(number)
    return tuple(found)


def _znab_values(item: ET.Element, values: dict[str, Any], layout: FeedLayout) -> dict[str, Any]:
    pairs = attributes(item)
    size = _int(first_attribute(pairs, "size"))
    if size:
        values["size"] = size
    if usenet_date := parse_date(first_attribute(pairs, "usenetdate")):
        values["publish_date"] = usenet_date
    values["imdb_id"] = imdb_id(first_attribute(pairs, "imdbid") or first_attribute(pairs, "imdb"))
    values["tmdb_id"] = _int(first_attribute(pairs, "tmdbid")) or 0
    values["indexer_flags"] = znab_flags(pairs)
    values["categories"] = znab_categories(pairs)
    values["times_completed"] = _int(first_attribute(pairs, "grabs"))  # Newznab and Torznab both say it
    languages = languages_from_names([value for key, value in pairs if key == "language"])
    values["languages"] = with_multi_languages(values["title"], languages, layout.multi_languages)
    if layout.protocol == "torrent":
        seeders = _int(first_attribute(pairs, "seeders"))
        peers = _int(first_attribute(pairs, "peers"))
        leechers = _int(first_attribute(pairs, "leechers"))
        values["seeders"] = seeders
        if peers is not None and seeders is not None:
            values["leechers"] = max(peers - seeders, 0)
        elif leechers is not None:
            values["leechers"] = leechers
        values["info_hash"] = first_attribute(pairs, "infohash")
        magnet = first_attribute(pairs, "magneturl")
        if magnet:
            values["magnet_url"] = magnet
    return values


def parse_znab_feed(content: bytes, base_url: str, layout: FeedLayout) -> list[ReleaseInfo]:
    """A Newznab (usenet) or Torznab (torrent) result feed as releases."""
    root = read_document(content)
    if local_name(root) not in ("rss", "feed", "channel"):
        raise ProviderError(f"The indexer's response is not an RSS feed (root element <{local_name(root)}>)")
    releases = []
    for item in feed_items(root):
        values = _znab_values(item, rss_item_values(item, layout, base_url), layout)
        releases.append(ReleaseInfo(**values))
    return releases


def feed_total(content: bytes) -> int | None:
    """`<newznab:response offset total>`'s total, when the feed says it (paging stops there)."""
    root = parse_xml(content)
    for element in root.iter():
        if local_name(element) == "response" and element.get("total") is not None:
            return _int(element.get("total", ""))
    return None


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What `t=caps` says: page sizes, search parameters and categories."""

    default_page_size: int = 100
    max_page_size: int = 100
    search_params: frozenset[str] = frozenset({"q"})
    movie_search_params: frozenset[str] = frozenset({"q", "imdbid"})
    movie_search_available: bool = True  # when caps cannot be read, Radarr assumes q and imdbid
    categories: tuple[tuple[int, str], ...] = ()  # (id, "Movies/HD"), parents before their subcats
    tags: tuple[str, ...] = ()


def _params(element: ET.Element | None, default: str) -> tuple[bool, frozenset[str]]:
    if element is None:
        return False, frozenset()
    available = element.get("available", "yes").lower() == "yes"
    supported = element.get("supportedParams") or default
    return available, frozenset(part.strip().lower() for part in supported.split(",") if part.strip())


def parse_caps(content: bytes) -> Capabilities:
    root = read_document(content)
    if local_name(root) != "caps":
        raise ProviderError(f"The indexer's capabilities are not a caps document (<{local_name(root)}>)")
    limits = child(root, "limits")
    searching = child(root, "searching")
    has_searching = searching is not None
    search_available, search_params = _params(child(searching, "search") if has_searching else None, "q")
    movie_element = child(searching, "movie-search") if has_searching else None
    # Radarr's default when movie-search is available without supportedParams
    movie_available, movie_params = _params(movie_element, "q,imdbid")
    categories: list[tuple[int, str]] = []
    holder = child(root, "categories")
    for category in holder if holder is not None else []:
        parent_id, parent_name = _int(category.get("id", "")), category.get("name", "")
        if parent_id is None:
            continue
        categories.append((parent_id, parent_name))
        for subcat in category:
            sub_id = _int(subcat.get("id", ""))
            if sub_id is not None:
                categories.append((sub_id, f"{parent_name}/{subcat.get('name', '')}"))
    tags = child(root, "tags")
    return Capabilities(
        default_page_size=_int(limits.get("default", "")) or 100 if limits is not None else 100,
        max_page_size=_int(limits.get("max", "")) or 100 if limits is not None else 100,
        search_params=search_params if search_available else frozenset(),
        movie_search_params=movie_params if movie_available else frozenset(),
        movie_search_available=movie_available,
        categories=tuple(categories),
        tags=tuple(tag.get("name", "") for tag in tags) if tags is not None else (),
    )
