"""Radarr's status and availability rules on release dates."""

from datetime import date

import pytest

from movies.availability import available_date, is_available_on, movie_status, release_date
from movies.tmdbparse import release_dates

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("in_cinemas", "digital", "physical", "tmdb_status", "expected"),
    [
        (None, None, None, "Rumored", "tba"),
        (None, None, None, "Planned", "tba"),
        (None, None, None, "", "tba"),
        (None, None, None, "Released", "released"),
        (date(2026, 7, 1), None, None, "Post Production", "announced"),
        (date(2026, 6, 1), None, None, "Released", "inCinemas"),
        (date(2026, 6, 1), date(2026, 8, 1), None, "Released", "inCinemas"),
        (date(2026, 3, 1), None, None, "Released", "released"),  # 90 days after the cinema date
        (date(2026, 6, 1), date(2026, 6, 10), None, "Released", "released"),
        (date(2026, 6, 1), None, date(2026, 6, 14), "Released", "released"),
        (None, date(2026, 6, 15), None, "Released", "released"),  # straight to streaming, out today
        (None, date(2026, 6, 20), None, "Released", "announced"),
    ],
)
def test_status_follows_the_dates(in_cinemas, digital, physical, tmdb_status, expected):
    assert movie_status(in_cinemas, digital, physical, tmdb_status, today=TODAY) == expected


def test_release_date_is_the_earliest_home_release():
    assert release_date(date(2026, 1, 1), date(2026, 5, 1), date(2026, 4, 1)) == date(2026, 4, 1)


def test_release_date_without_home_releases_is_ninety_days_after_cinemas():
    assert release_date(date(2026, 1, 1), None, None) == date(2026, 4, 1)
    assert release_date(None, None, None) is None


@pytest.mark.parametrize(
    ("minimum", "expected"),
    [
        ("announced", date.min),
        ("inCinemas", date(2026, 1, 1)),
        ("released", date(2026, 4, 1)),
    ],
)
def test_available_date_per_minimum_availability(minimum, expected):
    assert available_date(minimum, date(2026, 1, 1), None, None) == expected


def test_in_cinemas_minimum_is_met_by_a_film_that_skipped_cinemas():
    assert available_date("inCinemas", None, date(2026, 2, 1), None) == date(2026, 2, 1)


def test_availability_waits_for_the_delay():
    arguments = ("released", "released", None, date(2026, 6, 10), None)

    assert is_available_on(*arguments, today=TODAY)
    assert not is_available_on(*arguments, today=TODAY, delay_days=7)


def test_a_movie_without_any_date_is_available_only_when_tmdb_calls_it_released():
    assert is_available_on("released", "released", None, None, None, today=TODAY)
    assert not is_available_on("released", "tba", None, None, None, today=TODAY)
    assert is_available_on("announced", "tba", None, None, None, today=TODAY)


def test_an_announced_movie_is_not_available_for_in_cinemas_before_its_date():
    assert not is_available_on("inCinemas", "announced", date(2026, 7, 1), None, None, today=TODAY)


def _release_dates(*rows):
    by_country: dict[str, list] = {}
    for country, kind, day, note in rows:
        by_country.setdefault(country, []).append(
            {"certification": "", "note": note, "release_date": f"{day}T00:00:00.000Z", "type": kind}
        )
    return {"results": [{"iso_3166_1": c, "release_dates": dates} for c, dates in by_country.items()]}


def test_region_dates_win_over_earlier_foreign_ones():
    data = _release_dates(
        ("FR", 3, "2026-01-10", ""), ("US", 3, "2026-02-01", ""), ("FR", 4, "2026-03-01", "")
    )

    assert release_dates(data) == (date(2026, 2, 1), date(2026, 3, 1), None)


def test_limited_release_then_premiere_stand_in_for_a_wide_release():
    assert release_dates(_release_dates(("US", 2, "2026-02-01", ""), ("US", 1, "2026-01-01", "")))[0] == date(
        2026, 2, 1
    )
    assert release_dates(_release_dates(("US", 1, "2026-01-01", "")))[0] == date(2026, 1, 1)


def test_a_foreign_premiere_is_not_a_cinema_date():
    assert release_dates(_release_dates(("FR", 1, "2026-01-01", "Cannes")))[0] is None


def test_a_festival_digital_screening_is_not_a_digital_release():
    data = _release_dates(
        ("US", 4, "2026-01-20", "Sundance Film Festival"), ("US", 4, "2026-06-01", "Netflix")
    )

    assert release_dates(data)[1] == date(2026, 6, 1)
