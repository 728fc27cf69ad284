"""The map of the Netherlands that informs: the current labour-market regions drawn on the server as SVG from the
CBS boundaries, each shaded by one public figure, with the legend and the figures as text beside it.

Which figure is chosen with `?kaart=`: all public initiatives (the default), the initiatives on one theme (the
theme's slug), the *helix gap* (`helixgat`: the share of initiatives without a partner of a strand of the triple
helix) or partners sought (`partners-gezocht`). The figures come from `figure_table()`, the outlines from a cache
kept per classification year, so a map costs a constant number of queries whatever the data.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from math import ceil

from django import forms
from django.core.cache import cache
from django.db.models import Max
from django.http import QueryDict
from django.utils.translation import gettext, ngettext

from initiatives.models import Theme
from regions.models import LabourMarketRegion

from .geometry import svg_outlines
from .selectors import Figures, figure_table

PARAMETER = "kaart"
"""The query parameter that switches the map."""
DEFAULT = "initiatieven"
HELIX_GAP = "helixgat"
SEEKING = "partners-gezocht"
COUNTED = "aantallen"
"""Not a switch: a map of counts a page gives (`counted_choropleth`)."""
STEPS = 5
"""At most this many colours: `--agendastad-choropleth-step-0` (light) to `-4` (dark) in static/css/agendastad.css."""
MAP_WIDTH = 400
DASH = "\N{EN DASH}"
"""Between the ends of a range in the legend, and in the table where a share has nothing to divide."""


# The outlines


def _draw_outlines() -> dict:
    """SVG paths of the current regions, by region, with the names and slugs the map shows and links with. A
    region without a boundary is kept (the table lists it) with no path."""
    regions = list(LabourMarketRegion.objects.current().order_by("name").only("name", "slug", "boundary"))
    paths, height = svg_outlines([region.boundary for region in regions], MAP_WIDTH)
    return {
        "regions": [(region.pk, region.name, region.slug, path) for region, path in zip(regions, paths, strict=True)],
        "width": MAP_WIDTH,
        "height": height,
    }


def region_outlines() -> dict:
    """`{"regions": [(pk, name, slug, svg path)], "width", "height"}` for the current regions, by name.

    The outlines only change when a new classification is loaded, so they are kept per classification year
    (plain values, no model instances, and no addresses: those depend on the language of the request).
    """
    year = LabourMarketRegion.objects.aggregate(year=Max("classification_year"))["year"]
    return cache.get_or_set(f"insight-region-outlines-{year}", _draw_outlines, timeout=None)


# What the map shows


@dataclass(frozen=True)
class MapChoice:
    """One figure the map can show: its `?kaart=` value, the text of its switch and what it counts."""

    value: str
    label: str
    title: str
    """The map's heading, the table's caption and the legend's subject."""
    column: str
    explanation: str
    theme_id: int | None = None
    share: bool = False
    """A percentage (the helix gap) rather than a number of initiatives."""

    def figure(self, figures: Figures) -> int | None:
        """The region's figure: a count, or a whole percentage; `None` where a share has nothing to divide."""
        if self.value == HELIX_GAP:
            return round(figures.incomplete_share * 100) if figures.initiatives else None
        if self.value == SEEKING:
            return figures.seeking
        return figures.initiatives

    def describe(self, figure: int | None) -> str:
        """The figure in words, for the region's `<title>` on the map."""
        if figure is None:
            return gettext("no public initiatives")
        if self.value == HELIX_GAP:
            return gettext("%(percent)s%% of its public initiatives lack a strand of the triple helix") % {
                "percent": figure
            }
        if self.value == SEEKING:
            return ngettext(
                "%(count)s public initiative seeks partners", "%(count)s public initiatives seek partners", figure
            ) % {"count": figure}
        if self.theme_id is not None:
            return ngettext(
                "%(count)s public initiative on this theme", "%(count)s public initiatives on this theme", figure
            ) % {"count": figure}
        return ngettext("%(count)s public initiative", "%(count)s public initiatives", figure) % {"count": figure}

    def cell(self, figure: int | None) -> str:
        """The figure in the table."""
        if figure is None:
            return DASH
        return f"{figure}%" if self.share else str(figure)


def map_choices(themes: Iterable[Theme]) -> list[MapChoice]:
    """Every figure the map can show, in the order of its switches."""
    initiatives = gettext("Public initiatives")
    return [
        MapChoice(
            value=DEFAULT,
            label=gettext("All initiatives"),
            title=gettext("Public initiatives per region"),
            column=initiatives,
            explanation=gettext("The darker a region, the more public initiatives work in it."),
        ),
        *(
            MapChoice(
                value=theme.slug,
                label=gettext("Theme %(number)s: %(name)s") % {"number": theme.number, "name": theme.name},
                title=gettext("Public initiatives on theme %(number)s, %(name)s, per region")
                % {"number": theme.number, "name": theme.name},
                column=initiatives,
                explanation=gettext("The darker a region, the more public initiatives work in it on this theme."),
                theme_id=theme.pk,
            )
            for theme in themes
        ),
        MapChoice(
            value=HELIX_GAP,
            label=gettext("Helix gap"),
            title=gettext("Helix gap per region"),
            column=gettext("Helix gap"),
            explanation=gettext(
                "The share of a region's public initiatives without a partner from government, from education and "
                "knowledge or from business (the triple helix): the darker, the larger the gap. Hatched: no public "
                "initiatives."
            ),
            share=True,
        ),
        MapChoice(
            value=SEEKING,
            label=gettext("Partners sought"),
            title=gettext("Public initiatives seeking partners, per region"),
            column=gettext("Seeking partners"),
            explanation=gettext("The darker a region, the more of its public initiatives seek partners."),
        ),
    ]


class MapChoiceForm(forms.Form):
    kaart = forms.ChoiceField(required=False)

    def __init__(self, *args, choices: list[MapChoice], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[PARAMETER].choices = [(choice.value, choice.label) for choice in choices]


def chosen_map(query: QueryDict, choices: list[MapChoice]) -> MapChoice:
    """The map the address asks for; the default for none, or for a value we do not know."""
    form = MapChoiceForm(query, choices=choices)
    value = form.cleaned_data[PARAMETER] if form.is_valid() else ""
    return next((choice for choice in choices if choice.value == value), choices[0])


# The shading


@dataclass(frozen=True)
class Step:
    """One class of the legend: the figures from `low` to `high`, the colour they get and how many regions."""

    low: int
    high: int
    colour: int
    regions: int
    share: bool = False

    @property
    def label(self) -> str:
        unit = "%" if self.share else ""
        if self.low == self.high:
            return f"{self.low}{unit}"
        return f"{self.low}{DASH}{self.high}{unit}"


def class_breaks(figures: Iterable[int], steps: int = STEPS) -> list[tuple[int, int]]:
    """At most `steps` ranges of whole numbers that hold all the figures, from low to high.

    Zero gets a class of its own, since nothing at all is a finding in itself (no initiatives, or no gap); the
    other figures are split into ranges that each hold about as many regions (quantiles), so that one region
    with many initiatives does not leave all others in the lightest colour. Ties can make fewer ranges.
    """
    values = sorted(figures)
    ranges: list[tuple[int, int]] = []
    if values and values[0] == 0:
        ranges.append((0, 0))
        values = [value for value in values if value]
    if not values:
        return ranges
    room = steps - len(ranges)
    if len(set(values)) <= room:
        return ranges + [(value, value) for value in sorted(set(values))]
    highs = sorted({values[ceil(k * len(values) / room) - 1] for k in range(1, room + 1)})
    low = values[0]
    for high in highs:
        ranges.append((low, high))
        low = high + 1
    return ranges


def _colours(ranges: list[tuple[int, int]]) -> list[int]:
    """Which of the `STEPS` colours each range gets: the lightest only ever for zero, the others spread over the
    darker four, so that the lightest always means zero (and one range above zero gets the darkest)."""
    above_zero = [low for low, _ in ranges if low > 0]
    darker = STEPS - 1
    if len(above_zero) == 1:
        spread = [darker]
    else:
        spread = [1 + round(i * (darker - 1) / (len(above_zero) - 1)) for i in range(len(above_zero))]
    return [0] * (len(ranges) - len(above_zero)) + spread


@dataclass(frozen=True)
class ShadedRegion:
    pk: int
    name: str
    slug: str
    path: str
    figure: int | None
    text: str
    """The figure in words (the map's `<title>`)."""
    cell: str
    """The figure in the table."""
    colour: int | None
    """The legend colour, or `None` for "no figure" (hatched)."""


@dataclass(frozen=True)
class Choropleth:
    choice: MapChoice
    regions: list[ShadedRegion]
    """By name."""
    legend: list[Step]
    unshaded: int
    """How many regions have no figure (hatched on the map)."""
    width: int
    height: int

    @property
    def drawn(self) -> list[ShadedRegion]:
        """The regions with an outline, lightest first, so that the white outlines of dark regions lie on top."""
        return sorted(
            (region for region in self.regions if region.path),
            key=lambda region: -1 if region.colour is None else region.colour,
        )


def choropleth(choice: MapChoice) -> Choropleth:
    """The current regions shaded by the chosen figure, with the legend computed from the figures."""
    outlines = region_outlines()
    table = figure_table()
    figures = {pk: choice.figure(table.of(pk, choice.theme_id)) for pk, *_ in outlines["regions"]}
    return _shade(choice, outlines, figures)


def counted_map_choice(*, title: str, explanation: str) -> MapChoice:
    """A map of given counts of public initiatives per region (see `counted_choropleth`)."""
    return MapChoice(
        value=COUNTED, label=title, title=title, column=gettext("Public initiatives"), explanation=explanation
    )


def counted_choropleth(choice: MapChoice, counts: dict[int, int]) -> Choropleth:
    """The current regions shaded by given counts of public initiatives ({region pk: count}; a region left out
    counts zero), with the legend computed from them: for figures that `figure_table()` does not hold."""
    outlines = region_outlines()
    figures = {pk: counts.get(pk, 0) for pk, *_ in outlines["regions"]}
    return _shade(choice, outlines, figures)


def _shade(choice: MapChoice, outlines: dict, figures: dict[int, int | None]) -> Choropleth:
    ranges = class_breaks(figure for figure in figures.values() if figure is not None)
    colours = _colours(ranges)

    def colour_of(figure: int | None) -> int | None:
        if figure is None:
            return None
        return next(colour for (low, high), colour in zip(ranges, colours, strict=True) if low <= figure <= high)

    regions = [
        ShadedRegion(
            pk=pk,
            name=name,
            slug=slug,
            path=path,
            figure=figures[pk],
            text=f"{name}: {choice.describe(figures[pk])}",
            cell=choice.cell(figures[pk]),
            colour=colour_of(figures[pk]),
        )
        for pk, name, slug, path in outlines["regions"]
    ]
    legend = [
        Step(
            low=low,
            high=high,
            colour=colour,
            regions=sum(1 for figure in figures.values() if figure is not None and low <= figure <= high),
            share=choice.share,
        )
        for (low, high), colour in zip(ranges, colours, strict=True)
    ]
    return Choropleth(
        choice=choice,
        regions=regions,
        legend=legend,
        unshaded=sum(1 for figure in figures.values() if figure is None),
        width=outlines["width"],
        height=outlines["height"],
    )


def switch_links(query: QueryDict, path: str, choices: list[MapChoice]) -> list[tuple[MapChoice, str]]:
    """Each choice with the address that shows it: this page, its other parameters kept, `?kaart=` set (or left
    out for the default)."""
    links = []
    for choice in choices:
        switched = query.copy()
        if choice.value == DEFAULT:
            switched.pop(PARAMETER, None)
        else:
            switched[PARAMETER] = choice.value
        encoded = switched.urlencode()
        links.append((choice, f"{path}?{encoded}" if encoded else path))
    return links
