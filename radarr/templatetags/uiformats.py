"""Dates, times and sizes as Settings → UI says, the same on every page: `{% load uiformats %}`.

    {% short_date movie.added %}    Mar 25 2014, or Today / Yesterday / Tomorrow when relative dates are on
    {% long_date day %}             Tuesday, March 25 2014
    {% date_time history.date %}    the short date and the time (5:30pm or 17:30)
    {{ movie_file.size|bytes }}     1.4 GiB: binary units with one decimal, as Radarr's formatBytes

The date tags read the UI settings once per request (kept on the request object), so a long table
costs one query, not one per cell.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from radarr.models import UiConfig
from radarr.system.uiconfig import date_formats

register = template.Library()

UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")
_CACHED = "_radarr_ui_formats"


def ui_formats(request: Any = None) -> dict[str, Any]:
    """The Django date formats and the relative-dates switch, read once per request."""
    cached = getattr(request, _CACHED, None)
    if cached is not None:
        return cached
    config = UiConfig.load()
    formats = date_formats(config) | {"relative": config.show_relative_dates}
    if request is not None:
        setattr(request, _CACHED, formats)
    return formats


def _formats(context: template.Context) -> dict[str, Any]:
    return ui_formats(context.get("request"))


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _as_date(value: Any) -> date | datetime | None:
    """A date or datetime as given, an ISO text (a v3 resource's) parsed, else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def relative_day(value: date | datetime, today: date | None = None) -> str:
    """ "Today", "Yesterday" or "Tomorrow" for those days, else ""."""
    day = value.date() if isinstance(value, datetime) else value
    today = today or timezone.localdate()
    names = {today: "Today", today - timedelta(days=1): "Yesterday", today + timedelta(days=1): "Tomorrow"}
    return names.get(day, "")


def format_short_date(value: Any, formats: dict[str, Any]) -> str:
    value = _as_date(value)
    if value is None:
        return ""
    value = _local(value)
    return (formats["relative"] and relative_day(value)) or format_date(value, formats["short"])


@register.simple_tag(takes_context=True)
def short_date(context: template.Context, value: Any, default: str = "") -> str:
    return format_short_date(value, _formats(context)) or default


@register.simple_tag(takes_context=True)
def long_date(context: template.Context, value: Any, default: str = "") -> str:
    value = _as_date(value)
    return format_date(_local(value), _formats(context)["long"]) if value is not None else default


def format_time(value: datetime, time_format: str) -> str:
    """The time as Settings → UI says; Radarr's "h(:mm)a" is 5pm or 5:30pm (Django's P says "noon")."""
    value = _local(value)
    if time_format != "P":
        return format_date(value, time_format)
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{value.hour % 12 or 12}{minutes}{'pm' if value.hour >= 12 else 'am'}"


@register.simple_tag(takes_context=True)
def date_time(context: template.Context, value: Any, default: str = "") -> str:
    value = _as_date(value)
    if value is None:
        return default
    formats = _formats(context)
    if not isinstance(value, datetime):
        return format_short_date(value, formats)
    return f"{format_short_date(value, formats)} {format_time(value, formats['time'])}"


@register.filter(name="bytes")
def format_bytes(value: Any) -> str:
    """A size in bytes as Radarr shows it: 1024-based units, one decimal at most ("1.4 GiB", "700 MiB")."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        return ""
    unit = 0
    while abs(size) >= 1024 and unit < len(UNITS) - 1:
        size /= 1024
        unit += 1
    number = f"{size:.1f}".removesuffix(".0") if unit else f"{size:.0f}"
    return f"{number} {UNITS[unit]}"
