"""The score-over-time chart of a group's page, drawn as server-side SVG like the dashboard's charts.

Geometry is worked out here and the template only draws it: a line over the learned score at each
recompute, a fixed 0-100 scale (so two groups' charts compare at a glance), a few dated ticks and,
when the group is pinned, a dashed line at the pin.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 600
HEIGHT = 180
LEFT = 32  # room for the score labels
RIGHT = 12
TOP = 8
BOTTOM = 22  # room for the date labels
GRID_SCORES = (0, 25, 50, 75, 100)
MAX_DATE_LABELS = 6


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    day: date
    score: float


@dataclass(frozen=True, slots=True)
class ScoreChart:
    width: int
    height: int
    left: int
    right_edge: int
    points: list[Point]
    line: str  # the polyline's `points` attribute
    grid: list[tuple[float, int]]  # (y, score) of each horizontal rule
    dates: list[tuple[float, str]]  # (x, label) of each date tick
    pin_y: float | None  # where the pinned score's line goes, None when not pinned
    pinned: int | None


def _y(score: float) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - max(0.0, min(100.0, score)) / 100 * plot


def _x(day: date, first: date, span_days: int) -> float:
    plot = WIDTH - LEFT - RIGHT
    if span_days == 0:
        return LEFT + plot / 2  # one recompute: a lone dot in the middle
    return LEFT + (day - first).days / span_days * plot


def _date_labels(points: list[Point], span_days: int) -> list[tuple[float, str]]:
    """Up to MAX_DATE_LABELS points spread evenly from the first to the last; months and years once
    the history is longer than a year."""
    count = min(len(points), MAX_DATE_LABELS)
    indexes = sorted({round(i * (len(points) - 1) / max(1, count - 1)) for i in range(count)})
    fmt = "%b %Y" if span_days > 365 else "%b %d"
    labels: list[tuple[float, str]] = []
    for point in (points[index] for index in indexes):
        text = point.day.strftime(fmt)
        if not labels or labels[-1][1] != text:
            labels.append((point.x, text))
    return labels


def score_chart(history: Sequence[tuple[date, float]], pinned: int | None = None) -> ScoreChart | None:
    """The chart of (day, learned score) rows in day order; None when there is no history yet."""
    if not history:
        return None
    first, last = history[0][0], history[-1][0]
    span_days = (last - first).days
    points = [Point(_x(day, first, span_days), _y(score), day, score) for day, score in history]
    return ScoreChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        points=points,
        line=" ".join(f"{point.x:.1f},{point.y:.1f}" for point in points),
        grid=[(_y(score), score) for score in GRID_SCORES],
        dates=_date_labels(points, span_days),
        pin_y=_y(pinned) if pinned is not None else None,
        pinned=pinned,
    )
