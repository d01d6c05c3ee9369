"""UI settings (Radarr's config/ui): the v3 resource, validation, and what the pages read from them.

The format values are the moment.js patterns Radarr's settings page offers; Buildarr and other tools
send exactly those, and our pages translate each to a Django date format, so only they are accepted.
"""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.models import UiConfig

DAYS_OF_WEEK = {
    0: "Sunday",
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
}
# moment.js pattern → (example as Radarr's page shows it, Django date format that renders it)
WEEK_COLUMN_HEADERS = {
    "ddd M/D": ("Tue 3/25", "D n/j"),
    "ddd MM/DD": ("Tue 03/25", "D m/d"),
    "ddd D/M": ("Tue 25/3", "D j/n"),
    "ddd DD/MM": ("Tue 25/03", "D d/m"),
}
SHORT_DATE_FORMATS = {
    "MMM D YYYY": ("Mar 25 2014", "M j Y"),
    "DD MMM YYYY": ("25 Mar 2014", "d M Y"),
    "MM/D/YYYY": ("03/25/2014", "m/j/Y"),
    "MM/DD/YYYY": ("03/25/2014", "m/d/Y"),
    "DD/MM/YYYY": ("25/03/2014", "d/m/Y"),
    "YYYY-MM-DD": ("2014-03-25", "Y-m-d"),
}
LONG_DATE_FORMATS = {
    "dddd, MMMM D YYYY": ("Tuesday, March 25, 2014", "l, F j Y"),
    "dddd, D MMMM YYYY": ("Tuesday, 25 March, 2014", "l, j F Y"),
}
TIME_FORMATS = {
    "h(:mm)a": ("5pm / 5:30pm", "P"),  # Django's P leaves ":00" off as moment's "(:mm)" does
    "HH:mm": ("17:00 / 17:30", "H:i"),
}
RUNTIME_FORMATS = {"hoursMinutes": "1h 15m", "minutes": "75 mins"}
THEMES = {"auto": "Auto", "light": "Light", "dark": "Dark"}

# v3 name → (model attribute, allowed values or None for a language id or a boolean)
FIELDS: dict[str, tuple[str, dict[Any, Any] | None]] = {
    "firstDayOfWeek": ("first_day_of_week", DAYS_OF_WEEK),
    "calendarWeekColumnHeader": ("calendar_week_column_header", WEEK_COLUMN_HEADERS),
    "movieRuntimeFormat": ("movie_runtime_format", RUNTIME_FORMATS),
    "shortDateFormat": ("short_date_format", SHORT_DATE_FORMATS),
    "longDateFormat": ("long_date_format", LONG_DATE_FORMATS),
    "timeFormat": ("time_format", TIME_FORMATS),
    "showRelativeDates": ("show_relative_dates", None),
    "enableColorImpairedMode": ("enable_color_impaired_mode", None),
    "movieInfoLanguage": ("movie_info_language", None),
    "uiLanguage": ("ui_language", None),
    "theme": ("theme", THEMES),
}
LANGUAGE_FIELDS = {"movieInfoLanguage": "Movie Info Language", "uiLanguage": "UI Language"}


def ui_config_resource(config: UiConfig) -> dict[str, Any]:
    """The row in Radarr's UiConfigResource shape (id 1, camelCase, Radarr's order)."""
    return {"id": 1} | {name: getattr(config, attribute) for name, (attribute, _) in FIELDS.items()}


def language_choices() -> list[tuple[int, str]]:
    """Languages a person can read titles or the interface in: Radarr's table without its wildcards."""
    # Radarr's language table lives in releases, to the right of this app: settings names it
    languages = import_string(settings.RADARR_LANGUAGES)
    return [(language.id, language.name) for language in languages if language.id >= 1]


def _failure(name: str, value: Any, allowed: dict[Any, Any] | None) -> Failure | None:
    """Why `value` is not acceptable for the v3 field `name`, or None when it is."""
    if name in LANGUAGE_FIELDS:
        known = {language_id for language_id, _ in language_choices()}
        if isinstance(value, bool) or not isinstance(value, int) or value not in known:
            message = f"{LANGUAGE_FIELDS[name]} must be the id of a known language (1 or more)"
            return Failure(name, message, value)
        return None
    if allowed is None:  # the two switches
        return None if isinstance(value, bool) else Failure(name, f"'{name}' must be true or false", value)
    expected = type(next(iter(allowed)))  # exactly: True is an int to Python, not to the API
    if type(value) is not expected or value not in allowed:
        choices = ", ".join(str(key) for key in allowed)
        return Failure(name, f"'{name}' must be one of: {choices}", value)
    return None


def save_ui_config(body: dict[str, Any]) -> UiConfig:
    """Apply the given settings (v3 names; absent ones keep their value); all-or-nothing, in Radarr's
    validation shape. Radarr's clients always send the whole object; a partial one is accepted too."""
    config = UiConfig.load()
    failures = []
    for name, (attribute, allowed) in FIELDS.items():
        if name not in body:
            continue
        failure = _failure(name, body[name], allowed)
        if failure:
            failures.append(failure)
        else:
            setattr(config, attribute, body[name])
    if failures:
        raise ValidationFailed(failures)
    config.save()
    return config


def week_column_format(config: UiConfig) -> str:
    """The Django date format of the calendar's week-view column headers."""
    return WEEK_COLUMN_HEADERS.get(config.calendar_week_column_header, WEEK_COLUMN_HEADERS["ddd M/D"])[1]


def date_formats(config: UiConfig) -> dict[str, str]:
    """The Django date formats pages render dates with (`{{ day|date:formats.short }}`)."""
    return {
        "short": SHORT_DATE_FORMATS.get(config.short_date_format, SHORT_DATE_FORMATS["MMM D YYYY"])[1],
        "long": LONG_DATE_FORMATS.get(config.long_date_format, LONG_DATE_FORMATS["dddd, MMMM D YYYY"])[1],
        "time": TIME_FORMATS.get(config.time_format, TIME_FORMATS["h(:mm)a"])[1],
    }


def ui_settings_from_form(post: Any) -> dict[str, Any]:
    """Settings → UI's posted form as the v3 body save_ui_config takes (numbers parsed, boxes read)."""
    body: dict[str, Any] = {}
    for name, (_, allowed) in FIELDS.items():
        if allowed is None and name not in LANGUAGE_FIELDS:
            body[name] = name in post  # an unticked box is absent from a form post
            continue
        raw = str(post.get(name, "")).strip()
        is_number = name in LANGUAGE_FIELDS or name == "firstDayOfWeek"
        number = int_or_none(raw) if is_number else None
        body[name] = raw if number is None else number
    return body


LABELS = {
    "firstDayOfWeek": ("First Day of Week", "Where the calendar's weeks and month rows start"),
    "calendarWeekColumnHeader": ("Week Column Header", "The day headings of the calendar's week view"),
    "movieRuntimeFormat": ("Runtime Format", ""),
    "shortDateFormat": ("Short Date Format", ""),
    "longDateFormat": ("Long Date Format", ""),
    "timeFormat": ("Time Format", ""),
    "showRelativeDates": ("Show Relative Dates", "Today, yesterday and so on instead of dates"),
    "enableColorImpairedMode": ("Color-Impaired Mode", "Status colours told apart by more than hue"),
    "movieInfoLanguage": ("Movie Info Language", "The language of titles and overviews from TMDB"),
    "uiLanguage": ("UI Language", "The language of the interface"),
    "theme": ("Theme", ""),
}


def _options(name: str) -> list[tuple[Any, str]]:
    if name in LANGUAGE_FIELDS:
        return language_choices()
    allowed = FIELDS[name][1] or {}
    return [(key, label if isinstance(label, str) else label[0]) for key, label in allowed.items()]


def page_fields(values: dict[str, Any]) -> list[dict[str, Any]]:
    """Each setting as Settings → UI draws it: a select with its options, or a checkbox."""
    rows = []
    for name, (label, help_text) in LABELS.items():
        value = values.get(name)
        row: dict[str, Any] = {"name": name, "label": label, "help_text": help_text}
        if isinstance(FIELDS[name][1], dict) or name in LANGUAGE_FIELDS:
            options = [(key, text, key == value) for key, text in _options(name)]
            row |= {"kind": "select", "options": options}
        else:
            row |= {"kind": "checkbox", "checked": bool(value)}
        rows.append(row)
    return rows
