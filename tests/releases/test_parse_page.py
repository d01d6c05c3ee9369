import pytest

from releases.customformats import save_custom_format
from releases.models import ProfileFormatScore

pytestmark = pytest.mark.django_db

X265 = [
    {
        "name": "x265",
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": False,
        "fields": {"value": "x265"},
    }
]


def test_the_parse_page_shows_what_a_title_says_and_each_profiles_score(admin_client):
    custom_format = save_custom_format("x265", False, X265)
    ProfileFormatScore.objects.filter(custom_format=custom_format, profile__name="HD-1080p").update(score=42)

    page = admin_client.get("/settings/parse", {"title": "Heat.1995.1080p.BluRay.x265-GRP"}).content.decode()

    assert "Heat" in page and "Bluray-1080p" in page and "GRP" in page and "x265" in page
    assert "<td>HD-1080p</td><td>yes</td><td>42</td>" in page
    assert "<td>Ultra-HD</td><td>no</td><td>0</td>" in page


def test_typing_gets_only_the_result_fragment(admin_client):
    fragment = admin_client.get(
        "/settings/parse", {"title": "Heat.1995.720p.WEB-DL-GRP"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert 'id="parse-result"' in fragment and "<html" not in fragment and "WEBDL-720p" in fragment


def test_a_title_without_a_year_says_it_would_not_be_grabbed_but_shows_its_quality(admin_client):
    page = admin_client.get("/settings/parse", {"title": "Some Movie 1080p BluRay x264-GRP"}).content.decode()

    assert "would not grab it" in page and "Bluray-1080p" in page
