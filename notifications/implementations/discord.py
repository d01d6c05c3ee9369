"""Discord: an embed per event through a channel webhook, with poster and selectable fields."""

from dataclasses import dataclass
from typing import Any

from notifications.implementations.base import BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

# Radarr's DiscordGrabFieldType / DiscordImportFieldType values, the ones we can fill
FIELD_OPTIONS = [
    (0, "Overview"),
    (1, "Rating"),
    (2, "Genres"),
    (3, "Quality"),
    (4, "Group"),
    (5, "Size"),
    (6, "Links"),
    (7, "Release"),
    (8, "Poster"),
    (9, "Fanart"),
    (10, "Custom Formats"),
    (11, "Custom Format Score"),
    (12, "Indexer"),
]
COLOURS = {"Grab": 0xFFC230, "Download": 0x27C24C, "Upgrade": 0x27C24C, "Health": 0xF05050}
FIELD_KEYS = {
    3: "Quality",
    4: "Group",
    5: "Size",
    7: "Release",
    10: "Custom Formats",
    11: "Custom Format Score",
}
FIELD_KEYS[12] = "Indexer"


class Discord(BaseNotification):
    implementation = "Discord"
    implementation_name = "Discord"
    info_link = "https://wiki.servarr.com/radarr/supported#discord"

    @dataclass
    class Settings:
        # the token is in the URL's path: the whole URL is a secret (Radarr shows it in the clear)
        web_hook_url: str = setting("Webhook URL", required=True, field_type="url", secret=True)
        username: str = setting("Username")
        avatar: str = setting("Avatar", advanced=True)
        author: str = setting("Author", advanced=True)
        grab_fields: list = setting(
            "On Grab Fields",
            [0, 1, 2, 3, 4, 5, 6, 8, 9],
            field_type="select",
            select_options=FIELD_OPTIONS,
            advanced=True,
        )
        import_fields: list = setting(
            "On Import Fields",
            [0, 1, 2, 3, 5, 6, 8, 9],
            field_type="select",
            select_options=FIELD_OPTIONS,
            advanced=True,
        )

    def send(self, notice: Notice) -> None:
        if not self.settings.web_hook_url:
            raise ProviderError("The Discord webhook URL is empty", permanent=True)
        body: dict[str, Any] = {"embeds": [self.embed(notice)]}
        if self.settings.username:
            body["username"] = self.settings.username
        if self.settings.avatar:
            body["avatar_url"] = self.settings.avatar
        self.request("POST", self.settings.web_hook_url, json=body)

    def embed(self, notice: Notice) -> dict[str, Any]:
        chosen = set(
            self.settings.import_fields if notice.event_type == "Download" else self.settings.grab_fields
        )
        movie = notice.payload.get("movie") or {}
        title = f"{movie['title']} ({movie.get('year')})" if movie.get("title") else notice.title
        embed: dict[str, Any] = {
            "author": {"name": self.settings.author or "Radarr"},
            "title": title,
            "description": notice.message
            if not chosen or 0 not in chosen
            else movie.get("overview") or notice.message,
            "color": COLOURS.get("Upgrade" if notice.is_upgrade else notice.event_type, 0x5865F2),
            "footer": {"text": notice.title},
        }
        if notice.poster_url and 8 in chosen:
            embed["thumbnail"] = {"url": notice.poster_url}
        fields = []
        for number, label in FIELD_KEYS.items():
            value = notice.fields.get(label)
            if number in chosen and value:
                fields.append({"name": label, "value": value, "inline": True})
        if 2 in chosen and movie.get("genres"):
            fields.append({"name": "Genres", "value": ", ".join(movie["genres"][:5]), "inline": False})
        if 6 in chosen and movie.get("tmdbId"):
            links = f"[TMDb](https://themoviedb.org/movie/{movie['tmdbId']})"
            if movie.get("imdbId"):
                links += f" / [IMDb](https://imdb.com/title/{movie['imdbId']}/)"
            fields.append({"name": "Links", "value": links, "inline": False})
        if fields:
            embed["fields"] = fields
        return embed
