"""Telegram: a message from a bot to a chat (and topic), through the Bot API."""

from dataclasses import dataclass

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting


class Telegram(BaseNotification):
    implementation = "Telegram"
    implementation_name = "Telegram"
    info_link = "https://wiki.servarr.com/radarr/supported#telegram"
    supported_events = MESSAGE_EVENTS  # Radarr's Telegram implements these

    @dataclass
    class Settings:
        bot_token: str = setting("Bot Token", required=True, secret=True, privacy="apiKey")
        chat_id: str = setting("Chat ID", required=True)
        topic_id: str = setting("Topic ID", advanced=True)
        send_silently: bool = setting("Send Silently", False, field_type="checkbox")
        api_url: str = setting("Bot API URL", "https://api.telegram.org", advanced=True)

    def send(self, notice: Notice) -> None:
        if not self.settings.bot_token or not self.settings.chat_id:
            raise ProviderError("Set the bot token and the chat id", permanent=True)
        base = (self.settings.api_url or "https://api.telegram.org").rstrip("/")
        body = {
            "chat_id": self.settings.chat_id,
            "text": f"<b>{_escape(notice.title)}</b>\n{_escape(notice.message)}",
            "parse_mode": "HTML",
            "disable_notification": bool(self.settings.send_silently),
        }
        if self.settings.topic_id:
            body["message_thread_id"] = self.settings.topic_id
        self.request("POST", f"{base}/bot{self.settings.bot_token}/sendMessage", json=body)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
