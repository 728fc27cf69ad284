"""Small multiples of column charts drawn on the server: one chart per theme, one column per quarter."""

import datetime
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext

from ..national import Timeline

register = template.Library()

WIDTH = 260
HEIGHT = 130
TOP = 16
"""Room above the highest column for its number."""
BOTTOM = 20
"""Room below the baseline for the years."""
SIDE = 10
GAP = 4


@dataclass(frozen=True)
class Column:
    quarter: datetime.date
    count: int
    x: float
    y: float
    width: float
    height: float
    year: str
    """The year under the first column of each year (and under the first column): the axis."""

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 3, 1)


@dataclass(frozen=True)
class Chart:
    theme: object
    columns: list[Column]
    total: int


def quarter_number(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


@register.filter
def quarter_label(day: datetime.date) -> str:
    """Usage: {{ quarter|quarter_label }}: "Q2 2026", in Dutch "K2 2026"."""
    return gettext("Q%(number)s %(year)s") % {"number": quarter_number(day), "year": day.year}


def _columns(counts: list[tuple[datetime.date, int]], highest: int) -> list[Column]:
    slot = (WIDTH - 2 * SIDE) / max(len(counts), 1)
    room = HEIGHT - TOP - BOTTOM
    columns = []
    for index, (quarter, count) in enumerate(counts):
        height = room * count / highest if highest else 0
        columns.append(
            Column(
                quarter=quarter,
                count=count,
                x=round(SIDE + index * slot + GAP / 2, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot - GAP, 1),
                height=round(height, 1),
                year=str(quarter.year) if index == 0 or quarter.month == 1 else "",
            )
        )
    return columns


@register.inclusion_tag("insight/components/timeline_chart.html")
def timeline_chart(timeline: Timeline) -> dict:
    """Usage: {% timeline_chart timeline %}: one column chart per theme on one scale, so that they compare.
    The charts only repeat the table that must follow them, so screen readers skip the drawing."""
    highest = timeline.highest
    charts = [
        Chart(theme=theme, columns=_columns(counts, highest), total=sum(count for _quarter, count in counts))
        for theme, counts in timeline.series
    ]
    return {
        "charts": charts,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "tick_end": HEIGHT - BOTTOM + 4,
        "year_line": HEIGHT - 4,
        "side": SIDE,
        "right": WIDTH - SIDE,
    }
