"""Settings → General's form: its sections and inputs over the config/host fields (radarr.hostconfig),
and the posted form read back as the v3 body the API takes, so the page validates as the API does."""

from dataclasses import dataclass
from typing import Any

from radarr.api.params import int_or_none


@dataclass(frozen=True)
class PageField:
    """One input of Settings → General: the v3 name, its label and how it is typed in."""

    name: str
    label: str
    kind: str = "text"  # text, number, checkbox, select, password, path (text with the folder picker)
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    advanced: bool = False  # shown only with "Show advanced settings" on, as Radarr does


RESTART = "Applies when Radarr restarts."
PAGE_SECTIONS: list[tuple[str, list[PageField]]] = [
    (
        "Host",
        [
            PageField(
                "bindAddress",
                "Bind address",
                help="An IP address, or * for all interfaces. " + RESTART,
                advanced=True,
            ),
            PageField("port", "Port", "number", RESTART),
            PageField(
                "urlBase", "URL base", help="For reverse proxies, e.g. /radarr. " + RESTART, advanced=True
            ),
            PageField(
                "instanceName",
                "Instance name",
                help="Shown in the browser tab and notifications. " + RESTART,
                advanced=True,
            ),
            PageField(
                "applicationUrl",
                "Application URL",
                help="The address others reach Radarr at (links).",
                advanced=True,
            ),
        ],
    ),
    (
        "Security",
        [
            PageField(
                "authenticationMethod",
                "Authentication",
                "select",
                "The login page (Radarr's Forms): Basic and None are not offered.",
                (("forms", "Forms (login page)"),),
            ),
            PageField(
                "authenticationRequired",
                "Authentication required",
                "select",
                "Local addresses: loopback and private networks only, never through an untrusted proxy.",
                (("enabled", "Enabled"), ("disabledForLocalAddresses", "Disabled for local addresses")),
            ),
            PageField(
                "certificateValidation",
                "Certificate validation",
                "select",
                "Whether https certificates of indexers, download clients and services are checked.",
                (
                    ("enabled", "Enabled"),
                    ("disabledForLocalAddresses", "Disabled for local addresses"),
                    ("disabled", "Disabled"),
                ),
                advanced=True,
            ),
        ],
    ),
    (
        "Proxy",
        [
            PageField("proxyEnabled", "Use a proxy", "checkbox", "Every outgoing request goes through it."),
            PageField(
                "proxyType",
                "Type",
                "select",
                "",
                (("http", "HTTP(S)"), ("socks4", "SOCKS4"), ("socks5", "SOCKS5")),
            ),
            PageField("proxyHostname", "Hostname"),
            PageField("proxyPort", "Port", "number"),
            PageField("proxyUsername", "Username"),
            PageField("proxyPassword", "Password", "password"),
            PageField(
                "proxyBypassFilter", "Ignored addresses", help="Comma-separated, * wildcards: *.lan, 10.0.0.*"
            ),
            PageField("proxyBypassLocalAddresses", "Bypass proxy for local addresses", "checkbox"),
        ],
    ),
    (
        "Logging",
        [
            PageField(
                "logLevel",
                "Log level",
                "select",
                "",
                (("info", "Info"), ("debug", "Debug"), ("trace", "Trace")),
            ),
            PageField(
                "logSizeLimit",
                "Log size limit (MB)",
                "number",
                "Per log file, 1 to 10. " + RESTART,
                advanced=True,
            ),
        ],
    ),
    (
        "Backups",
        [
            PageField(
                "backupFolder",
                "Folder",
                "path",
                help="A full path, or a folder inside the data folder.",
                advanced=True,
            ),
            PageField("backupInterval", "Interval (days)", "number", "1 to 7.", advanced=True),
            PageField("backupRetention", "Retention (days)", "number", "1 to 90.", advanced=True),
        ],
    ),
]


def page_sections(values: dict[str, Any]) -> list[tuple[str, list[tuple[PageField, Any]]]]:
    """The page's sections with each field's value (secrets masked as the API shows them)."""
    return [(title, [(field, values.get(field.name)) for field in fields]) for title, fields in PAGE_SECTIONS]


def host_settings_from_form(post: Any) -> dict[str, Any]:
    """Settings → General's posted form as the v3 body save_host_config takes."""
    body: dict[str, Any] = {}
    for _, fields in PAGE_SECTIONS:
        for field in fields:
            if field.kind == "checkbox":
                body[field.name] = field.name in post
            elif field.name in post:
                raw = str(post.get(field.name, "")).strip()
                number = int_or_none(raw) if field.kind == "number" else None
                body[field.name] = raw if number is None else number  # not a number: refused as typed
    return body
