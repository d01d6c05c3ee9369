"""Trakt: keeps the account's collection in step with the library. An import adds the movie with its
resolution, HDR, source and audio (Trakt's collection metadata); a deleted file or movie removes it.
Sign-in is OAuth's device flow with the user's own Trakt app (radarr.trakt, shared with the lists)."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from notifications import events as ev
from notifications.implementations.messaging import CheckedNotification
from notifications.payloads import Notice
from notifications.snapshots import MovieFileSnapshot, MovieSnapshot
from radarr.api.errors import Failure
from radarr.providers import ProviderError, safe_message, setting
from radarr.trakt import TraktOAuth

INTERLACED = {"interlaced", "mbaff", "paff"}
HDR = {
    "DolbyVision": "dolby_vision",
    "DolbyVisionSdr": "dolby_vision",
    "HDR10": "hdr10",
    "DolbyVisionHdr10": "hdr10",
    "HDR10Plus": "hdr10_plus",
    "DolbyVisionHdr10Plus": "hdr10_plus",
    "HLG10": "hlg",
    "DolbyVisionHlg": "hlg",
}
AUDIO = {
    "AC3": "dolby_digital",
    "EAC3": "dolby_digital_plus",
    "TrueHD": "dolby_truehd",
    "EAC3 Atmos": "dolby_digital_plus_atmos",
    "TrueHD Atmos": "dolby_atmos",
    "DTS": "dts",
    "DTS-ES": "dts",
    "DTS-HD MA": "dts_ma",
    "DTS-HD HRA": "dts_hr",
    "DTS-X": "dts_x",
    "MP3": "mp3",
    "MP2": "mp2",
    "Vorbis": "ogg",
    "WMA": "wma",
    "AAC": "aac",
    "PCM": "lpcm",
    "FLAC": "flac",
    "Opus": "ogg_opus",
}
# Radarr's quality names by source (their prefix): Trakt's media_type
MEDIA_TYPES = {
    "bluray": "bluray",
    "remux": "bluray",
    "br-disk": "bluray",
    "webdl": "digital",
    "webrip": "digital",
    "dvd": "dvd",
    "dvd-r": "dvd",
    "sdtv": "dvd",
    "hdtv": "dvd",
    "raw-hd": "dvd",
}
LOW_DEFINITION = {"sdtv", "dvd", "dvd-r"}  # Radarr's 480p qualities without the number in their name


def resolution(quality: str, scan_type: str) -> str:
    """Trakt's resolution from Radarr's quality name (`Bluray-1080p`) and the file's scan type."""
    found = re.search(r"(\d{3,4})p$", quality)
    height = int(found.group(1)) if found else (480 if quality.lower() in LOW_DEFINITION else 0)
    scan = "i" if scan_type.lower() in INTERLACED else "p"
    return {
        2160: "uhd_4k",
        1080: f"hd_1080{scan}",
        720: "hd_720p",
        576: f"sd_576{scan}",
        480: f"sd_480{scan}",
    }.get(height, "")


def collected_movie(movie: MovieSnapshot, movie_file: MovieFileSnapshot) -> dict[str, Any]:
    """The movie as Trakt's `sync/collection` takes it, with what the file tells about it."""
    media = movie_file.media_info or {}
    channels = float(media.get("audioChannels") or 0)
    item = {
        **_movie(movie),
        "collected_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "resolution": resolution(movie_file.quality, str(media.get("scanType") or "")),
        "hdr": HDR.get(str(media.get("hdrFormat") or "")),
        "media_type": MEDIA_TYPES.get(movie_file.quality.split("-")[0].lower())
        or MEDIA_TYPES.get(movie_file.quality.lower(), ""),
        "audio_channels": f"{channels:.1f}" if channels else "",
        "audio": AUDIO.get(str(media.get("audioCodec") or ""), ""),
        "3d": int(media.get("videoMultiViewCount") or 0) > 1,
    }
    return {key: value for key, value in item.items() if value not in (None, "")}


def _movie(movie: MovieSnapshot) -> dict[str, Any]:
    return {
        "title": movie.title,
        "year": movie.year,
        "ids": {"tmdb": movie.tmdb_id, "imdb": movie.imdb_id or ""},
    }


class Trakt(TraktOAuth, CheckedNotification):
    implementation = "Trakt"
    implementation_name = "Trakt"
    info_link = "https://wiki.servarr.com/radarr/supported#trakt"
    supported_events: ClassVar[frozenset[str]] = frozenset(
        {
            "on_download",
            "on_upgrade",
            "on_movie_delete",
            "on_movie_file_delete",
            "on_movie_file_delete_for_upgrade",
        }
    )

    @dataclass
    class Settings:
        access_token: str = setting("Access Token", secret=True, hidden="hidden")
        refresh_token: str = setting("Refresh Token", secret=True, hidden="hidden")
        expires: str = setting("Expires", hidden="hidden")
        auth_user: str = setting("Auth User", hidden="hidden")
        sign_in: str = setting("Authenticate with Trakt", "startOAuth", field_type="oAuth")
        client_id: str = setting(
            "Client ID",
            advanced=True,
            help_text="Your Trakt API app's client ID (Trakt → Settings → Your API Apps)",
        )
        client_secret: str = setting(
            "Client Secret", secret=True, advanced=True, help_text="Your Trakt API app's client secret"
        )

    def rules(self) -> list[Failure]:
        if not self.settings.access_token:
            return [Failure("signIn", "Must authenticate with Trakt", "")]
        return []

    def send(self, notice: Notice) -> None:
        event = notice.event
        if isinstance(event, ev.DownloadEvent):
            self.sync("/sync/collection", collected_movie(event.movie, event.movie_file))
        elif isinstance(event, ev.MovieFileDeleteEvent | ev.MovieDeleteEvent):
            self.sync("/sync/collection/remove", _movie(event.movie))

    def sync(self, path: str, movie: dict[str, Any]) -> None:
        if not self.settings.access_token:
            raise ProviderError("Must authenticate with Trakt (Settings → Connect → Trakt)", permanent=True)
        self.refresh_if_expiring()
        response = self.trakt_call("POST", path, self.settings.access_token, json={"movies": [movie]})
        if response.status_code == 401 and self.refresh_tokens():
            response = self.trakt_call("POST", path, self.settings.access_token, json={"movies": [movie]})
        if response.status_code == 401:
            raise ProviderError("Trakt refused the access token (HTTP 401): sign in with Trakt again")
        if response.status_code == 429:
            raise ProviderError("Trakt asked us to slow down (HTTP 429)")
        if response.status_code >= 400:
            raise ProviderError(f"Unable to send payload: Trakt answered HTTP {response.status_code}")

    def test(self) -> list[Failure]:
        failures = self.validate()
        if failures:
            return failures
        try:
            self.refresh_if_expiring()
            response = self.trakt_user_settings(self.settings.access_token)
        except ProviderError as error:
            return [Failure("", f"Unable to send test message: {safe_message(error.message)}")]
        if response.status_code == 401:
            return [Failure("accessToken", "Access token is invalid: sign in with Trakt again")]
        if response.status_code >= 400:
            return [
                Failure(
                    "accessToken", f"Unable to send test message: Trakt answered HTTP {response.status_code}"
                )
            ]
        return []

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        return self.oauth_action(action, query)
