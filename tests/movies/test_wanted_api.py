"""/api/v3/wanted/missing and /api/v3/wanted/cutoff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def test_missing_lists_monitored_available_movies_without_a_file_in_the_paging_envelope(api_client):
    MovieFactory(title="Missing Two")
    MovieFactory(title="Missing One")
    MovieFactory(title="Unmonitored", monitored=False)
    MovieFileFactory(movie=MovieFactory(title="Has File", has_file=True))
    future = timezone.localdate() + timedelta(days=30)
    MovieFactory(
        title="Not Out", status="announced", in_cinemas=future, digital_release=None, physical_release=None
    )

    page = api_client.get("/api/v3/wanted/missing?sortDirection=ascending").json()

    assert page["totalRecords"] == 2
    assert page["sortKey"] == "movieMetadata.sortTitle" and page["sortDirection"] == "ascending"
    assert [movie["title"] for movie in page["records"]] == ["Missing One", "Missing Two"]
    assert page["records"][0]["hasFile"] is False


def test_missing_with_monitored_false_lists_the_unmonitored_ones(api_client):
    MovieFactory(title="Monitored")
    MovieFactory(title="Unmonitored", monitored=False)

    page = api_client.get("/api/v3/wanted/missing?monitored=false").json()

    assert [movie["title"] for movie in page["records"]] == ["Unmonitored"]


def test_missing_respects_minimum_availability_in_cinemas(api_client):
    today = timezone.localdate()
    MovieFactory(
        title="In Cinemas",
        minimum_availability="inCinemas",
        status="inCinemas",
        in_cinemas=today - timedelta(days=3),
        digital_release=None,
        physical_release=None,
    )
    MovieFactory(
        title="Waits For Release",
        minimum_availability="released",
        status="inCinemas",
        in_cinemas=today - timedelta(days=3),
        digital_release=None,
        physical_release=None,
    )

    page = api_client.get("/api/v3/wanted/missing").json()

    assert [movie["title"] for movie in page["records"]] == ["In Cinemas"]


def test_missing_pages_and_sorts_by_year_descending(api_client, django_assert_max_num_queries):
    for year in range(2000, 2015):
        MovieFactory(year=year)

    # the availability delay is read once; the page's JSON comes from the movie JSON cache, here cold:
    # built and stored once (a fixed number of statements, whatever the page size; one reads the versions)
    with django_assert_max_num_queries(18):
        page = api_client.get("/api/v3/wanted/missing?page=2&pageSize=5&sortKey=movieMetadata.year").json()
    with django_assert_max_num_queries(7):  # warm: the page's ids, then their cached JSON
        api_client.get("/api/v3/wanted/missing?page=2&pageSize=5&sortKey=movieMetadata.year")

    assert page["totalRecords"] == 15 and page["sortDirection"] == "descending"
    assert [movie["year"] for movie in page["records"]] == [2009, 2008, 2007, 2006, 2005]


def test_cutoff_unmet_lists_files_below_the_profile_cutoff(api_client):
    profile = QualityProfile.objects.get(pk=MovieFactory().quality_profile_id)
    low = MovieFactory(title="Low", has_file=True, quality_profile=profile)
    MovieFileFactory(movie=low, quality_id=1)  # SDTV
    top_quality = profile.cutoff if profile.cutoff < 1000 else profile.items[-1]["qualities"][0]
    good = MovieFactory(title="Good", has_file=True, quality_profile=profile)
    MovieFileFactory(movie=good, quality_id=top_quality)

    page = api_client.get("/api/v3/wanted/cutoff").json()

    assert [movie["title"] for movie in page["records"]] == ["Low"]
    assert page["records"][0]["movieFile"]["qualityCutoffNotMet"] is True


def test_no_cutoff_is_unmet_when_the_profile_does_not_allow_upgrades(api_client):
    movie = MovieFactory(has_file=True)
    QualityProfile.objects.filter(pk=movie.quality_profile_id).update(upgrade_allowed=False)
    MovieFileFactory(movie=movie, quality_id=1)

    assert api_client.get("/api/v3/wanted/cutoff").json()["totalRecords"] == 0
