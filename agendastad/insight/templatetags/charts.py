"""Charts drawn on the server as SVG, each with a table as its accessible alternative."""

from collections.abc import Sequence
from dataclasses import dataclass

from django import template

register = template.Library()

CHART_WIDTH = 480
BAR_AREA = 400
"""What the longest bar may take; the rest of the width holds its number."""
ROW_HEIGHT = 44
LABEL_BASELINE = 14
BAR_TOP = 20
BAR_HEIGHT = 16


@dataclass(frozen=True)
class _DrawnBar:
    label: str
    value: int
    href: str
    top: int
    width: float

    @property
    def label_y(self) -> int:
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.top + BAR_TOP

    @property
    def value_x(self) -> float:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.top + BAR_TOP + BAR_HEIGHT - 3


@register.inclusion_tag("insight/components/bar_chart.html")
def bar_chart(bars: Sequence, title: str, label_heading: str, value_heading: str, id: str) -> dict:
    """Usage: {% bar_chart dashboard.by_theme _("Initiatives by theme") _("Theme") _("Initiatives") id="by-theme" %}

    `bars` are objects with `label`, `value` and optionally `href` (`agendastad.insight.dashboard.Bar`). The SVG
    shows each label above its bar and the number beside it; the table below holds the same, with the links, for
    screen readers and keyboards, so the SVG is hidden from them. Bars are as long as their share of the largest.
    """
    largest = max((bar.value for bar in bars), default=0)
    drawn = [
        _DrawnBar(
            label=bar.label,
            value=bar.value,
            href=getattr(bar, "href", ""),
            top=number * ROW_HEIGHT,
            width=round(max(bar.value / largest * BAR_AREA, 2), 1) if bar.value else 0,
        )
        for number, bar in enumerate(bars)
    ]
    return {
        "bars": drawn,
        "title": title,
        "label_heading": label_heading,
        "value_heading": value_heading,
        "id": id,
        "width": CHART_WIDTH,
        "height": len(drawn) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }
