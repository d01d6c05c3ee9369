"""UI settings: /api/v3/config/ui in Radarr's shape and validation, and the Settings → UI page."""

import json
from datetime import date, datetime

import pytest
from django.utils import dateformat

from radarr.models import UiConfig
from radarr.system.uiconfig import date_formats, week_column_format
from tests.shared import SHARED_DIR

pytestmark = pytest.mark.django_db

SPEC = SHARED_DIR / "radarr-api" / "openapi.json"
RADARR_DEFAULTS = {
    "id": 1,
    "firstDayOfWeek": 0,
    "calendarWeekColumnHeader": "ddd M/D",
    "movieRuntimeFormat": "hoursMinutes",
    "shortDateFormat": "MMM D YYYY",
    "longDateFormat": "dddd, MMMM D YYYY",
    "timeFormat": "h(:mm)a",
    "showRelativeDates": True,
    "enableColorImpairedMode": False,
    "movieInfoLanguage": 1,
    "uiLanguage": 1,
    "theme": "auto",
}


def put(api_client, body: dict, url: str = "/api/v3/config/ui/1"):
    return api_client.put(url, json.dumps(body), content_type="application/json")


def test_the_ui_settings_start_with_radarrs_defaults(api_client):
    assert api_client.get("/api/v3/config/ui").json() == RADARR_DEFAULTS
    assert api_client.get("/api/v3/config/ui/1").json() == RADARR_DEFAULTS


@pytest.mark.skipif(not SPEC.is_file(), reason="Radarr's openapi.json is in the team's shared folder only")
def test_the_resource_has_every_property_of_radarrs_ui_config_resource(api_client):
    declared = json.loads(SPEC.read_text())["components"]["schemas"]["UiConfigResource"]["properties"]

    assert set(api_client.get("/api/v3/config/ui").json()) == set(declared)


def test_a_whole_object_put_round_trips(api_client):
    changed = RADARR_DEFAULTS | {
        "firstDayOfWeek": 1,
        "calendarWeekColumnHeader": "ddd DD/MM",
        "movieRuntimeFormat": "minutes",
        "shortDateFormat": "YYYY-MM-DD",
        "longDateFormat": "dddd, D MMMM YYYY",
        "timeFormat": "HH:mm",
        "showRelativeDates": False,
        "enableColorImpairedMode": True,
        "movieInfoLanguage": 4,
        "uiLanguage": 2,
        "theme": "dark",
    }

    response = put(api_client, changed)

    assert response.status_code == 202 and response.json() == changed
    assert api_client.get("/api/v3/config/ui").json() == changed
    assert UiConfig.load().first_weekday == 0  # Monday in Python's numbering, for the calendar


def test_a_partial_body_changes_only_what_it_names(api_client):
    put(api_client, {"firstDayOfWeek": 1})

    assert api_client.get("/api/v3/config/ui").json() == RADARR_DEFAULTS | {"firstDayOfWeek": 1}


def test_invalid_values_are_refused_in_radarrs_validation_shape_and_nothing_is_saved(api_client):
    response = put(
        api_client,
        {
            "firstDayOfWeek": 7,
            "theme": "neon",
            "uiLanguage": 0,
            "showRelativeDates": "yes",
            "timeFormat": "HH:mm",
        },
    )

    assert response.status_code == 400
    failures = {failure["propertyName"]: failure for failure in response.json()}
    assert set(failures) == {"firstDayOfWeek", "theme", "uiLanguage", "showRelativeDates"}
    assert failures["theme"]["attemptedValue"] == "neon" and failures["theme"]["severity"] == "error"
    assert "auto, light, dark" in failures["theme"]["errorMessage"]
    assert "language" in failures["uiLanguage"]["errorMessage"]
    assert api_client.get("/api/v3/config/ui").json() == RADARR_DEFAULTS  # timeFormat was not applied


@pytest.mark.parametrize(
    "body",
    [
        {"firstDayOfWeek": True},  # a boolean is not a day
        {"firstDayOfWeek": "1"},
        {"movieInfoLanguage": -1},  # Radarr's "Any" is a profile wildcard, not a language to read
        {"uiLanguage": True},  # True is 1 to Python, English to nobody
        {"shortDateFormat": ["MMM D YYYY"]},
        {"movieRuntimeFormat": "seconds"},
    ],
)
def test_values_of_the_wrong_kind_are_refused(api_client, body):
    response = put(api_client, body)

    assert response.status_code == 400
    assert [failure["propertyName"] for failure in response.json()] == list(body)


def test_the_ui_settings_need_the_api_key(client):
    assert client.get("/api/v3/config/ui").status_code == 401


def test_settings_links_the_ui_page(admin_client):
    assert 'href="/settings/ui"' in admin_client.get("/settings").content.decode()


def test_the_ui_page_shows_the_current_choices_and_saves_the_form(admin_client):
    page = admin_client.get("/settings/ui").content.decode()
    assert '<option value="0" selected>Sunday</option>' in page

    form = {
        "firstDayOfWeek": "1",
        "calendarWeekColumnHeader": "ddd D/M",
        "movieRuntimeFormat": "hoursMinutes",
        "shortDateFormat": "DD/MM/YYYY",
        "longDateFormat": "dddd, D MMMM YYYY",
        "timeFormat": "HH:mm",
        "enableColorImpairedMode": "on",
        "movieInfoLanguage": "2",
        "uiLanguage": "1",
        "theme": "light",
    }
    response = admin_client.post("/settings/ui", form)

    assert response.status_code == 302
    config = UiConfig.load()
    assert (config.first_day_of_week, config.short_date_format, config.theme) == (1, "DD/MM/YYYY", "light")
    assert config.enable_color_impaired_mode is True and config.show_relative_dates is False  # unticked
    assert config.movie_info_language == 2
    assert '<option value="1" selected>Monday</option>' in admin_client.get("/settings/ui").content.decode()


def test_the_ui_page_refuses_a_bad_value_with_the_apis_message(admin_client):
    response = admin_client.post("/settings/ui", {"firstDayOfWeek": "9", "theme": "auto", "uiLanguage": "1"})

    assert response.status_code == 400
    assert "firstDayOfWeek" in response.content.decode()
    assert UiConfig.load().first_day_of_week == 0


def test_pages_show_dates_in_the_chosen_formats(admin_client, api_client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.movies.factories import MovieFactory

    MovieFactory(title="Gap Film", in_cinemas=date(2010, 5, 1))
    soon = timezone.localdate() + timedelta(days=2)
    MovieFactory(title="Soon Film", in_cinemas=soon, digital_release=None, physical_release=None)
    assert "<td>May 1 2010</td>" in admin_client.get("/wanted/missing").content.decode()  # Radarr's default

    put(api_client, {"shortDateFormat": "YYYY-MM-DD", "longDateFormat": "dddd, D MMMM YYYY"})

    assert "<td>2010-05-01</td>" in admin_client.get("/wanted/missing").content.decode()
    agenda = admin_client.get("/calendar?view=agenda").content.decode()
    assert f"<h2>{soon:%A}, {soon.day} {soon:%B} {soon.year}</h2>" in agenda


def test_each_format_choice_renders_dates_as_radarrs_page_shows_them():
    config = UiConfig.load()
    moment = datetime(2014, 3, 25, 17, 0)  # the day and hour Radarr's examples use
    choices = [
        ("short_date_format", "DD MMM YYYY", "short", "25 Mar 2014"),
        ("long_date_format", "dddd, D MMMM YYYY", "long", "Tuesday, 25 March 2014"),
        ("time_format", "HH:mm", "time", "17:00"),
        ("time_format", "h(:mm)a", "time", "5 p.m."),
    ]
    for attribute, choice, key, shown in choices:
        setattr(config, attribute, choice)

        assert dateformat.format(moment, date_formats(config)[key]) == shown, choice


def test_a_stored_format_no_longer_offered_falls_back_to_radarrs_default():
    config = UiConfig(calendar_week_column_header="dddd", short_date_format="?", time_format="?")

    assert week_column_format(config) == "D n/j"
    assert date_formats(config)["short"] == "M j Y" and date_formats(config)["time"] == "P"
