"""Torrent RSS Feed (Radarr's TorrentRssIndexer): any tracker's RSS feed, its layout detected.

Trackers put the size in different places: the enclosure length, a `<size>` element, or only in the
description text ("Size: 1.2 GB"). Like Radarr's TorrentRssSettingsDetector, each place is tried in
turn and kept when it gives believable sizes (2 MB or more); EZRSS feeds (`torrent:` namespace) carry
size, hash and magnet in their own elements. A feed with no size at all is refused unless Allow Zero
Size is set.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from indexers.feeds import (
    FeedLayout,
    child,
    feed_items,
    local_name,
    parse_rss_items,
    read_document,
    text_of,
)
from indexers.implementations.base import (
    WIKI,
    BaseIndexer,
    minimum_seeders_setting,
    multi_language_setting,
    reject_blocklisted_setting,
    required_flags_setting,
    seed_ratio_setting,
    seed_time_setting,
    valid_root_url,
)
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting
from releases.languages import Language
from releases.releaseinfo import ReleaseInfo

VALID_SIZE_THRESHOLD = 2 * 1024 * 1024  # bytes: anything smaller is the .torrent file, not the content
EZRSS_NAMESPACE = "http://xmlns.ezrss.it/0.1/"


def _validate_releases(releases: list[ReleaseInfo], items: list[ET.Element]) -> None:
    if not releases:
        raise ProviderError("The feed is empty, cannot check that it is a usable torrent feed")
    if any(not release.download_url.startswith(("magnet:", "http:", "https:")) for release in releases):
        raise ProviderError("Failed to find a valid download url in the feed")
    guids = [text_of(item, "guid") for item in items if text_of(item, "guid")]  # the feed's own ones
    if len(set(guids)) != len(guids):
        raise ProviderError("The feed contains releases with the same guid; rejecting malformed feed")


def _validate_sizes(releases: list[ReleaseInfo], allow_zero_size: bool) -> None:
    if not allow_zero_size and any(release.size == 0 for release in releases):
        raise ProviderError("The feed doesn't contain the release content size (see Allow Zero Size)")
    if any(0 < release.size < VALID_SIZE_THRESHOLD for release in releases):
        raise ProviderError("Some releases are smaller than 2 MB: the feed must give the content size")


def _is_ezrss(root: ET.Element) -> bool:
    return any(isinstance(e.tag, str) and e.tag.startswith("{" + EZRSS_NAMESPACE) for e in root.iter())


def _ezrss_values(item: ET.Element) -> dict[str, Any]:
    torrent = child(item, "torrent")
    if torrent is None:
        return {}
    size = text_of(torrent, "contentLength")
    magnet = text_of(torrent, "magnetURI")
    values: dict[str, Any] = {"info_hash": text_of(torrent, "infoHash")}
    if size.isdigit():
        values["size"] = int(size)
    if magnet:
        values["magnet_url"] = magnet
    return values


def _small(releases: list[ReleaseInfo]) -> bool:
    return any(release.size < VALID_SIZE_THRESHOLD for release in releases)


def parse_torrent_rss(
    content: bytes,
    base_url: str,
    *,
    allow_zero_size: bool = False,
    multi_languages: list[Language] | None = None,
) -> list[ReleaseInfo]:
    """A tracker's RSS feed as releases, its layout detected as Radarr's detector does."""
    multi = multi_languages or []
    root = read_document(content)
    if local_name(root) not in ("rss", "feed", "channel", "RDF"):
        raise ProviderError(f"The response is not an RSS feed (root element <{local_name(root)}>)")
    items = feed_items(root)
    if _is_ezrss(root):
        ezrss = FeedLayout("torrent", use_enclosure_length=False, multi_languages=multi)
        releases = parse_rss_items(items, ezrss, base_url, _ezrss_values)
        _validate_releases(releases, items)
        try:
            _validate_sizes(releases, allow_zero_size)
            return releases
        except ProviderError:
            pass  # not a usable EZRSS feed after all: read it as a generic one
    if not items:
        raise ProviderError("The feed is empty, cannot check that it is a usable torrent feed")
    has_enclosure = child(items[0], "enclosure") is not None
    layout = FeedLayout(
        "torrent", use_enclosure_url=has_enclosure, seeders_in_description=True, multi_languages=multi
    )
    releases = parse_rss_items(items, layout, base_url)
    _validate_releases(releases, items)
    if all(release.seeders is None for release in releases):
        layout = replace(layout, seeders_in_description=False)
        releases = parse_rss_items(items, layout, base_url)
    if not _small(releases):
        return releases
    layout = replace(layout, use_enclosure_length=False)
    sized = parse_rss_items(items, replace(layout, size_element="size"), base_url)  # any case: <Size> too
    if not _small(sized):
        return sized
    described = parse_rss_items(items, replace(layout, size_in_description=True), base_url)
    if sum(release.size >= VALID_SIZE_THRESHOLD for release in described) > len(described) / 2:
        return described
    releases = parse_rss_items(items, layout, base_url)
    _validate_sizes(releases, allow_zero_size)
    return releases


class TorrentRssIndexer(BaseIndexer):
    implementation = "TorrentRssIndexer"
    implementation_name = "Torrent RSS Feed"
    info_link = WIKI + "torrentrssindexer"
    protocol: ClassVar[str] = "torrent"
    supports_search: ClassVar[bool] = False

    @dataclass
    class Settings:
        base_url: str = setting("Full RSS Feed URL", required=True)
        cookie: str = setting(
            "Cookie",
            advanced=True,
            secret=True,
            help_text="If your site requires a login cookie to access the rss, "
            "you'll have to retrieve it via a browser.",
        )
        allow_zero_size: bool = setting(
            "Allow Zero Size",
            False,
            field_type="checkbox",
            advanced=True,
            help_text="Enabling this will allow you to use feeds that don't specify release size, but be "
            "careful, size related checks will not be performed.",
        )
        multi_languages: list[int] = multi_language_setting()
        minimum_seeders: int = minimum_seeders_setting()
        seed_ratio: float | None = seed_ratio_setting()
        seed_time: int | None = seed_time_setting()
        reject_blocklisted_torrent_hashes_while_grabbing: bool = reject_blocklisted_setting()
        required_flags: list[int] = required_flags_setting()

    def validate(self) -> list[Failure]:
        return valid_root_url("baseUrl", self.settings.base_url)

    def fetch_recent(self) -> list[ReleaseInfo]:
        headers = {"Cookie": self.settings.cookie} if self.settings.cookie else {}
        response = self.get(str(self.settings.base_url), headers=headers)
        return parse_torrent_rss(
            response.content,
            response.url,
            allow_zero_size=bool(self.settings.allow_zero_size),
            multi_languages=self.multi_languages(),
        )
