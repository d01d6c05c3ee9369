"""Interactive search shows each release group's reputation: score, confidence, top factors, points."""

import html
import re
from datetime import timedelta

import pytest

from releases.models import QualityProfile
from scenegroups.models import SceneGroup, group_key
from tests.indexers.searchsupport import Item, newznab_indexer, serve_newznab
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

FACTORS = [
    {"key": "seeder_health", "name": "Seeder health", "score": 95, "weight": 25, "evidence": ""},
    {"key": "internal_ratio", "name": "Internal ratio", "score": 90, "weight": 20, "evidence": ""},
    {"key": "completion_rate", "name": "Completion rate", "score": 80, "weight": 15, "evidence": ""},
]
RELEASES = [
    Item("Heat.1995.1080p.BluRay.x264-FraMeSToR", age=timedelta(days=2)),
    Item("Heat.1995.1080p.BluRay.x264-NOGRP", age=timedelta(minutes=30)),
    Item("Heat.1995.1080p.BluRay.x264", age=timedelta(days=3)),
]


def search_page(admin_client, fake_server, points: int) -> str:
    """The interactive search fragment for Heat (1995), whose profile gives `points` for reputation."""
    profile = QualityProfile.objects.get(name="HD-1080p")
    profile.scene_group_points = points
    profile.save()
    movie = MovieFactory(title="Heat", year=1995, quality_profile=profile)
    serve_newznab(fake_server, RELEASES)
    newznab_indexer(fake_server)
    response = admin_client.get(f"/settings/indexers/search/movie/{movie.pk}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def rows(body: str) -> list[str]:
    return re.findall(r'<tr class="release .*?</tr>', body, re.DOTALL)


def row_of(body: str, title: str) -> str:
    return next(row for row in rows(body) if f'<td data-value="{title}"' in row)


def group_cell(row: str) -> str:
    return re.search(r'<td [^>]*class="group-reputation".*?</td>', row, re.DOTALL).group(0)


@pytest.fixture
def framestor() -> SceneGroup:
    return SceneGroup.objects.create(
        key=group_key("FraMeSToR"), name="FraMeSToR", score=82, confidence="high", factors=FACTORS
    )


def test_the_table_has_a_group_column_with_score_and_confidence(admin_client, fake_server, framestor):
    body = search_page(admin_client, fake_server, points=10)

    cell = group_cell(row_of(body, "Heat.1995.1080p.BluRay.x264-FraMeSToR"))

    assert ">Group</th>" in body
    assert "FraMeSToR<br><small>82/100 · high confidence</small>" in cell


def test_the_group_cells_title_gives_the_top_factors_and_points(admin_client, fake_server, framestor):
    body = search_page(admin_client, fake_server, points=10)

    cell = html.unescape(group_cell(row_of(body, "Heat.1995.1080p.BluRay.x264-FraMeSToR")))

    assert (
        'title="Release group FraMeSToR: reputation 82/100 (high confidence; seeder health 95, '
        'internal ratio 90, completion rate 80): +8 custom format points"'
    ) in cell


def test_unknown_groups_and_titles_without_one_say_so(admin_client, fake_server, framestor):
    body = search_page(admin_client, fake_server, points=10)

    unknown = group_cell(row_of(body, "Heat.1995.1080p.BluRay.x264-NOGRP"))
    none = group_cell(row_of(body, "Heat.1995.1080p.BluRay.x264"))

    assert 'NOGRP<br><small class="muted">not scored</small>' in unknown
    assert "—" in none and "No release group in the title" in html.unescape(none)


def test_with_points_the_reputable_release_ranks_first_and_its_score_says_why(
    admin_client, fake_server, framestor
):
    body = search_page(admin_client, fake_server, points=10)

    first = rows(body)[0]

    assert "Heat.1995.1080p.BluRay.x264-FraMeSToR" in first
    assert 'data-value="8"' in first and "with +8 for the group" in first


def test_with_the_setting_off_the_order_is_radarrs_but_the_reputation_still_shows(
    admin_client, fake_server, framestor
):
    body = search_page(admin_client, fake_server, points=0)

    first, *_ = rows(body)
    cell = group_cell(row_of(body, "Heat.1995.1080p.BluRay.x264-FraMeSToR"))

    assert "Heat.1995.1080p.BluRay.x264-NOGRP" in first  # the freshest post wins the tie
    assert "82/100 · high confidence" in cell
    assert "no custom format points (off in profile HD-1080p)" in html.unescape(cell)
    assert "for the group" not in body
