"""Provider editing shared by the download client, notification and indexer pages and v3 input."""

import dataclasses

import pytest
from django.http import QueryDict

from notifications.models import Notification
from radarr.api.errors import Failure, ValidationFailed
from radarr.models import Tag
from radarr.providerediting import (
    apply_tags,
    bulk_tags,
    checked_name,
    common_input,
    form_fields,
    posted_fields,
    posted_tags,
)
from radarr.providers import setting


@dataclasses.dataclass
class FormSettings:
    url: str = setting("URL")
    port: int = setting("Port", 8080, field_type="number")
    verify: bool = setting("Verify", True, field_type="checkbox")
    headers: list = setting("Headers", [], field_type="keyValueList")
    events: list = setting("Events", [1], field_type="select", select_options=[(1, "Grab"), (2, "Import")])
    topics: list = setting("Topics", [])


def _post(text: str) -> QueryDict:
    return QueryDict(text, mutable=False)


def test_posted_fields_types_each_input_as_its_default() -> None:
    post = _post(
        "field-url=http://x/hook&field-port=9090&field-headers=X-A%3A%201%0Ano%20colon%0AX-B%3Atwo"
        "&field-events=1&field-events=2&field-topics=movies,%20alerts,"
    )
    assert posted_fields(FormSettings, post) == {
        "url": "http://x/hook",
        "port": 9090,
        "verify": False,  # an unticked checkbox is not posted at all
        "headers": [{"key": "X-A", "value": "1"}, {"key": "X-B", "value": "two"}],
        "events": [1, 2],
        "topics": ["movies", "alerts"],
    }


@dataclasses.dataclass
class SeedSettings:
    seed_ratio: float | None = setting("Seed Ratio", None, name="seedCriteria.seedRatio")
    seed_time: int | None = setting("Seed Time", None, name="seedCriteria.seedTime", field_type="number")
    minimum_seeders: int = setting("Minimum Seeders", 1, field_type="number")


def test_number_inputs_post_numbers_typed_by_declaration_and_empty_is_null() -> None:
    post = _post("field-seedCriteria.seedRatio=1.5&field-seedCriteria.seedTime=&field-minimumSeeders=%203")

    assert posted_fields(SeedSettings, post) == {
        "seedCriteria.seedRatio": 1.5,  # a textbox in Radarr's schema, a float by its declared type
        "seedCriteria.seedTime": None,
        "minimumSeeders": 3,
    }


def test_a_non_number_stays_text_for_validation_to_report() -> None:
    values = posted_fields(FormSettings, _post("field-port=%20eighty%20&field-verify=on"))
    assert values["port"] == "eighty"
    assert values["verify"] is True


def test_form_fields_show_lists_as_typed_and_hand_back_unclaimed_errors() -> None:
    stored = {"headers": [{"key": "X-A", "value": "1"}], "topics": ["a", "b"], "events": [2]}
    failures = [Failure("Port", "Must be a number"), Failure("name", "Should be unique")]
    fields, leftover = form_fields(FormSettings, stored, failures)
    by_name = {field["name"]: field for field in fields}
    assert by_name["headers"]["display"] == "X-A: 1"
    assert by_name["topics"]["display"] == "a, b"
    assert by_name["events"]["multiple"] is True and by_name["events"]["display"] == [2]
    assert by_name["port"]["errors"] == ["Must be a number"]
    assert leftover == {"name": ["Should be unique"]}


def test_common_input_refuses_wrong_types_rather_than_dropping_them() -> None:
    body = {"name": "Hook", "implementation": "Webhook", "fields": [{"name": "url"}], "tags": [1, 3]}
    assert common_input(body) == {**body}
    assert common_input({})["tags"] is None  # not sent: keep what is stored
    for wrong in ({"name": 5}, {"fields": "nope"}, {"tags": [1, "2"]}, {"tags": 4}):
        with pytest.raises(ValidationFailed) as refused:
            common_input({**body, **wrong})
        assert refused.value.failures[0].property_name == next(iter(wrong))


def test_posted_tags_ignore_what_is_not_an_id() -> None:
    assert posted_tags(_post("tags=3&tags=x&tags=5")) == [3, 5]


@pytest.mark.django_db
def test_checked_name_refuses_empty_and_taken_names() -> None:
    taken = Notification.objects.create(name="Alerts", implementation="Webhook", settings={})
    failures: list[Failure] = []
    assert checked_name(Notification(), "  alerts ", failures) == "alerts"
    assert checked_name(Notification(), " ", failures) == ""
    assert [(f.property_name, f.message) for f in failures] == [
        ("name", "Should be unique"),
        ("name", "'Name' must not be empty"),
    ]
    renamed: list[Failure] = []
    assert checked_name(taken, None, renamed) == "Alerts" and renamed == []  # its own name is free


@pytest.mark.django_db
def test_bulk_tags_add_remove_and_replace() -> None:
    row = Notification.objects.create(name="Alerts", implementation="Webhook", settings={})
    one, two = Tag.objects.create(label="one"), Tag.objects.create(label="two")
    assert bulk_tags({"applyTags": "add"}) is None
    apply_tags(row, *bulk_tags({"tags": [one.pk, two.pk]}))
    assert set(row.tags.all()) == {one, two}
    with pytest.raises(ValidationFailed):  # a tag that is not an id is refused, not skipped
        bulk_tags({"tags": [one.pk, "x"]})
    apply_tags(row, *bulk_tags({"tags": [one.pk], "applyTags": "Remove"}))
    assert set(row.tags.all()) == {two}
    apply_tags(row, *bulk_tags({"tags": [one.pk], "applyTags": "replace"}))
    assert set(row.tags.all()) == {one}
