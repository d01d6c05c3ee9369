"""A provider family is one declaration plus implementations: a family made here (its rows kept in the
notifications table) gets the shared save rule without a line of its own."""

import dataclasses
from typing import ClassVar

import pytest

from notifications.models import Notification
from radarr.api.errors import Failure, ValidationFailed
from radarr.providerfamily import (
    ProviderFamily,
    ProviderPages,
    ProviderTestFailed,
    build_provider,
    save_provider,
)
from radarr.providers import Provider, setting

pytestmark = pytest.mark.django_db


class Answering(Provider):
    """Its test answers as the host setting says: "slow" is a warning, "down" an error."""

    implementation: ClassVar[str] = "Answering"
    implementation_name: ClassVar[str] = "Answering"

    @dataclasses.dataclass
    class Settings:
        host: str = setting("Host", required=True)

    def test(self) -> list[Failure]:
        if self.settings.host == "slow":
            return [Failure("host", "Answers slowly", severity="warning")]
        if self.settings.host == "down":
            return [Failure("host", "Unable to connect")]
        return []


FAMILY = ProviderFamily(
    label="answering thing",
    resource_name="AnsweringThing",
    model=Notification,
    implementations={"Answering": Answering},
    resource=lambda row: {"id": row.pk, "name": row.name},
    template=lambda cls: {"implementation": cls.implementation},
    read_columns=lambda row, cls, body, failures: None,
    pages=ProviderPages(
        list_url="notifications:list",
        new_url="notifications:new",
        edit_url="notifications:edit",
        delete_url="notifications:delete",
        test_url="notifications:test",
        inputs_template="",
        tags_hint="",
        posted_columns=lambda post: {},
    ),
)


def _body(host: str) -> dict:
    return {"name": f"On {host}", "implementation": "Answering", "fields": [{"name": "host", "value": host}]}


def test_a_test_with_warnings_only_never_blocks_the_save():
    row, tags = build_provider(FAMILY, _body("slow"))

    save_provider(FAMILY, row, tags, force=False)

    assert Notification.objects.get().settings == {"host": "slow"}


def test_a_test_error_blocks_the_save_and_force_saves_anyway():
    row, tags = build_provider(FAMILY, _body("down"))

    with pytest.raises(ProviderTestFailed) as refused:
        save_provider(FAMILY, row, tags, force=False)
    assert not Notification.objects.exists()
    save_provider(FAMILY, row, tags, force=True)

    assert [failure.message for failure in refused.value.failures] == ["Unable to connect"]
    assert Notification.objects.get().name == "On down"


def test_the_declared_settings_are_checked_before_any_test():
    with pytest.raises(ValidationFailed) as refused:
        build_provider(FAMILY, _body(""))

    assert [failure.property_name for failure in refused.value.failures] == ["host"]
    assert not isinstance(refused.value, ProviderTestFailed)


def test_an_implementation_the_family_does_not_have_is_named_in_the_refusal():
    with pytest.raises(ValidationFailed) as refused:
        build_provider(FAMILY, {**_body("x"), "implementation": "Webhook"})

    assert refused.value.failures[0].message == "Unknown answering thing 'Webhook'"
