"""Every notification implementation, by Radarr's implementation name (what clients send)."""

from notifications.implementations.apprise import Apprise
from notifications.implementations.base import BaseNotification
from notifications.implementations.customscript import CustomScript
from notifications.implementations.discord import Discord
from notifications.implementations.email import Email
from notifications.implementations.gotify import Gotify
from notifications.implementations.kodi import Xbmc
from notifications.implementations.mediabrowser import MediaBrowser
from notifications.implementations.ntfy import Ntfy
from notifications.implementations.plex import PlexServer
from notifications.implementations.pushover import Pushover
from notifications.implementations.telegram import Telegram
from notifications.implementations.webhook import Webhook

IMPLEMENTATIONS: dict[str, type[BaseNotification]] = {
    cls.implementation: cls
    for cls in (
        Apprise,
        CustomScript,
        Discord,
        Email,
        MediaBrowser,
        Gotify,
        Ntfy,
        PlexServer,
        Pushover,
        Telegram,
        Webhook,
        Xbmc,
    )
}
