"""Email over SMTP: STARTTLS when offered (or required), implicit TLS on port 465."""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from notifications.implementations.base import MESSAGE_EVENTS, BaseNotification
from notifications.payloads import Notice
from radarr.providers import ProviderError, setting

PREFERRED, ALWAYS, NEVER = 0, 1, 2
TIMEOUT_SECONDS = 20


class Email(BaseNotification):
    implementation = "Email"
    implementation_name = "Email"
    info_link = "https://wiki.servarr.com/radarr/supported#email"
    supported_events = MESSAGE_EVENTS  # Radarr's Email implements these

    @dataclass
    class Settings:
        server: str = setting("Server", required=True, help_text="Hostname or IP of the email server")
        port: int = setting("Port", 587, field_type="number")
        use_encryption: int = setting(
            "Use Encryption",
            PREFERRED,
            field_type="select",
            select_options=[(PREFERRED, "Preferred"), (ALWAYS, "Always"), (NEVER, "Never")],
        )
        username: str = setting("Username", privacy="userName")
        password: str = setting("Password", secret=True, field_type="password")
        from_address: str = setting("From Address", name="from", required=True)
        to: list = setting("Recipient Address(es)", [], field_type="tag")
        cc: list = setting("CC Address(es)", [], field_type="tag", advanced=True)
        bcc: list = setting("BCC Address(es)", [], field_type="tag", advanced=True)

    def send(self, notice: Notice) -> None:
        recipients = [
            *self._list(self.settings.to),
            *self._list(self.settings.cc),
            *self._list(self.settings.bcc),
        ]
        if not recipients:
            raise ProviderError("Add at least one recipient address", permanent=True)
        message = EmailMessage()
        message["Subject"] = f"Radarr - {notice.title}"
        message["From"] = self.settings.from_address
        message["To"] = ", ".join(self._list(self.settings.to))
        if self.settings.cc:
            message["Cc"] = ", ".join(self._list(self.settings.cc))
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain="radarr")
        message.set_content(notice.message)
        try:
            self._deliver(message, recipients)
        except (OSError, smtplib.SMTPException) as error:
            raise ProviderError(f"Unable to send email via {self.settings.server}: {error}") from error

    @staticmethod
    def _list(value: object) -> list[str]:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return [str(part) for part in value or [] if str(part).strip()]

    def _deliver(self, message: EmailMessage, recipients: list[str]) -> None:
        port = int(self.settings.port or 587)
        encryption = int(self.settings.use_encryption or 0)
        context = ssl.create_default_context()
        if port == 465 and encryption != NEVER:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                self.settings.server, port, timeout=TIMEOUT_SECONDS, context=context
            )
        else:
            client = smtplib.SMTP(self.settings.server, port, timeout=TIMEOUT_SECONDS)
        with client:
            client.ehlo()
            if not isinstance(client, smtplib.SMTP_SSL) and encryption != NEVER:
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif encryption == ALWAYS:
                    raise ProviderError(f"{self.settings.server} does not offer STARTTLS", permanent=True)
            if self.settings.username:
                client.login(self.settings.username, self.settings.password)
            client.send_message(message, to_addrs=recipients)
