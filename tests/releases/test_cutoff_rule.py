"""ProfileFacts.cutoff_unmet, the one "cutoff unmet" rule (Radarr's CutoffNotMet)."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from releases.decisions.context import ProfileFacts

ITEMS = tuple(
    {"quality": q, "allowed": q != 1} for q in (1, 2, 4, 6, 7)
)  # SDTV (not allowed) ... Bluray-1080p


TODAY = date(2026, 3, 10)


def profile(**fields: object) -> ProfileFacts:
    return ProfileFacts(1, "Test", fields.pop("upgrade_allowed", True), 6, ITEMS, **fields)


def is_unmet(facts: ProfileFacts, quality: int, score: int, **file: object) -> bool:
    """The rule for a file without formats, of a movie never imported, unless `file` says otherwise."""
    file = {"format_ids": (), "first_imported": None, "today": TODAY} | file
    return facts.cutoff_unmet(quality, score, **file)


@pytest.mark.parametrize(
    ("quality", "score", "unmet"),
    [(4, 500, True), (6, 99, True), (6, 100, False), (7, 100, False), (7, 0, True)],
)
def test_with_upgrades_a_file_needs_the_cutoff_quality_and_the_cutoff_score(quality, score, unmet):
    assert is_unmet(profile(cutoff_format_score=100), quality, score) is unmet


@pytest.mark.parametrize(
    ("quality", "score", "unmet"),
    [(1, 100, True), (2, 50, False), (2, 49, True), (7, 50, False)],
)
def test_without_upgrades_the_first_allowed_quality_and_the_minimum_score_are_the_cutoff(
    quality, score, unmet
):
    settled = profile(upgrade_allowed=False, min_format_score=50, cutoff_format_score=1000)

    assert is_unmet(settled, quality, score) is unmet


def test_a_quality_the_profile_does_not_list_is_below_the_cutoff():
    assert is_unmet(profile(), 31, 0) is True


def _imported(day: date) -> datetime:
    """Late evening of `day` in the server's zone: the window counts local days, not UTC ones."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, 23, 30))


@pytest.mark.parametrize(
    ("imported", "days", "expected"),
    [
        (date(2026, 3, 1), 9, True),  # the window's last day is today: still upgrading
        (date(2026, 3, 1), 8, False),  # ended yesterday
        (date(2026, 3, 10), 0, True),  # a window of 0 days: the import's own day only
        (date(2026, 3, 9), 0, False),
        (date(2020, 1, 1), None, True),  # no window: upgrades go on for ever
    ],
)
def test_an_upgrade_window_stops_upgrades_the_day_after_it_ends(imported, days, expected):
    facts = profile(cutoff_format_score=100, upgrade_window_days=days)

    assert is_unmet(facts, 4, 0, first_imported=_imported(imported)) is expected


def test_a_window_reads_the_first_import_in_the_servers_time_zone(settings):
    settings.TIME_ZONE = "Pacific/Auckland"  # 2026-03-01 20:00 UTC is already 2 March there
    facts = profile(upgrade_window_days=7)

    assert facts.upgrade_window_end(datetime(2026, 3, 1, 20, 0, tzinfo=UTC)) == date(2026, 3, 9)


def test_a_movie_never_imported_has_no_window_to_end():
    assert is_unmet(profile(upgrade_window_days=0), 4, 0, first_imported=None) is True


@pytest.mark.parametrize(("format_ids", "expected"), [((3, 9), False), ((3,), True), ((), True)])
def test_a_file_with_the_cutoff_format_meets_the_cutoff_whatever_its_quality_and_score(format_ids, expected):
    facts = profile(cutoff_format_score=100, cutoff_format_id=9, cutoff_format_name="Remux")

    assert is_unmet(facts, 2, 0, format_ids=format_ids) is expected
