"""Settings → Import Lists → Exclusions: listed, searched, added by TMDB id, removed when ticked."""

import pytest

from movies.models import ImportExclusion

pytestmark = pytest.mark.django_db


def test_the_import_lists_page_links_the_exclusions_which_lists_them(admin_client):
    ImportExclusion.objects.create(tmdb_id=603, movie_title="The Matrix", movie_year=1999)
    ImportExclusion.objects.create(tmdb_id=550, movie_title="Fight Club", movie_year=1999)

    assert "/settings/importlists/exclusions" in admin_client.get("/settings/importlists").content.decode()
    body = admin_client.get("/settings/importlists/exclusions?search=matrix").content.decode()

    assert "The Matrix" in body and "Fight Club" not in body


def test_adding_an_exclusion_and_a_bad_id_is_refused(admin_client):
    admin_client.post("/settings/importlists/exclusions", {"tmdb_id": "603", "movie_title": "The Matrix"})
    refused = admin_client.post("/settings/importlists/exclusions", {"tmdb_id": "-4"})

    assert list(ImportExclusion.objects.values_list("tmdb_id", flat=True)) == [603]
    assert refused.status_code == 400


def test_removing_the_ticked_exclusions(admin_client):
    kept = ImportExclusion.objects.create(tmdb_id=1)
    gone = ImportExclusion.objects.create(tmdb_id=2)

    response = admin_client.post("/settings/importlists/exclusions/remove", {"ids": [gone.pk]}, follow=True)

    assert list(ImportExclusion.objects.values_list("pk", flat=True)) == [kept.pk]
    assert "Removed 1 exclusion" in response.content.decode()
