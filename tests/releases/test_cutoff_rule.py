"""ProfileFacts.cutoff_unmet, the one "cutoff unmet" rule (Radarr's CutoffNotMet)."""

import pytest

from releases.decisions.context import ProfileFacts

ITEMS = tuple(
    {"quality": q, "allowed": q != 1} for q in (1, 2, 4, 6, 7)
)  # SDTV (not allowed) ... Bluray-1080p


def profile(**fields: object) -> ProfileFacts:
    return ProfileFacts(1, "Test", fields.pop("upgrade_allowed", True), 6, ITEMS, **fields)


@pytest.mark.parametrize(
    ("quality", "score", "unmet"),
    [(4, 500, True), (6, 99, True), (6, 100, False), (7, 100, False), (7, 0, True)],
)
def test_with_upgrades_a_file_needs_the_cutoff_quality_and_the_cutoff_score(quality, score, unmet):
    assert profile(cutoff_format_score=100).cutoff_unmet(quality, score) is unmet


@pytest.mark.parametrize(
    ("quality", "score", "unmet"),
    [(1, 100, True), (2, 50, False), (2, 49, True), (7, 50, False)],
)
def test_without_upgrades_the_first_allowed_quality_and_the_minimum_score_are_the_cutoff(
    quality, score, unmet
):
    settled = profile(upgrade_allowed=False, min_format_score=50, cutoff_format_score=1000)

    assert settled.cutoff_unmet(quality, score) is unmet


def test_a_quality_the_profile_does_not_list_is_below_the_cutoff():
    assert profile().cutoff_unmet(31, 0) is True
