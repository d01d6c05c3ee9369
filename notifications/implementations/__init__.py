"""Every notification implementation, by Radarr's implementation name (what clients send)."""

from notifications.implementations.apprise import Apprise
from notifications.implementations.base import BaseNotification
from notifications.implementations.customscript import CustomScript
from notifications.implementations.discord import Discord
from notifications.implementations.email import Email
from notifications.implementations.gotify import Gotify
from notifications.implementations.join import Join
from notifications.implementations.kodi import Xbmc
from notifications.implementations.mailgun import MailGun
from notifications.implementations.mediabrowser import MediaBrowser
from notifications.implementations.notifiarr import Notifiarr
from notifications.implementations.ntfy import Ntfy
from notifications.implementations.plex import PlexServer
from notifications.implementations.prowl import Prowl
from notifications.implementations.pushbullet import PushBullet
from notifications.implementations.pushcut import Pushcut
from notifications.implementations.pushover import Pushover
from notifications.implementations.pushsafer import Pushsafer
from notifications.implementations.sendgrid import SendGrid
from notifications.implementations.signal import Signal
from notifications.implementations.simplepush import Simplepush
from notifications.implementations.slack import Slack
from notifications.implementations.synology import SynologyIndexer
from notifications.implementations.telegram import Telegram
from notifications.implementations.trakt import Trakt
from notifications.implementations.twitter import Twitter
from notifications.implementations.webhook import Webhook

IMPLEMENTATIONS: dict[str, type[BaseNotification]] = {
    cls.implementation: cls
    for cls in (
        Apprise,
        CustomScript,
        Discord,
        Email,
        Gotify,
        Join,
        MailGun,
        MediaBrowser,
        Notifiarr,
        Ntfy,
        PlexServer,
        Prowl,
        PushBullet,
        Pushcut,
        Pushover,
        Pushsafer,
        SendGrid,
        Signal,
        Simplepush,
        Slack,
        SynologyIndexer,
        Telegram,
        Trakt,
        Twitter,
        Webhook,
        Xbmc,
    )
}
