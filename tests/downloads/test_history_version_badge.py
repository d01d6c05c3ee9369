"""History pages name the version an event was for (a badge); events of the primary version show none."""

import pytest
from django.utils import timezone

from downloads.models import History, HistoryEventType
from movies.versions import add_version
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def test_the_movie_page_and_activity_history_badge_an_extra_versions_events(admin_client):
    movie = MovieFactory()
    four_k = add_version(
        movie,
        {"name": "4K", "quality_profile_id": movie.quality_profile_id, "minimum_availability": "released"},
    )
    for version, title in ((four_k, "Movie.2010.2160p.UHD-GRP"), (None, "Movie.2010.1080p.BluRay-GRP")):
        History.objects.create(
            movie=movie, version=version, event_type=HistoryEventType.GRABBED, date=timezone.now(),
            source_title=title, data={"version": version.name} if version else {},
        )  # fmt: skip

    for url in (f"/movie/{movie.tmdb_id}", "/activity/history"):
        page = admin_client.get(url).content.decode()
        assert page.count('class="version-badge" title="For the version 4K"') == 1, url
        assert "Movie.2010.1080p.BluRay-GRP" in page
