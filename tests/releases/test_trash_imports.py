"""TRaSH-Guides files import as Radarr's quality sizes and quality profiles.

Our own small files (tests/releases/fixtures/profiles) run everywhere; every real TRaSH file in
../shared runs when that folder is present.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from radarr.api.errors import ValidationFailed
from releases.models import CustomFormat, ProfileFormatScore, QualityDefinition, QualityProfile
from releases.qualities import QUALITIES_BY_ID, QUALITIES_BY_NAME
from releases.qualitydefinitions import apply_trash_quality_sizes
from releases.trashprofiles import import_trash_profile
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = pytest.mark.django_db

OWN_FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
TRASH = SHARED_FIXTURES / "trash-guides"


def shared_files(folder: str) -> list[Path]:
    return sorted((TRASH / folder).glob("*.json")) if TRASH.is_dir() else []


def create_formats(files: list[dict[str, Any]]) -> tuple[dict[str, CustomFormat], dict[str, dict[str, int]]]:
    """CustomFormat rows as the ORM stores them (fields as an object), and each file's trash_scores."""
    formats = {
        data["trash_id"]: CustomFormat.objects.create(
            name=data["name"],
            include_custom_format_when_renaming=data.get("includeCustomFormatWhenRenaming", False),
            specifications=data["specifications"],
        )
        for data in files
    }
    return formats, {data["trash_id"]: data.get("trash_scores", {}) for data in files}


def size_of(name: str) -> tuple[float, float | None, float | None]:
    definition = QualityDefinition.objects.get(quality_id=QUALITIES_BY_NAME[name].id)
    return definition.min_size, definition.preferred_size, definition.max_size


def test_quality_sizes_apply_and_describe_each_change():
    data = json.loads((OWN_FIXTURES / "quality-size.json").read_text())

    changes = apply_trash_quality_sizes(data)

    assert size_of("Bluray-1080p") == (50.8, 1999, 2000)
    assert changes[0] == "WEBDL-1080p: min 0 → 12.5, preferred 95 → 1999, max 100 → 2000"
    assert changes[1] == "Bluray-1080p: min 0 → 50.8, preferred unlimited → 1999, max unlimited → 2000"


def test_applying_the_same_sizes_twice_changes_nothing_the_second_time():
    data = json.loads((OWN_FIXTURES / "quality-size.json").read_text())
    apply_trash_quality_sizes(data)

    assert apply_trash_quality_sizes(data) == []


def test_a_quality_name_radarr_does_not_know_refuses_the_file():
    data = {"qualities": [{"quality": "WEBDL-1080p", "min": 5}, {"quality": "Bluray-8K", "min": 1}]}

    with pytest.raises(ValidationFailed) as error:
        apply_trash_quality_sizes(data)

    assert error.value.failures[0].attempted_value == "Bluray-8K"
    assert size_of("WEBDL-1080p")[0] == 0


def test_a_profile_imports_lowest_first_with_its_group_as_cutoff_and_its_score_set():
    formats, scores = create_formats(json.loads((OWN_FIXTURES / "custom-formats.json").read_text()))
    unrelated = CustomFormat.objects.create(name="Unrelated")
    data = json.loads((OWN_FIXTURES / "quality-profile.json").read_text())

    profile = import_trash_profile(data, formats, scores)

    assert profile.items[0] == {"quality": 0, "allowed": False} and profile.items[-1]["quality"] == 10
    disc_web = next(item for item in profile.items if item.get("name") == "Disc|Web 1080p")
    assert profile.cutoff == disc_web["id"] and disc_web["qualities"] == [7, 3, 15]  # members as listed
    assert profile.language_id == -2 and profile.min_upgrade_format_score == 5
    stored = dict(
        ProfileFormatScore.objects.filter(profile=profile).values_list("custom_format__name", "score")
    )
    assert stored == {"HEVC": 25, "Atmos": 300, unrelated.name: 0}  # score set, else default, else 0


def test_importing_a_profile_again_replaces_it_by_name():
    formats, scores = create_formats(json.loads((OWN_FIXTURES / "custom-formats.json").read_text()))
    data = json.loads((OWN_FIXTURES / "quality-profile.json").read_text())
    first = import_trash_profile(data, formats, scores)

    second = import_trash_profile(data | {"upgradeAllowed": False}, formats, scores)

    assert second.pk == first.pk and second.upgrade_allowed is False
    assert QualityProfile.objects.filter(name="Home Theatre").count() == 1


def test_an_imported_profile_answers_the_api_like_any_other(api_client):
    formats, scores = create_formats(json.loads((OWN_FIXTURES / "custom-formats.json").read_text()))
    profile = import_trash_profile(
        json.loads((OWN_FIXTURES / "quality-profile.json").read_text()), formats, scores
    )

    body = api_client.get(f"/api/v3/qualityprofile/{profile.pk}").json()

    assert body["language"] == {"id": -2, "name": "Original"}
    assert {item["name"]: item["score"] for item in body["formatItems"]} == {"HEVC": 25, "Atmos": 300}


@requires_shared
@pytest.mark.parametrize("path", shared_files("quality-size"), ids=lambda path: path.stem)
def test_every_trash_quality_size_file_imports(path):
    data = json.loads(path.read_text())

    apply_trash_quality_sizes(data)

    for entry in data["qualities"]:
        assert size_of(entry["quality"]) == (entry["min"], entry["preferred"], entry["max"])


@pytest.fixture(scope="module")
def trash_formats_by_id() -> dict[str, dict[str, Any]]:
    files = [json.loads(path.read_text()) for path in shared_files("cf")]
    return {data["trash_id"]: data for data in files}


@requires_shared
@pytest.mark.parametrize("path", shared_files("quality-profiles"), ids=lambda path: path.stem)
def test_every_trash_quality_profile_imports(path, trash_formats_by_id):
    data = json.loads(path.read_text())
    referenced = [trash_formats_by_id[trash_id] for trash_id in data["formatItems"].values()]
    formats, scores = create_formats(referenced)

    profile = import_trash_profile(data, formats, scores)

    labels = [item.get("name") or QUALITIES_BY_ID[item["quality"]].name for item in profile.items]
    assert labels == [entry["name"] for entry in reversed(data["items"])]
    assert (
        labels[[item.get("id", item.get("quality")) for item in profile.items].index(profile.cutoff)]
        == (data["cutoff"])
    )
    score_set = data.get("trash_score_set") or "default"
    expected = {
        formats[trash_id].pk: scores[trash_id].get(score_set, scores[trash_id].get("default", 0))
        for trash_id in data["formatItems"].values()
    }
    assert (
        dict(ProfileFormatScore.objects.filter(profile=profile).values_list("custom_format", "score"))
        == expected
    )
