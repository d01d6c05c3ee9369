"""Saved filters of the movie index: stored as Radarr's custom filters, opened as index links."""

import pytest

from radarr.models import CustomFilter
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_a_filtered_index_can_be_saved_and_opened_again(admin_client):
    MovieFactory(title="Heat", genres=["Crime"])
    MovieFactory(title="Up", genres=["Animation"])

    response = admin_client.post(
        "/movies/filters", {"label": "Crime", "params": "genre=Crime&view=table&page=3"}
    )
    saved = CustomFilter.objects.get()
    page = admin_client.get("/").content.decode()
    link = page.split('aria-label="Saved filters"', 1)[1].split('href="?', 1)[1].split('"', 1)[0]
    opened = admin_client.get("/?" + link.replace("&amp;", "&")).content.decode()

    assert response.status_code == 302
    assert (saved.type, saved.label, saved.filters) == (
        "movieIndex",
        "Crime",
        [{"key": "genre", "value": "Crime", "type": "equal"}],
    )
    assert "Heat" in opened and ">Up<" not in opened


def test_nothing_is_saved_without_a_name_or_a_filter(admin_client):
    admin_client.post("/movies/filters", {"label": "", "params": "genre=Crime"})
    admin_client.post("/movies/filters", {"label": "Everything", "params": "view=table"})

    assert not CustomFilter.objects.exists()


def test_the_save_form_shows_only_on_a_filtered_list_and_follows_it(admin_client):
    plain = admin_client.get("/").content.decode()
    fragment = admin_client.get("/?genre=Crime", headers={"HX-Request": "true", "HX-Target": "movies"})

    assert "Save these filters" not in plain
    assert 'name="params" value="genre=Crime' in fragment.content.decode()


def test_a_saved_filter_can_be_deleted_and_other_kinds_are_left_alone(admin_client):
    mine = CustomFilter.objects.create(
        type="movieIndex", label="Mine", filters=[{"key": "genre", "value": "x"}]
    )
    other = CustomFilter.objects.create(type="collections", label="Other", filters=[])

    admin_client.post(f"/movies/filters/{mine.pk}/delete")
    refused = admin_client.post(f"/movies/filters/{other.pk}/delete")

    assert list(CustomFilter.objects.values_list("label", flat=True)) == ["Other"]
    assert refused.status_code == 404
