"""Settings → Tags: tags with their usage, and the auto tagging rule editor (add, save, delete)."""

import pytest

from movies.models import AutoTag
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_tags_page_lists_tags_with_their_movies_and_the_rules(admin_client):
    tag = TagFactory(label="scifi")
    MovieFactory().tags.set([tag])
    rule = AutoTag.objects.create(
        name="Science fiction",
        specifications=[
            {"name": "Genre", "implementation": "GenreSpecification", "fields": {"value": ["Sci-Fi"]}}
        ],
    )
    rule.tags.set([tag])

    body = admin_client.get("/settings/tags").content.decode()

    assert "scifi" in body and "Science fiction" in body and "Genre: Sci-Fi" in body
    assert f"/settings/autotagging/{rule.pk}" in body


def test_a_condition_is_added_then_the_rule_saved(admin_client):
    tag = TagFactory()
    added = admin_client.post(
        "/settings/autotagging/new",
        {"name": "Long", "tags": [tag.pk], "action": "add", "add-implementation": "RuntimeSpecification"},
    )
    assert 'name="spec-0-min"' in added.content.decode()

    saved = admin_client.post(
        "/settings/autotagging/new",
        {
            "name": "Long",
            "tags": [tag.pk],
            "remove_tags_automatically": "on",
            "spec-0-implementation": "RuntimeSpecification",
            "spec-0-name": "Over three hours",
            "spec-0-min": "180",
            "spec-0-max": "999",
            "action": "save",
        },
    )

    assert saved.status_code == 302
    rule = AutoTag.objects.get()
    assert rule.remove_tags_automatically and list(rule.tags.all()) == [tag]
    assert rule.specifications[0]["fields"] == {"min": 180, "max": 999}


def test_genres_are_typed_comma_separated_and_shown_back(admin_client):
    tag = TagFactory()
    post = {
        "name": "Genres",
        "tags": [tag.pk],
        "spec-0-implementation": "GenreSpecification",
        "spec-0-name": "g",
        "spec-0-value": "Drama, Comedy",
    }
    admin_client.post("/settings/autotagging/new", post)
    rule = AutoTag.objects.get()

    page = admin_client.get(f"/settings/autotagging/{rule.pk}").content.decode()

    assert rule.specifications[0]["fields"]["value"] == ["Drama", "Comedy"]
    assert 'value="Drama, Comedy"' in page


def test_a_bad_rule_is_shown_again_with_its_messages(admin_client):
    response = admin_client.post(
        "/settings/autotagging/new",
        {
            "name": "",
            "spec-0-implementation": "YearSpecification",
            "spec-0-name": "y",
            "spec-0-min": "2000",
            "spec-0-max": "1990",
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "&#x27;Name&#x27; must not be empty." in body and "&#x27;Tags&#x27; must not be empty." in body
    assert "must be greater than or equal to &#x27;2000&#x27;." in body
    assert not AutoTag.objects.exists()


def test_deleting_a_rule_keeps_the_tags_it_gave(admin_client):
    tag = TagFactory()
    rule = AutoTag.objects.create(name="r", specifications=[])
    rule.tags.set([tag])
    movie = MovieFactory()
    movie.tags.set([tag])

    response = admin_client.post(f"/settings/autotagging/{rule.pk}/delete")

    assert response.status_code == 302 and not AutoTag.objects.exists()
    assert list(movie.tags.all()) == [tag]


def test_adding_a_condition_with_htmx_swaps_only_the_form(admin_client):
    response = admin_client.post(
        "/settings/autotagging/new",
        {"name": "r", "action": "add", "add-implementation": "StatusSpecification"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert 'id="autotag-editor"' in body and "<html" not in body
    assert 'name="spec-0-status"' in body and ">Released</option>" in body
