import pytest

from releases.defaults import GROUP_ID_START
from releases.models import QualityDefinition, QualityProfile

pytestmark = pytest.mark.django_db


def test_first_run_installs_radarrs_six_profiles_and_thirty_definitions():
    names = list(QualityProfile.objects.values_list("name", flat=True))

    assert names == ["Any", "SD", "HD-720p", "HD-1080p", "Ultra-HD", "HD - 720p/1080p"]
    assert QualityDefinition.objects.count() == 30


def test_default_profiles_group_equal_qualities_and_point_the_cutoff_at_the_group():
    hd = QualityProfile.objects.get(name="HD-1080p")

    web_1080 = next(item for item in hd.items if item.get("name") == "WEB 1080p")
    assert web_1080["id"] >= GROUP_ID_START and sorted(web_1080["qualities"]) == [3, 15]
    assert web_1080["allowed"] is True
    assert hd.cutoff == 7  # Bluray-1080p stands alone
    assert hd.allowed_quality_ids() == {3, 7, 9, 15, 30}


def test_default_profile_items_run_from_lowest_to_highest():
    any_profile = QualityProfile.objects.get(name="Any")

    first, last = any_profile.items[0], any_profile.items[-1]
    assert first == {"quality": 0, "allowed": False}  # Unknown
    assert last == {"quality": 10, "allowed": False}  # Raw-HD, Radarr's top weight
