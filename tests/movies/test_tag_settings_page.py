"""Settings → Tags: where each tag is used, by name; unused tags deleted one by one or all at once,
used ones kept."""

import pytest

from radarr.models import Tag
from releases.models import DelayProfile
from tests.indexers.factories import IndexerFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def _row(body: str, tag: Tag) -> str:
    row = body[body.index(f'id="tag-{tag.pk}"') :]
    return row[: row.index("</tr>")]


def test_each_tag_lists_what_uses_it_by_name(admin_client):
    hd = Tag.objects.create(label="hd")
    MovieFactory(title="Heat", tags=[hd])
    MovieFactory(title="Alien", tags=[hd])
    indexer = IndexerFactory(name="Local NZB")
    indexer.tags.add(hd)
    delay = DelayProfile.objects.create(order=5)
    delay.tags.add(hd)

    row = _row(admin_client.get("/settings/tags").content.decode(), hd)

    assert "2 Movies" in row and "<li>Heat</li>" in row and "<li>Alien</li>" in row
    assert "1 Indexer" in row and "<li>Local NZB</li>" in row
    assert "1 Delay profile" in row
    assert "Delete" not in row  # a used tag is not offered for deletion


def test_an_unused_tag_is_deleted_and_a_used_one_is_refused(admin_client):
    unused = Tag.objects.create(label="old")
    used = Tag.objects.create(label="4k")
    MovieFactory(tags=[used])

    body = admin_client.get("/settings/tags").content.decode()
    assert "Unused" in _row(body, unused) and "Delete" in _row(body, unused)
    admin_client.post(f"/settings/tags/{unused.pk}/delete")
    refused = admin_client.post(f"/settings/tags/{used.pk}/delete", follow=True).content.decode()

    assert list(Tag.objects.values_list("label", flat=True)) == ["4k"]
    assert "is in use" in refused


def test_delete_unused_tags_removes_only_those(admin_client):
    for label in ("a", "b"):
        Tag.objects.create(label=label)
    kept = Tag.objects.create(label="kept")
    MovieFactory(tags=[kept])

    response = admin_client.post("/settings/tags/delete-unused", follow=True)

    assert list(Tag.objects.values_list("label", flat=True)) == ["kept"]
    assert "Deleted 2 unused tags" in response.content.decode()


def test_the_tags_page_costs_the_same_queries_for_many_tags(admin_client, django_assert_max_num_queries):
    for number in range(30):
        MovieFactory(tags=[Tag.objects.create(label=f"t{number}")])
    admin_client.get("/settings/tags")

    with django_assert_max_num_queries(20):
        response = admin_client.get("/settings/tags")

    assert response.content.decode().count("1 Movie<") == 30


def test_a_form_creates_a_tag_inline_and_gets_its_id(admin_client):
    created = admin_client.post("/settings/tags/new", {"label": "4K Remux"})
    again = admin_client.post("/settings/tags/new", {"label": "4k remux"})
    empty = admin_client.post("/settings/tags/new", {"label": "  "})

    tag = Tag.objects.get()
    assert created.json() == {"id": tag.pk, "label": "4k remux"} == again.json()  # stored lower-case, once
    assert empty.status_code == 400 and "must not be empty" in empty.json()["error"]
