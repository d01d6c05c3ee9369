"""Wanted details the first tests left open: the custom-format half of the cutoff, the page's paging and
sorting, and "search all" of Missing."""

import re

import pytest

from radarr.models import Command
from releases.models import CustomFormat, ProfileFormatScore, QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def quality_at_cutoff(profile: QualityProfile) -> int:
    """A quality id that meets the profile's quality cutoff (a group's cutoff: its first quality)."""
    return profile.cutoff if profile.cutoff < 1000 else profile.items[-1]["qualities"][0]


def test_a_file_meeting_the_quality_cutoff_but_not_the_format_score_is_cutoff_unmet(api_client):
    profile = QualityProfile.objects.get(pk=MovieFactory().quality_profile_id)
    x265 = CustomFormat.objects.create(
        name="x265",
        specifications=[
            {
                "name": "x265",
                "implementation": "ReleaseTitleSpecification",
                "negate": False,
                "required": True,
                "fields": {"value": r"\bx265\b"},
            }
        ],
    )
    ProfileFormatScore.objects.update_or_create(profile=profile, custom_format=x265, defaults={"score": 150})
    QualityProfile.objects.filter(pk=profile.pk).update(upgrade_allowed=True, cutoff_format_score=100)
    scored = MovieFactory(title="Scored", has_file=True, quality_profile=profile)
    MovieFileFactory(
        movie=scored,
        quality_id=quality_at_cutoff(profile),
        relative_path="Scored (2010) Bluray-1080p x265-GRP.mkv",
    )
    plain = MovieFactory(title="Plain", has_file=True, quality_profile=profile)
    MovieFileFactory(
        movie=plain, quality_id=quality_at_cutoff(profile), relative_path="Plain (2010) Bluray-1080p.mkv"
    )

    page = api_client.get("/api/v3/wanted/cutoff").json()

    assert [movie["title"] for movie in page["records"]] == ["Plain"]


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/movie/\d+">([^<]+)</a>', html)


def test_the_missing_page_sorts_by_a_column_and_pages_by_fifty(admin_client):
    for n in range(60):
        MovieFactory(title=f"Film {n:02}", year=1950 + n)

    first = admin_client.get("/wanted/missing?sort=movieMetadata.year&dir=desc").content.decode()
    second = admin_client.get("/wanted/missing?sort=movieMetadata.year&dir=desc&page=2").content.decode()

    assert titles(first)[:2] == ["Film 59", "Film 58"] and len(titles(first)) == 50
    assert titles(second) == [f"Film {n:02}" for n in range(9, -1, -1)]
    assert "Page 2 of 2" in second and "60 movie(s)" in first
    assert 'href="?sort=movieMetadata.year&dir=desc&page=2">Next</a>' in first


def test_search_all_of_missing_queues_the_missing_search_and_nothing_ticked_queues_nothing(admin_client):
    admin_client.post("/wanted/missing/search", {})
    assert not Command.objects.exists()

    admin_client.post("/wanted/missing/search", {"all": "1"})

    assert list(Command.objects.values_list("name", "body")) == [("MissingMoviesSearch", {})]
