"""Manage (bulk) for indexers, download clients and import lists: tick several, switch them, set their
priority or tags, or delete them after a confirmation."""

import pytest

from downloads.models import DownloadClient
from indexers.models import Indexer
from movies.models import ImportList
from radarr.models import Tag
from tests.indexers.factories import IndexerFactory

pytestmark = pytest.mark.django_db


def test_the_indexer_list_links_to_manage_which_lists_every_indexer(admin_client):
    IndexerFactory(name="One")
    IndexerFactory(name="Two")

    assert "/settings/indexers/manage" in admin_client.get("/settings/indexers").content.decode()
    body = admin_client.get("/settings/indexers/manage").content.decode()

    assert "One" in body and "Two" in body and 'name="switch-enableRss"' in body


def test_switching_off_and_setting_priority_changes_only_the_ticked(admin_client):
    one, two, three = (IndexerFactory(name=name, priority=25) for name in ("One", "Two", "Three"))

    admin_client.post(
        "/settings/indexers/manage",
        {"ids": [one.pk, two.pk], "action": "edit", "switch-enableRss": "false", "priority": "10"},
    )

    rows = {row.name: (row.enable_rss, row.priority) for row in Indexer.objects.all()}
    assert rows == {"One": (False, 10), "Two": (False, 10), "Three": (True, 25)}


def test_a_bad_priority_is_refused_with_the_reason_and_changes_nothing(admin_client):
    one = IndexerFactory(name="One", priority=25)

    response = admin_client.post(
        "/settings/indexers/manage", {"ids": [one.pk], "action": "edit", "priority": "99"}, follow=True
    )

    one.refresh_from_db()
    assert one.priority == 25
    assert "&#x27;Priority&#x27; must be between 1 and 50" in response.content.decode()


def test_tags_are_added_to_the_ticked_clients(admin_client, tmp_path):
    tag = Tag.objects.create(label="4k")
    clients = [
        DownloadClient.objects.create(name=name, implementation="UsenetBlackhole", protocol="usenet",
                                      settings={"nzbFolder": str(tmp_path), "watchFolder": str(tmp_path)})
        for name in ("A", "B")
    ]  # fmt: skip

    admin_client.post(
        "/settings/downloadclients/manage",
        {"ids": [clients[0].pk], "action": "edit", "tags": [tag.pk], "apply_tags": "add"},
    )

    assert list(clients[0].tags.values_list("label", flat=True)) == ["4k"]
    assert not clients[1].tags.exists()


def test_delete_asks_first_then_deletes_the_ticked_lists(admin_client):
    lists = [
        ImportList.objects.create(name=name, implementation="StevenLuImport", settings={}) for name in "XY"
    ]

    asked = admin_client.post("/settings/importlists/manage", {"ids": [lists[0].pk], "action": "delete"})
    assert "Delete these import lists?" in asked.content.decode() and ImportList.objects.count() == 2
    admin_client.post(
        "/settings/importlists/manage", {"ids": [lists[0].pk], "action": "delete", "confirmed": "1"}
    )

    assert list(ImportList.objects.values_list("name", flat=True)) == ["Y"]
