"""The reads behind a region's dashboard (`/regios/<slug>/`) and its printable report (`/regios/<slug>/rapport/`).

Everything here is about **public** initiatives, so one set of reads serves every visitor and is kept until the
next write (`kept_until_write`): the counts come from `figure_table()`, and the few lists (the most active
organisations, who seeks partners, the coordinators, the municipalities' outlines, the most recently active
initiatives) are kept per region. A warm dashboard therefore reads the cache, not the initiatives.

What is kept holds no text that depends on the language or on the address prefix: theme names, status and helix
labels and the links into the filtered list are made when the page is rendered, from the kept rows.
"""

from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Initiative, Partnership, SoughtPartner, Status, Theme
from initiatives.selectors import TRIPLE_HELIX, Coverage, with_list_data
from regions.models import HELIX_OF_KIND, LabourMarketRegion, RegionCoordinator
from regions.selectors import municipalities_of

from .geometry import svg_outlines
from .selectors import HELICES, Figures, FigureTable, figure_table

MOST_ACTIVE = 10
SEEKING_SHOWN = 4
TOP_INITIATIVES = 10
MAP_WIDTH = 320
"""cos(52°): a degree of longitude is this much shorter than one of latitude in the Netherlands."""
CLOSED_STATUSES = (Status.COMPLETED, Status.STOPPED)


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart (`{% bar_chart %}`): what it counts, how many, and the list behind the number."""

    label: str
    value: int
    href: str = ""


@dataclass(frozen=True)
class MatrixCell:
    helix: str
    count: int
    gap: bool
    """A strand of the triple helix that none of the theme's initiatives has, while the theme has some."""
    href: str
    """The initiatives behind the number; for a cell with 0, those that lack the helix; "" when there are none."""


@dataclass(frozen=True)
class MatrixRow:
    theme: Theme
    initiatives: int
    href: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class ActiveOrganisation:
    name: str
    slug: str
    helix: str
    initiatives: int
    href: str


@dataclass(frozen=True)
class Place:
    """A municipality of the region: its name and province for the list, its outline (SVG path) for the map."""

    code: str
    name: str
    province: str
    path: str


@dataclass(frozen=True)
class Gap:
    helix: str
    themes: list[Theme]


def initiatives_url(**filters: str) -> str:
    """The filtered list of initiatives (`initiatives/filters.py` names the parameters), in the page's language."""
    return f"{reverse('initiatives:list')}?{urlencode(filters)}"


# What is kept per region -----------------------------------------------------------------------------------------


def _places(region: LabourMarketRegion, year: int | None) -> dict:
    """The region's municipalities (current, or in that classification year) with their outlines projected onto a
    map `MAP_WIDTH` wide."""
    municipalities = list(
        municipalities_of(region, year).only("code", "name", "province", "boundary").order_by("province", "name")
    )
    paths, height = svg_outlines([m.boundary for m in municipalities], MAP_WIDTH)
    return {
        "places": [Place(m.code, m.name, m.province, path) for m, path in zip(municipalities, paths, strict=True)],
        "width": MAP_WIDTH if height else 0,
        "height": height,
    }


def _public_here(region_id: int) -> QuerySet[Initiative]:
    """The region's public initiatives, primary or further region, for counting over all of them: the ids come from
    a union of both links, which PostgreSQL reads from their indexes, where `in_region()`'s OR reads every public
    initiative (7 times slower at 30,000). A list of the most recent few is faster with `in_region()`, which walks
    the index on last activity and stops after a few."""
    primary = Initiative.objects.filter(primary_region_id=region_id).order_by().values("pk")
    further = Initiative.regions.through.objects.filter(labourmarketregion_id=region_id).order_by().values("initiative")
    return Initiative.objects.public().filter(pk__in=primary.union(further, all=True))


def _most_active(region_id: int) -> list[dict]:
    """The organisations in the most of the region's public initiatives (accepted partnerships, the lead's
    included), wherever they are located: the number equals the list `?region=…&organisation=…` shows."""
    return list(
        Partnership.objects.accepted()
        .filter(initiative__in=_public_here(region_id).values("pk"))
        .values("organisation__name", "organisation__slug", "organisation__kind")
        .annotate(initiatives=Count("pk"))
        .order_by("-initiatives", "organisation__name", "organisation__slug")[:MOST_ACTIVE]
    )


def _seeking(region_id: int) -> list[Initiative]:
    """A few of the region's public initiatives that seek partners and are not over yet, most recently active
    first, with what their cards show."""
    sought = SoughtPartner.objects.filter(initiative=OuterRef("pk"))
    initiatives = (
        Initiative.objects.public()
        .in_region(region_id)
        .exclude(status__in=CLOSED_STATUSES)
        .filter(Exists(sought))
        .order_by("-last_activity_at", "-pk")
    )
    return list(with_list_data(initiatives)[:SEEKING_SHOWN])


def _coordinators(region_id: int) -> list[str]:
    """The names of the region's coordinators; never their addresses ("" for one without a public name)."""
    return list(
        RegionCoordinator.objects.filter(region_id=region_id, user__is_active=True)
        .order_by("user__display_name", "pk")
        .values_list("user__display_name", flat=True)
    )


def _region_reads(region_id: int) -> dict:
    return {
        "themes": list(Theme.objects.all()),
        "most_active": _most_active(region_id),
        "seeking": _seeking(region_id),
        "coordinators": _coordinators(region_id),
    }


def _top_initiatives(region_id: int) -> list[Initiative]:
    initiatives = Initiative.objects.public().in_region(region_id).order_by("-last_activity_at", "-pk")
    return list(with_list_data(initiatives)[:TOP_INITIATIVES])


# What a page shows -----------------------------------------------------------------------------------------------


@dataclass
class RegionDashboard:
    region: LabourMarketRegion
    figures: Figures
    """The region's public initiatives over all themes."""
    by_theme: list[Bar]
    by_status: list[Bar]
    matrix: list[MatrixRow]
    gaps: list[Gap]
    most_active: list[ActiveOrganisation]
    seeking: list[Initiative]
    coordinators: list[str]
    places: list[Place]
    map_width: int
    map_height: int
    year: int | None = None
    """The CBS classification year the municipalities are shown in; None: the latest."""

    @property
    def list_url(self) -> str:
        return initiatives_url(region=self.region.slug)

    @property
    def complete_url(self) -> str:
        return initiatives_url(region=self.region.slug, complete="true")

    @property
    def incomplete_url(self) -> str:
        return initiatives_url(region=self.region.slug, complete="false")

    @property
    def running_url(self) -> str:
        return initiatives_url(region=self.region.slug, status=Status.RUNNING)

    @property
    def seeking_url(self) -> str:
        return f"{reverse('initiatives:matchmaking')}?{urlencode({'region': self.region.slug})}"

    @property
    def helices(self) -> list[tuple[str, bool]]:
        """The matrix's columns: each helix and whether it is a strand of the triple helix."""
        return [(helix, helix in TRIPLE_HELIX) for helix in HELICES]

    @property
    def provinces(self) -> list[tuple[str, list[Place]]]:
        """The municipalities by province, provinces and names in order."""
        return [(province, list(places)) for province, places in groupby(self.places, key=lambda p: p.province)]

    @property
    def coverage(self) -> Coverage:
        """The helices taking part in any of the region's public initiatives."""
        return Coverage(frozenset(helix for helix in HELICES if self.figures.covering[helix]))

    @property
    def has_map(self) -> bool:
        return any(place.path for place in self.places)


def _matrix(region: LabourMarketRegion, themes: list[Theme], table: FigureTable) -> list[MatrixRow]:
    rows = []
    for theme in themes:
        figures = table.of(region.pk, theme.pk)
        gaps = figures.missing_helices
        cells = []
        for helix in HELICES:
            count = figures.covering[helix]
            if count:
                href = initiatives_url(region=region.slug, theme=theme.slug, helix=helix)
            elif figures.initiatives:
                href = initiatives_url(region=region.slug, theme=theme.slug, missing=helix)
            else:
                href = ""
            cells.append(MatrixCell(helix=helix, count=count, gap=helix in gaps, href=href))
        rows.append(MatrixRow(theme, figures.initiatives, initiatives_url(region=region.slug, theme=theme.slug), cells))
    return rows


def _gaps(matrix: list[MatrixRow]) -> list[Gap]:
    """Per strand of the triple helix, the themes where it is a gap; strands without gaps are left out."""
    gaps = [
        Gap(helix, [row.theme for row in matrix if any(cell.gap and cell.helix == helix for cell in row.cells)])
        for helix in TRIPLE_HELIX
    ]
    return [gap for gap in gaps if gap.themes]


def region_dashboard(region: LabourMarketRegion, year: int | None = None) -> RegionDashboard:
    """Everything the region's dashboard shows about its public initiatives, read from the cache when warm; its
    municipalities as CBS classified them in `year` (the latest when None)."""
    kept = kept_until_write(f"region-dashboard:{region.pk}", lambda: _region_reads(region.pk))
    places = kept_until_write(f"region-places:{region.pk}:{year}", lambda: _places(region, year))
    table = figure_table()
    figures = table.of(region.pk)
    matrix = _matrix(region, kept["themes"], table)
    return RegionDashboard(
        region=region,
        figures=figures,
        by_theme=[Bar(row.theme.name, row.initiatives, row.href) for row in matrix],
        by_status=[
            Bar(
                str(Status(status).label), figures.by_status[status], initiatives_url(region=region.slug, status=status)
            )
            for status in Status.values
        ],
        matrix=matrix,
        gaps=_gaps(matrix),
        most_active=[
            ActiveOrganisation(
                name=row["organisation__name"],
                slug=row["organisation__slug"],
                helix=HELIX_OF_KIND[row["organisation__kind"]],
                initiatives=row["initiatives"],
                href=initiatives_url(region=region.slug, organisation=row["organisation__slug"]),
            )
            for row in kept["most_active"]
        ],
        seeking=kept["seeking"],
        coordinators=kept["coordinators"],
        places=places["places"],
        map_width=places["width"],
        map_height=places["height"],
        year=year,
    )


def region_top_initiatives(region: LabourMarketRegion) -> list[Initiative]:
    """The region's most recently active public initiatives, for its report."""
    return kept_until_write(f"region-report:{region.pk}", lambda: _top_initiatives(region.pk))
