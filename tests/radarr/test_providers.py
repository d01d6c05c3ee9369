"""The provider plumbing every plugin family shares: settings ↔ v3 fields, secrets, back-off."""

import dataclasses
from datetime import UTC, datetime, timedelta

from radarr.api.secrets import MASK
from radarr.providers import (
    BACKOFF_MINUTES,
    ProviderError,
    field_resources,
    load_settings,
    next_retry,
    record_failure,
    record_success,
    safe_message,
    setting,
    settings_from_fields,
)

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@dataclasses.dataclass
class ExampleSettings:
    base_url: str = setting("URL", required=True)
    api_path: str = setting("API Path", "/api", advanced=True)
    api_key: str = setting("API Key", secret=True, privacy="apiKey")
    categories: list = setting(
        "Categories", [2000, 2010], field_type="select", select_options=[(2000, "Movies")]
    )
    seed_ratio: float = setting("Seed Ratio", 1.0, name="seedCriteria.seedRatio")


def test_fields_describe_every_setting_in_order_with_radarrs_names():
    fields = field_resources(ExampleSettings, {"baseUrl": "http://indexer", "apiKey": "s3cret"})

    assert [f["name"] for f in fields] == [
        "baseUrl",
        "apiPath",
        "apiKey",
        "categories",
        "seedCriteria.seedRatio",
    ]
    assert fields[0]["value"] == "http://indexer" and fields[1]["value"] == "/api" and fields[1]["advanced"]
    assert fields[2]["value"] == MASK and fields[2]["privacy"] == "apiKey"
    assert fields[3]["selectOptions"][0] == {
        "value": 2000,
        "name": "Movies",
        "order": 0,
        "dividerAfter": False,
    }
    assert fields[4]["isFloat"] is True


def test_an_empty_secret_is_not_masked():
    assert field_resources(ExampleSettings, {})[2]["value"] == ""


def test_fields_in_keep_json_types_ignore_unknown_names_and_keep_a_masked_secret():
    stored = {"baseUrl": "http://old", "apiKey": "s3cret"}
    incoming = [
        {"name": "BaseUrl", "value": "http://new"},
        {"name": "apiKey", "value": MASK},
        {"name": "categories", "value": [2000]},
        {"name": "somethingProwlarrSends", "value": True},
    ]

    values, failures = settings_from_fields(ExampleSettings, incoming, stored)

    assert failures == []
    assert values == {
        "baseUrl": "http://new",
        "apiPath": "/api",
        "apiKey": "s3cret",
        "categories": [2000],
        "seedCriteria.seedRatio": 1.0,
    }


def test_a_required_setting_left_empty_is_a_failure():
    _, failures = settings_from_fields(ExampleSettings, {"baseUrl": ""}, {})

    assert [(f.property_name, f.message) for f in failures] == [("baseUrl", "'URL' must not be empty")]


def test_settings_load_into_the_dataclass_with_defaults():
    settings = load_settings(ExampleSettings, {"baseUrl": "http://x", "seedCriteria.seedRatio": 2.5})

    assert (
        settings.base_url == "http://x" and settings.seed_ratio == 2.5 and settings.categories == [2000, 2010]
    )


def test_list_defaults_are_not_shared_between_instances():
    first, second = ExampleSettings(), ExampleSettings()
    first.categories.append(9999)

    assert second.categories == [2000, 2010]


def test_error_messages_never_show_credentials():
    assert safe_message("GET http://x/api?t=caps&apikey=abc123&q=1 failed") == (
        f"GET http://x/api?t=caps&apikey={MASK}&q=1 failed"
    )


def test_back_off_escalates_as_radarrs():
    assert [next_retry(level, NOW) - NOW for level in (0, 1, 2, 9, 20)] == [
        timedelta(minutes=minutes) for minutes in (0, 1, 5, 1440, 1440)
    ]
    assert BACKOFF_MINUTES[:5] == [0, 1, 5, 15, 30]


def test_failures_escalate_and_a_success_clears_them():
    class Definition:  # the fields every ProviderDefinition row has; save() records what was written
        escalation_level = 0
        initial_failure = most_recent_failure = disabled_until = None
        last_error = ""
        saved: list

        def __init__(self) -> None:
            self.saved = []

        def save(self, update_fields: list[str]) -> None:
            self.saved.append(update_fields)

    definition = Definition()

    record_failure(definition, ProviderError("timeout at http://x?apikey=abc"), now=NOW)
    assert "abc" not in definition.last_error
    record_failure(definition, ProviderError("again"), now=NOW + timedelta(minutes=2))
    assert definition.escalation_level == 2 and definition.initial_failure == NOW
    assert definition.disabled_until == NOW + timedelta(minutes=7)
    record_failure(definition, ProviderError("slow down", retry_after=timedelta(hours=2)), now=NOW)
    assert definition.disabled_until == NOW + timedelta(hours=2)

    record_success(definition)
    assert (
        definition.escalation_level == 0 and definition.disabled_until is None and definition.last_error == ""
    )
