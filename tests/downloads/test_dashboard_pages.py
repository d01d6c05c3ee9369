"""The Dashboard: counts, disks, health, upcoming releases and SVG charts."""

import pytest

from downloads.views.dashboard import bar_chart
from movies.models import Movie
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_counts_disks_and_charts(
    admin_client, tmp_path, django_assert_max_num_queries, media_analysis_off
):
    RootFolderFactory(path=str(tmp_path))
    owned = MovieFactory(title="Owned", has_file=True, year=1999)
    MovieFileFactory(movie=owned)
    Movie.objects.filter(pk=owned.pk).update(size_on_disk=5 * 1024**3)
    MovieFactory(title="Gap", year=2021)

    # the health checks' own queries included; availability (with its delay) is judged in Python
    with django_assert_max_num_queries(33):
        response = admin_client.get("/dashboard")

    html = response.content.decode()
    assert response.status_code == 200
    assert "5 GiB" in html
    assert str(tmp_path) in html
    assert "<svg" in html and "1990s: 1" in html and "2020s: 1" in html and "Bluray-1080p: 1" in html


def test_bars_scale_to_the_largest_value():
    tall, short = bar_chart([("a", 10), ("b", 5)], width=100, height=50)
    assert tall.height == 50 and tall.y == 0
    assert short.height == 25 and short.y == 25
