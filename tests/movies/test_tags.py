"""/api/v3/tag and /tag/detail: Radarr 5's lenient labels and what uses each tag."""

import json

import pytest

from radarr.models import Tag
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def post(client, body):
    return client.post("/api/v3/tag", json.dumps(body), content_type="application/json")


def test_overseerrs_label_is_accepted_and_stored_lower_case(api_client):
    response = post(api_client, {"label": "1 - John Doe"})

    assert response.status_code == 201
    assert response.json()["label"] == "1 - john doe"


def test_posting_an_existing_label_returns_that_tag(api_client):
    tag = TagFactory(label="4k")

    response = post(api_client, {"label": "4K"})

    assert response.json() == {"id": tag.pk, "label": "4k"}
    assert Tag.objects.count() == 1


def test_an_empty_label_is_refused(api_client):
    response = post(api_client, {"label": "  "})

    assert response.status_code == 400 and response.json()[0]["propertyName"] == "Label"


def test_put_without_id_renames_the_tag_of_the_body(api_client):
    tag = TagFactory(label="old")

    response = api_client.put(
        "/api/v3/tag", json.dumps({"id": tag.pk, "label": "New"}), content_type="application/json"
    )

    assert response.status_code == 202 and response.json()["label"] == "new"


def test_renaming_onto_an_existing_label_is_refused(api_client):
    TagFactory(label="taken")
    tag = TagFactory(label="mine")

    response = api_client.put(
        f"/api/v3/tag/{tag.pk}", json.dumps({"label": "taken"}), content_type="application/json"
    )

    assert response.status_code == 400


def test_deleting_a_tag_takes_it_off_its_movies(api_client):
    tag = TagFactory()
    movie = MovieFactory(tags=[tag])

    assert api_client.delete(f"/api/v3/tag/{tag.pk}").status_code == 200

    assert not movie.tags.exists()


def test_tag_detail_lists_the_movies_using_each_tag(api_client):
    used, unused = TagFactory(), TagFactory()
    movies = [MovieFactory(tags=[used]), MovieFactory(tags=[used])]

    details = {item["id"]: item for item in api_client.get("/api/v3/tag/detail").json()}

    assert details[used.pk]["movieIds"] == [movie.pk for movie in movies]
    assert details[unused.pk]["movieIds"] == []
    assert details[used.pk]["delayProfileIds"] == []


def test_tag_detail_of_one_tag(api_client):
    tag = TagFactory()

    body = api_client.get(f"/api/v3/tag/detail/{tag.pk}").json()

    assert body["id"] == tag.pk and body["label"] == tag.label


def test_the_tag_list_answers_id_and_label(api_client):
    tag = TagFactory(label="anime")

    assert api_client.get("/api/v3/tag").json() == [{"id": tag.pk, "label": "anime"}]


def test_tag_detail_lists_delay_and_release_profiles_too(api_client):
    from releases.models import DelayProfile, ReleaseProfile

    tag = TagFactory()
    delay = DelayProfile.objects.create(order=5)
    delay.tags.add(tag)
    release = ReleaseProfile.objects.create(name="Tagged")
    release.tags.add(tag)

    body = api_client.get(f"/api/v3/tag/detail/{tag.pk}").json()

    assert (body["delayProfileIds"], body["releaseProfileIds"]) == ([delay.pk], [release.pk])
