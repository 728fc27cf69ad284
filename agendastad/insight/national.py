"""The reads behind the national overview (`/inzicht/`): the matrix of regions by themes with its helix gaps, the
initiatives started per quarter and theme, the regions that work together across their borders, and a few
headline figures.

Only public initiatives count (`Initiative.objects.public()`). What the database has to count is gathered in
one value kept until the next write (`kept_until_write`), so that a warm page asks the database nothing; the
rows and labels the page shows are assembled from it per request, in the visitor's language.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Coalesce, TruncDate, TruncQuarter
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Hidden, Initiative, Partnership, Theme, Visibility
from initiatives.selectors import has_partner_abroad
from regions.models import Country, Helix, LabourMarketRegion, Municipality, Organisation

from .selectors import Figures, FigureTable, figure_table

QUARTERS = 12
"""How many quarters the timeline shows, the current one included."""
TOP_PAIRS = 15

GAP_LABELS: dict[str, Promise] = {
    Helix.GOVERNMENT: _("no government"),
    Helix.KNOWLEDGE: _("no education"),
    Helix.BUSINESS: _("no business"),
}
"""Short words for a triple-helix strand that no initiative in a cell has."""


# What the database counts, kept until the next write.


@dataclass(frozen=True)
class _Counted:
    regions: list[LabourMarketRegion]
    themes: list[Theme]
    organisations: int
    quarters: list[datetime.date]
    started: dict[tuple[datetime.date, int | None], int]
    """Initiatives started per (first day of the quarter, theme id); `None` for any theme, each counted once."""
    pairs: list[tuple[int, int, int]]
    """(region id, region id, initiatives) with the smaller id first, every pair of current regions that has any."""
    cross_border: dict[str | None, int] = field(default_factory=dict)
    """Public initiatives with an accepted partner located outside the Netherlands, per country (ISO code), and for
    all countries together (`None`), each initiative once."""


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def recent_quarters(today: datetime.date, count: int = QUARTERS) -> list[datetime.date]:
    """The first days of the last `count` quarters, oldest first, ending with the quarter of `today`."""
    first = quarter_start(today)
    quarters = []
    for _step in range(count):
        quarters.append(first)
        first = quarter_start(first - datetime.timedelta(days=1))
    return quarters[::-1]


def _started_on():
    """The day an initiative started: its start date when it gives one, else the day it was registered here."""
    return Coalesce("initiative__start_date", TruncDate("initiative__created_at"))


def _count_started(quarters: list[datetime.date]) -> dict[tuple[datetime.date, int | None], int]:
    first = quarters[0]
    after_last = quarter_start(quarters[-1] + datetime.timedelta(days=92))
    public = Initiative.objects.public().values("pk")
    links = (
        Initiative.themes.through.objects.filter(initiative__in=public)
        .annotate(started_on=_started_on())
        .filter(started_on__gte=first, started_on__lt=after_last)
        .annotate(quarter=TruncQuarter("started_on", output_field=Initiative._meta.get_field("start_date")))
    )
    started: dict[tuple[datetime.date, int | None], int] = {}
    for row in links.values("quarter", "theme_id").annotate(initiatives=Count("initiative_id")).order_by():
        started[(row["quarter"], row["theme_id"])] = row["initiatives"]
    per_quarter = links.values("quarter").annotate(initiatives=Count("initiative_id", distinct=True)).order_by()
    for row in per_quarter:
        started[(row["quarter"], None)] = row["initiatives"]
    return started


def _pairs_sql() -> str:
    """Pairs of current regions and how many public initiatives link them: by working in both (primary and
    further regions), or by working in one with an accepted partner located in the other. UNION, not UNION
    ALL, so that an initiative counts once per pair however many ways it links the two."""
    initiative = Initiative._meta.db_table
    further = Initiative.regions.through._meta.db_table
    partnership = Partnership._meta.db_table
    organisation = Organisation._meta.db_table
    municipality = Municipality._meta.db_table
    region = LabourMarketRegion._meta.db_table
    return f"""
        WITH public_initiative AS (
            SELECT id, primary_region_id FROM {initiative}
            WHERE visibility = %s AND hidden = %s AND archived_at IS NULL
        ),
        works AS (
            SELECT id AS initiative_id, primary_region_id AS region_id FROM public_initiative
            UNION
            SELECT f.initiative_id, f.labourmarketregion_id FROM {further} f
            WHERE f.initiative_id IN (SELECT id FROM public_initiative)
        ),
        partner AS (
            SELECT DISTINCT p.initiative_id, m.region_id
            FROM {partnership} p
            JOIN {organisation} o ON o.id = p.organisation_id
            JOIN {municipality} m ON m.id = o.municipality_id
            WHERE p.state = %s AND p.initiative_id IN (SELECT id FROM public_initiative)
        ),
        link AS (
            SELECT a.initiative_id, a.region_id AS one, b.region_id AS other
            FROM works a JOIN works b ON b.initiative_id = a.initiative_id AND a.region_id < b.region_id
            UNION
            SELECT w.initiative_id,
                CASE WHEN w.region_id < p.region_id THEN w.region_id ELSE p.region_id END,
                CASE WHEN w.region_id < p.region_id THEN p.region_id ELSE w.region_id END
            FROM works w JOIN partner p ON p.initiative_id = w.initiative_id
            WHERE NOT EXISTS (
                SELECT 1 FROM works x WHERE x.initiative_id = p.initiative_id AND x.region_id = p.region_id
            )
        )
        SELECT link.one, link.other, COUNT(*) FROM link
            JOIN {region} r1 ON r1.id = link.one AND r1.retired_in IS NULL
            JOIN {region} r2 ON r2.id = link.other AND r2.retired_in IS NULL
            GROUP BY link.one, link.other
    """


def _count_pairs() -> list[tuple[int, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(_pairs_sql(), [Visibility.PUBLIC, Hidden.NO, Partnership.State.ACCEPTED])
        return [(one, other, count) for one, other, count in cursor.fetchall()]


def _organisations_taking_part() -> int:
    """Organisations with an accepted part (as lead or partner) in at least one public initiative."""
    taking_part = Partnership.objects.accepted().filter(
        organisation=OuterRef("pk"), initiative__in=Initiative.objects.public().values("pk")
    )
    return Organisation.objects.filter(Exists(taking_part)).count()


def _count_cross_border() -> dict[str | None, int]:
    public = Initiative.objects.public()
    abroad = Partnership.objects.accepted().filter(
        initiative__in=public.values("pk"), organisation__in=Organisation.objects.abroad().values("pk")
    )
    per_country = abroad.values("organisation__country").annotate(initiatives=Count("initiative", distinct=True))
    counts: dict[str | None, int] = {row["organisation__country"]: row["initiatives"] for row in per_country.order_by()}
    counts[None] = public.filter(has_partner_abroad()).count()
    return counts


def _count() -> _Counted:
    quarters = recent_quarters(timezone.localdate())
    return _Counted(
        regions=list(LabourMarketRegion.objects.current().defer("boundary").order_by("name")),
        themes=list(Theme.objects.order_by("number")),
        organisations=_organisations_taking_part(),
        quarters=quarters,
        started=_count_started(quarters),
        pairs=_count_pairs(),
        cross_border=_count_cross_border(),
    )


def _counted() -> _Counted:
    return kept_until_write("insight-national", _count)


# What the page shows, assembled per request.


@dataclass(frozen=True)
class Cell:
    region: LabourMarketRegion | None
    theme: Theme | None
    figures: Figures

    @property
    def gaps(self) -> list[Promise]:
        """Labels of the triple-helix strands that none of the cell's initiatives has."""
        return [GAP_LABELS[helix] for helix in self.figures.missing_helices]

    @property
    def query(self) -> str:
        """The filters of the initiative list that show this cell's initiatives."""
        parts = []
        if self.region is not None:
            parts.append(f"region={self.region.slug}")
        if self.theme is not None:
            parts.append(f"theme={self.theme.slug}")
        return "&".join(parts)


@dataclass(frozen=True)
class MatrixRow:
    region: LabourMarketRegion | None
    cells: list[Cell]
    total: Cell


@dataclass(frozen=True)
class Matrix:
    themes: list[Theme]
    rows: list[MatrixRow]
    totals: MatrixRow
    """All regions together: each initiative once, however many regions it works in."""


def _matrix(table: FigureTable, regions: list[LabourMarketRegion], themes: list[Theme]) -> Matrix:
    def row(region: LabourMarketRegion | None) -> MatrixRow:
        region_id = region.pk if region else None
        return MatrixRow(
            region=region,
            cells=[Cell(region, theme, table.of(region_id, theme.pk)) for theme in themes],
            total=Cell(region, None, table.of(region_id)),
        )

    return Matrix(themes=themes, rows=[row(region) for region in regions], totals=row(None))


def is_complete_in_every_theme(row: MatrixRow) -> bool:
    """A region that works on at least one theme, with the whole triple helix present in each theme it works on."""
    worked_on = [cell for cell in row.cells if cell.figures.initiatives]
    return bool(worked_on) and all(not cell.figures.missing_helices for cell in worked_on)


@dataclass(frozen=True)
class Timeline:
    """Public initiatives started per quarter, per theme and for all themes (each initiative once)."""

    quarters: list[datetime.date]
    themes: list[Theme]
    started: dict[tuple[datetime.date, int | None], int]

    def count(self, quarter: datetime.date, theme: Theme | None = None) -> int:
        return self.started.get((quarter, theme.pk if theme else None), 0)

    @property
    def series(self) -> list[tuple[Theme, list[tuple[datetime.date, int]]]]:
        return [(theme, [(quarter, self.count(quarter, theme)) for quarter in self.quarters]) for theme in self.themes]

    @property
    def rows(self) -> list[tuple[datetime.date, list[int], int]]:
        """Per quarter: the counts per theme and the count for all themes."""
        return [
            (quarter, [self.count(quarter, theme) for theme in self.themes], self.count(quarter))
            for quarter in self.quarters
        ]

    @property
    def highest(self) -> int:
        """The highest count of any theme in any quarter: one scale for every chart, so they compare."""
        return max((count for (_quarter, theme_id), count in self.started.items() if theme_id is not None), default=0)


@dataclass(frozen=True)
class Pair:
    one: LabourMarketRegion
    other: LabourMarketRegion
    initiatives: int

    @property
    def query(self) -> str:
        return f"region={self.one.slug}&region={self.other.slug}"


@dataclass(frozen=True)
class Headline:
    initiatives: int
    organisations: int
    complete_initiatives: int
    regions_working: int
    regions_complete: int
    regions: int
    cross_border: int = 0
    """Public initiatives with a partner across the national border."""


@dataclass(frozen=True)
class NationalOverview:
    headline: Headline
    matrix: Matrix
    timeline: Timeline
    pairs: list[Pair] = field(default_factory=list)
    across_the_border: list[tuple[Promise, int]] = field(default_factory=list)
    """(country, public initiatives with an accepted partner located there), the most first."""


def top_pairs(
    pairs: list[tuple[int, int, int]], regions: list[LabourMarketRegion], limit: int = TOP_PAIRS
) -> list[Pair]:
    """The pairs linked by most initiatives, each pair once, ties in the order of the regions' names."""
    by_id = {region.pk: region for region in regions}
    named = [
        Pair(*sorted((by_id[one], by_id[other]), key=lambda region: region.name), initiatives=count)
        for one, other, count in pairs
        if one in by_id and other in by_id
    ]
    named.sort(key=lambda pair: (-pair.initiatives, pair.one.name, pair.other.name))
    return named[:limit]


def national_overview() -> NationalOverview:
    """Everything the national overview shows; the counting is kept until the next write."""
    counted = _counted()
    table = figure_table()
    matrix = _matrix(table, counted.regions, counted.themes)
    everything = table.of()
    return NationalOverview(
        headline=Headline(
            initiatives=everything.initiatives,
            organisations=counted.organisations,
            complete_initiatives=everything.complete,
            regions_working=sum(1 for row in matrix.rows if row.total.figures.initiatives),
            regions_complete=sum(1 for row in matrix.rows if is_complete_in_every_theme(row)),
            regions=len(counted.regions),
            cross_border=counted.cross_border.get(None, 0),
        ),
        matrix=matrix,
        timeline=Timeline(quarters=counted.quarters, themes=counted.themes, started=counted.started),
        pairs=top_pairs(counted.pairs, counted.regions),
        across_the_border=sorted(
            ((Country(code).label, count) for code, count in counted.cross_border.items() if code is not None),
            key=lambda row: (-row[1], str(row[0])),
        ),
    )
