"""What is coming out when: release dates of the library by day, for the calendar, its API and iCal feed.

A movie has up to three dated events (cinema, digital, physical). The calendar page, `/api/v3/calendar`
and `/feed/v3/calendar/radarr.ics` all read the same `calendar_movies` query.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from movies.models import Movie, MovieQuerySet, MovieStatus, MovieVersion
from radarr.api.params import int_or_none
from radarr.models import Tag

# Radarr's releaseTypes values, the Movie field each reads, the iCal UID suffix and the summary label
RELEASE_TYPES: dict[str, tuple[str, str, str]] = {
    "cinemaRelease": ("in_cinemas", "cinemas", "Theatrical Release"),
    "digitalRelease": ("digital_release", "digital", "Digital Release"),
    "physicalRelease": ("physical_release", "physical", "Physical Release"),
}


class UnknownTag(ValueError):
    """A tag label in a calendar filter that no tag has."""


@dataclass(frozen=True, slots=True)
class VersionBadge:
    """An extra version of an event's movie, coloured as the event is (from the version's own file,
    queue and monitoring)."""

    name: str
    status: str


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    movie: Movie
    day: date
    release_type: str  # a key of RELEASE_TYPES
    status: str  # downloaded, queued, missing, unmonitored, unreleased
    versions: tuple[VersionBadge, ...] = ()  # the movie's extra versions (none for most movies)

    @property
    def label(self) -> str:
        return RELEASE_TYPES[self.release_type][2]


@dataclass(slots=True)
class CalendarDay:
    day: date
    events: list[CalendarEvent] = field(default_factory=list)
    in_month: bool = True

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()


def tag_ids_from(values: Iterable[str]) -> list[int]:
    """Tags as the feed takes them: comma-separated ids or labels; an unknown label is an error."""
    ids: list[int] = []
    for value in values:
        for part in (piece.strip() for piece in value.split(",")):
            if not part:
                continue
            if (tag_id := int_or_none(part, minimum=0)) is not None:
                ids.append(tag_id)
                continue
            tag = Tag.objects.filter(label__iexact=part).first()
            if tag is None:
                raise UnknownTag(f"No tag is labelled '{part}'")
            ids.append(tag.pk)
    return ids


def release_types_from(values: Iterable[str]) -> list[str]:
    """Known releaseTypes (case-insensitive, repeatable or comma-separated); none given means all."""
    by_lower = {name.lower(): name for name in RELEASE_TYPES}
    chosen = [
        by_lower[part.strip().lower()]
        for value in values
        for part in value.split(",")
        if part.strip().lower() in by_lower
    ]
    return chosen or list(RELEASE_TYPES)


def calendar_movies(
    start: date,
    end: date,
    *,
    include_unmonitored: bool = False,
    tag_ids: Iterable[int] = (),
    release_types: Iterable[str] = tuple(RELEASE_TYPES),
) -> MovieQuerySet:
    """Movies with a date of one of `release_types` in [start, end] (both days included)."""
    dated = Q()
    for release_type in release_types:
        field_name = RELEASE_TYPES[release_type][0]
        dated |= Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})
    movies = Movie.objects.filter(dated)
    if not include_unmonitored:
        movies = movies.filter(monitored=True)
    tag_ids = list(tag_ids)
    if tag_ids:
        tagged = Movie.tags.through.objects.filter(tag_id__in=tag_ids).values("movie_id")
        movies = movies.filter(pk__in=tagged)
    return movies.order_by("in_cinemas", "digital_release", "physical_release", "pk")


def _status(has_file: bool, queued: bool, monitored: bool, day: date, today: date) -> str:
    if has_file:
        return "downloaded"
    if queued:
        return "queued"
    if not monitored:
        return "unmonitored"
    return "missing" if day <= today else "unreleased"


def event_status(movie: Movie, queued_ids: set[int], day: date, today: date) -> str:
    """The colour of an event: Radarr's downloaded, queued, missing (out but no file), unmonitored."""
    return _status(movie.has_file, movie.pk in queued_ids, movie.monitored, day, today)


def with_versions(
    events: list[CalendarEvent], extras: dict[int, list[MovieVersion]], queued_version_ids: set[int]
) -> list[CalendarEvent]:
    """The events with a badge for each extra version of their movie (`extras`: by movie id, as
    movies.versions.extra_rows_by_movie gives them)."""
    today = timezone.localdate()
    return [
        replace(
            event,
            versions=tuple(
                VersionBadge(
                    row.name,
                    _status(row.has_file, row.pk in queued_version_ids, row.monitored, event.day, today),
                )
                for row in extras.get(event.movie.pk, ())
            ),
        )
        if event.movie.pk in extras
        else event
        for event in events
    ]


def calendar_events(
    movies: Iterable[Movie],
    start: date,
    end: date,
    *,
    release_types: Iterable[str] = tuple(RELEASE_TYPES),
    queued_ids: set[int] | None = None,
) -> list[CalendarEvent]:
    """Every dated event of `movies` inside [start, end], by day then title."""
    today = timezone.localdate()
    queued_ids = queued_ids or set()
    events = []
    for movie in movies:
        for release_type in release_types:
            day = getattr(movie, RELEASE_TYPES[release_type][0])
            if day is not None and start <= day <= end:
                events.append(
                    CalendarEvent(movie, day, release_type, event_status(movie, queued_ids, day, today))
                )
    events.sort(key=lambda event: (event.day, event.movie.sort_title))
    return events


# ---- the page's views of time


@dataclass(frozen=True, slots=True)
class CalendarRange:
    view: str  # month, week, forecast, day, agenda
    anchor: date  # the day the user navigated to
    start: date
    end: date
    previous: date
    next: date


def calendar_range(view: str, anchor: date, first_weekday: int = 6) -> CalendarRange:
    """The days a view shows around `anchor`; `first_weekday` in Python's numbering (0 = Monday ... 6 =
    Sunday, Radarr's default; UiConfig.first_weekday converts Radarr's setting)."""
    if view == "week":
        start = anchor - timedelta(days=(anchor.weekday() - first_weekday) % 7)
        return CalendarRange(
            view, anchor, start, start + timedelta(days=6), anchor - timedelta(7), anchor + timedelta(7)
        )
    if view == "day":
        return CalendarRange(view, anchor, anchor, anchor, anchor - timedelta(1), anchor + timedelta(1))
    if view == "forecast":  # Radarr's forecast: yesterday and the six days after it, rolling
        start = anchor - timedelta(days=1)
        return CalendarRange(
            view, anchor, start, start + timedelta(days=6), anchor - timedelta(7), anchor + timedelta(7)
        )
    if view == "agenda":
        end = anchor + timedelta(days=30)
        return CalendarRange(view, anchor, anchor, end, anchor - timedelta(31), end + timedelta(1))
    first = anchor.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = first - timedelta(days=(first.weekday() - first_weekday) % 7)
    last = following - timedelta(days=1)
    end = last + timedelta(days=(first_weekday - 1 - last.weekday()) % 7)
    previous = (first - timedelta(days=1)).replace(day=1)
    return CalendarRange("month", anchor, start, end, previous, following)


def calendar_days(span: CalendarRange, events: list[CalendarEvent]) -> list[CalendarDay]:
    """One CalendarDay per day of the range, with its events (the agenda keeps only days with events)."""
    by_day: dict[date, list[CalendarEvent]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    days = []
    day = span.start
    while day <= span.end:
        in_month = span.view != "month" or day.month == span.anchor.month
        days.append(CalendarDay(day, by_day.get(day, []), in_month))
        day += timedelta(days=1)
    if span.view == "agenda":
        return [day for day in days if day.events]
    return days


# ---- iCal


def _ical_text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def ical_feed(movies: Iterable[Movie], release_types: Iterable[str], start: date, end: date) -> str:
    """The calendar as Radarr writes it: all-day events, UID `Radarr_movie_{id}_{type}`."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//radarr.video//Radarr//EN",
        "NAME:Radarr Movies Calendar",
        "X-WR-CALNAME:Radarr Movies Calendar",
    ]
    release_types = list(release_types)
    for movie in movies:
        for release_type in release_types:
            field_name, suffix, label = RELEASE_TYPES[release_type]
            day = getattr(movie, field_name)
            if day is None or not start <= day <= end:
                continue
            confirmed = "TENTATIVE" if movie.status == MovieStatus.ANNOUNCED else "CONFIRMED"
            lines += [
                "BEGIN:VEVENT",
                f"UID:Radarr_movie_{movie.pk}_{suffix}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",  # exclusive: a whole day long
                f"SUMMARY:{_ical_text(f'{movie.title} ({label})')}",
                f"STATUS:{confirmed}",
            ]
            if movie.overview:
                lines.append(f"DESCRIPTION:{_ical_text(movie.overview)}")
            if movie.studio:
                lines.append(f"CATEGORIES:{_ical_text(movie.studio)}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
