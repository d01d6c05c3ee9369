"""Nyaa: the anime tracker's RSS (`nyaa:` elements for size, seeders, leechers and hash)."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote_plus

from indexers.feeds import FeedLayout, parse_rss_feed, text_of
from indexers.implementations.base import (
    WIKI,
    BaseIndexer,
    MovieSearchCriteria,
    minimum_seeders_setting,
    multi_language_setting,
    reject_blocklisted_setting,
    required_flags_setting,
    seed_ratio_setting,
    seed_time_setting,
    valid_additional_parameters,
    valid_root_url,
)
from radarr.api.errors import Failure
from radarr.providers import setting
from releases.releaseinfo import ReleaseInfo


def _count(item: ET.Element, name: str) -> int | None:
    text = text_of(item, name)
    return int(text) if text.isdigit() else None


def _nyaa_values(item: ET.Element) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if guid := text_of(item, "guid"):
        values["info_url"] = guid  # Nyaa's guid is the torrent's page
    seeders, leechers = _count(item, "seeders"), _count(item, "leechers")
    if seeders is not None:
        values["seeders"] = seeders
    if leechers is not None:
        values["leechers"] = leechers
    if info_hash := text_of(item, "infoHash"):
        values["info_hash"] = info_hash
    return values


def parse_nyaa_feed(content: bytes, base_url: str, layout: FeedLayout) -> list[ReleaseInfo]:
    return parse_rss_feed(content, layout, base_url, _nyaa_values)


class Nyaa(BaseIndexer):
    implementation = "Nyaa"
    implementation_name = "Nyaa"
    info_link = WIKI + "nyaa"
    protocol: ClassVar[str] = "torrent"

    @dataclass
    class Settings:
        base_url: str = setting("Website URL", "https://nyaa.si", required=True)
        additional_parameters: str = setting(
            "Additional Parameters",
            "&cats=1_0&filter=1",
            advanced=True,
            help_text="Please note if you change the category you will have to add required/restricted "
            "rules about the subgroups to avoid foreign language releases.",
        )
        multi_languages: list[int] = multi_language_setting()
        minimum_seeders: int = minimum_seeders_setting()
        seed_ratio: float | None = seed_ratio_setting()
        seed_time: int | None = seed_time_setting()
        reject_blocklisted_torrent_hashes_while_grabbing: bool = reject_blocklisted_setting()
        required_flags: list[int] = required_flags_setting()

    def validate(self) -> list[Failure]:
        failures = valid_root_url("baseUrl", self.settings.base_url)
        return failures + valid_additional_parameters(self.settings.additional_parameters or "")

    def _feed(self, extra: str = "") -> list[ReleaseInfo]:
        base_url = str(self.settings.base_url).rstrip("/")
        url = f"{base_url}/?page=rss{self.settings.additional_parameters or ''}{extra}"
        response = self.get(url)
        layout = self.layout(
            use_enclosure_url=False,
            use_enclosure_length=False,
            size_element="size",
            size_in_description=True,
            seeders_in_description=True,
        )
        return parse_nyaa_feed(response.content, response.url, layout)

    def fetch_recent(self) -> list[ReleaseInfo]:
        return self._feed()

    def search(self, criteria: MovieSearchCriteria) -> list[ReleaseInfo]:
        for title in criteria.titles[:3]:
            term = f"{title} {criteria.year}" if criteria.year else title
            releases = self._feed(f"&term={quote_plus(term)}")
            if releases:
                return releases
        return []
