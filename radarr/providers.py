"""What every plugin family (indexers, download clients, notifications) shares.

A provider is a database row (a `ProviderDefinition` subclass: name, implementation, settings JSON,
tags, back-off state) plus the class the row names. An implementation declares its settings as a
dataclass of `setting(...)` fields; that one declaration drives the form, the v3 `fields` list, the
`/schema` templates, validation and secret masking.
"""

import dataclasses
import re
import typing
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.utils import timezone

from radarr.api.errors import Failure
from radarr.api.secrets import MASK, carries_credentials

# Radarr's escalating back-off after consecutive failures (EscalationBackOff), in minutes
BACKOFF_MINUTES = [0, 1, 5, 15, 30, 60, 180, 360, 720, 1440]


@dataclasses.dataclass(frozen=True, slots=True)
class BackOff:
    """How far a family's providers back off (Radarr's ProviderStatusServiceBase and its overrides)."""

    maximum_level: int = len(BACKOFF_MINUTES) - 1  # a day, after nine failures in a row
    # no pause within this long of the first failure (a restarting download client must not stop grabs)
    grace: timedelta = timedelta(0)


STANDARD_BACKOFF = BackOff()


class ProviderError(Exception):
    """A provider failed. Temporary failures back it off; permanent ones disable it until fixed."""

    def __init__(
        self, message: str, *, permanent: bool = False, retry_after: timedelta | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after


def setting(
    label: str,
    default: Any = "",
    *,
    name: str | None = None,
    field_type: str = "textbox",
    secret: bool = False,
    advanced: bool = False,
    help_text: str = "",
    unit: str = "",
    placeholder: str = "",
    hidden: str = "",
    select_options: Iterable[tuple[int | str, str]] = (),
    privacy: str | None = None,
    required: bool = False,
    options_action: str = "",
) -> Any:
    """A field of an implementation's Settings dataclass, described as Radarr's schema describes it.

    `name` is the v3 field name (camelCase, dotted for nested ones such as `seedCriteria.seedRatio`);
    it defaults to the attribute's name in camelCase. Secrets read back as ******** (`privacy`
    apiKey or password, as Radarr marks them), and so does any value that is a URL carrying
    credentials (radarr.api.secrets.carries_credentials). `options_action` names the provider action
    (POST .../action/{name}) that lists the field's options from the remote side.
    """
    metadata = {
        "label": label,
        "name": name,
        "type": field_type,
        "secret": secret,
        "advanced": advanced,
        "help_text": help_text,
        "unit": unit,
        "placeholder": placeholder,
        "hidden": hidden,
        "select_options": tuple(select_options),
        "privacy": privacy or ("password" if secret else "normal"),
        "required": required,
        "options_action": options_action,
    }
    if isinstance(default, list | dict):
        return dataclasses.field(default_factory=lambda: type(default)(default), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def camel_case(attribute: str) -> str:
    head, *rest = attribute.split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclasses.dataclass(frozen=True, slots=True)
class SettingField:
    attribute: str
    name: str
    default: Any
    metadata: dict[str, Any]
    annotation: Any = None  # the dataclass field's type (`float | None`)

    @property
    def is_number(self) -> bool:
        """Whether a form posts it as a number: declared so, or a number by default or by type."""
        if isinstance(self.default, bool):
            return False
        declared = self.annotation in (int, float) or float in typing.get_args(self.annotation)
        return self.metadata["type"] == "number" or isinstance(self.default, int | float) or declared

    @property
    def is_secret(self) -> bool:
        return bool(self.metadata["secret"])

    def hides(self, value: Any) -> bool:
        """Whether `value` reads back as ********: a secret setting's, or a URL carrying credentials."""
        return value not in (None, "") and (self.is_secret or carries_credentials(value))


def setting_fields(settings_class: type) -> list[SettingField]:
    fields = []
    for field in dataclasses.fields(settings_class):
        default = (
            field.default_factory() if field.default_factory is not dataclasses.MISSING else field.default
        )
        name = field.metadata.get("name") or camel_case(field.name)
        fields.append(SettingField(field.name, name, default, dict(field.metadata), field.type))
    return fields


def field_resources(settings_class: type, stored: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Radarr's `fields` list: every setting in order with its value (secrets masked) and description."""
    stored = stored or {}
    resources = []
    for order, field in enumerate(setting_fields(settings_class)):
        value = stored.get(field.name, field.default)
        if field.hides(value):
            value = MASK
        # every property of Radarr's Field, empty texts included (clients read a missing one as unset)
        resource: dict[str, Any] = {
            "order": order,
            "name": field.name,
            "label": field.metadata["label"],
            "unit": field.metadata["unit"],
            "helpText": field.metadata["help_text"],
            "helpTextWarning": "",
            "helpLink": "",
            "value": value,
            "type": field.metadata["type"],
            "advanced": field.metadata["advanced"],
            "selectOptionsProviderAction": field.metadata.get("options_action", ""),
            "section": "",
            "privacy": field.metadata["privacy"],
            "placeholder": field.metadata["placeholder"],
            "hidden": field.metadata["hidden"],
            "isFloat": isinstance(field.default, float),
        }
        if field.metadata["select_options"]:
            resource["selectOptions"] = [
                {"value": value, "name": label, "order": index, "dividerAfter": False}
                for index, (value, label) in enumerate(field.metadata["select_options"])
            ]
        resources.append(resource)
    return resources


def settings_from_fields(
    settings_class: type, fields: Iterable[dict[str, Any]] | dict[str, Any], stored: dict[str, Any] | None
) -> tuple[dict[str, Any], list[Failure]]:
    """Read v3 `fields` (a `[{name, value}]` list or a `{name: value}` map) into stored settings.

    Unknown names are ignored (clients send extra ones), missing ones keep the stored value or the
    default, and a secret sent back as ******** keeps the stored secret (Prowlarr does that on every
    sync). Values keep the JSON type the client sent: Prowlarr and Recyclarr compare them.
    """
    stored = stored or {}
    incoming = fields if isinstance(fields, dict) else {f.get("name"): f.get("value") for f in fields}
    incoming = {str(key).lower(): value for key, value in incoming.items() if key is not None}
    values: dict[str, Any] = {}
    failures: list[Failure] = []
    for field in setting_fields(settings_class):
        value = incoming.get(field.name.lower(), stored.get(field.name, field.default))
        if value == MASK and (field.is_secret or field.hides(stored.get(field.name))):
            value = stored.get(field.name, "")
        if field.metadata["required"] and value in (None, "", []):
            failures.append(Failure(field.name, f"'{field.metadata['label']}' must not be empty", value))
        values[field.name] = value
    return values, failures


def load_settings(settings_class: type, stored: dict[str, Any] | None) -> Any:
    """An instance of the Settings dataclass from stored values, defaults where missing."""
    stored = stored or {}
    values = {
        field.attribute: stored.get(field.name, field.default) for field in setting_fields(settings_class)
    }
    return settings_class(**values)


# Credentials in error texts (requests' and servers'): key=value pairs, user:password@ in a URL, and
# the URL or path requests names in its errors (a webhook's token is in its path).
_SECRET_IN_TEXT = [
    (re.compile(r"(?i)(apikey|api_key|passkey|password|token)=[^&\s]+"), rf"\1={MASK}"),
    (re.compile(r"([\w.%~+-]+:)[^\s/@]+@"), rf"\1{MASK}@"),
    (re.compile(r"(?i)(with url: )\S+"), rf"\1{MASK}"),
    (re.compile(r"(?i)(url:? ')[^']*(')"), rf"\1{MASK}\2"),
]


class Provider:
    """Base of every implementation class; `implementation` is Radarr's name, which clients send."""

    implementation: ClassVar[str]
    implementation_name: ClassVar[str]  # the name the UI shows, e.g. "qBittorrent"
    info_link: ClassVar[str] = ""
    # templates list the classes themselves (the "add" pickers): Django must not call them
    do_not_call_in_templates: ClassVar[bool] = True

    @dataclasses.dataclass
    class Settings:
        pass

    def __init__(self, definition: Any) -> None:
        self.definition = definition
        self.settings = load_settings(self.Settings, definition.settings)

    @classmethod
    def config_contract(cls) -> str:
        return f"{cls.implementation}Settings"

    def validate(self) -> list[Failure]:
        """Settings checks that need no network (Radarr's settings validators), run at every save."""
        return []

    def test(self) -> list[Failure]:
        """Check the connection and settings; an empty list means it works."""
        return []

    def request_action(self, action: str, query: dict[str, str]) -> Any:
        """What the settings page asks a provider for (POST .../action/{name}): options of a field
        that come from the remote side. None (JSON null) for an action it does not know, as Radarr.
        `action` arrives lower-cased (API paths are folded): compare without regard to case."""
        return None


def safe_message(text: str) -> str:
    """An error text fit for the UI and logs: credentials in URLs never shown."""
    for pattern, replacement in _SECRET_IN_TEXT:
        text = pattern.sub(replacement, text)
    return text


def next_retry(escalation_level: int, now: datetime | None = None) -> datetime:
    """When a provider that failed `escalation_level` times in a row may be tried again."""
    minutes = BACKOFF_MINUTES[min(escalation_level, len(BACKOFF_MINUTES) - 1)]
    return (now or timezone.now()) + timedelta(minutes=minutes)


def record_failure(
    definition: Any, error: ProviderError, backoff: BackOff = STANDARD_BACKOFF, now: datetime | None = None
) -> None:
    """Escalate the provider's back-off (or honour the server's Retry-After when it asks for longer)."""
    now = now or timezone.now()
    level = min(definition.escalation_level + 1, backoff.maximum_level)
    until: datetime | None = next_retry(level, now)
    if error.retry_after and now + error.retry_after > until:
        until = now + error.retry_after
    definition.escalation_level = level
    definition.initial_failure = definition.initial_failure or now
    if now - definition.initial_failure < backoff.grace:
        until = None
    definition.most_recent_failure = now
    definition.disabled_until = until
    definition.last_error = safe_message(error.message)
    definition.save(
        update_fields=[
            "escalation_level",
            "initial_failure",
            "most_recent_failure",
            "disabled_until",
            "last_error",
        ]
    )


def clear_backoff(definition: Any) -> None:
    """Forget the provider's failures on the row (the caller saves it)."""
    definition.escalation_level = 0
    definition.initial_failure = definition.most_recent_failure = definition.disabled_until = None
    definition.last_error = ""


def record_success(definition: Any) -> None:
    """A working call clears the back-off (only writes when there was something to clear)."""
    if definition.escalation_level or definition.disabled_until or definition.last_error:
        clear_backoff(definition)
        definition.save(
            update_fields=[
                "escalation_level",
                "initial_failure",
                "most_recent_failure",
                "disabled_until",
                "last_error",
            ]
        )


def implementation_facts(cls: type[Provider] | None, implementation: str) -> dict[str, Any]:
    """A v3 provider resource's implementation keys; a row whose implementation is gone keeps its name."""
    return {
        "implementationName": cls.implementation_name if cls else implementation,
        "implementation": implementation,
        "configContract": cls.config_contract() if cls else f"{implementation}Settings",
        "infoLink": cls.info_link if cls else None,
    }
