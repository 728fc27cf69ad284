"""The figures behind the map, the region dashboards and the national overview.

Every figure counts **public** initiatives only (not archived, not hidden, not drafts), so that one set of
figures serves everyone and can be kept in the cache until the next write (`kept_until_write`). An
initiative works in its primary region and in each of its further regions, and counts once in each.

A helix *takes part* in an initiative when an accepted partnership (the lead's included) is with an
organisation of that helix; an initiative *seeks* a helix when one of its sought partners is that helix or a
kind of organisation within it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Hidden, Initiative, Partnership, SoughtPartner, Status, Visibility
from initiatives.selectors import TRIPLE_HELIX
from regions.models import Helix, Organisation, kinds_in_helix

HELICES: tuple[str, ...] = tuple(Helix.values)


@dataclass
class Figures:
    """What a set of public initiatives looks like: how many, which helices take part, what they seek."""

    initiatives: int = 0
    covering: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HELICES, 0))
    """Per helix: how many of the initiatives have a partner of it."""
    complete: int = 0
    """How many have the whole triple helix (government, education & knowledge, business)."""
    seeking: int = 0
    """How many seek any partner."""
    seeking_helix: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HELICES, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Status.values, 0))

    def add(self, row: "_Row", count: int) -> None:
        self.initiatives += count
        for helix in HELICES:
            self.covering[helix] += row.covers[helix] * count
            self.seeking_helix[helix] += row.seeks[helix] * count
        self.complete += all(row.covers[helix] for helix in TRIPLE_HELIX) * count
        self.seeking += any(row.seeks.values()) * count
        self.by_status[row.status] += count

    def missing(self, helix: str) -> int:
        """How many of the initiatives have no partner of this helix."""
        return self.initiatives - self.covering[helix]

    @property
    def incomplete(self) -> int:
        """How many lack at least one helix of the triple helix."""
        return self.initiatives - self.complete

    @property
    def incomplete_share(self) -> float:
        """The *helix gap*: the share (0 to 1) of the initiatives that lack a helix of the triple helix."""
        return self.incomplete / self.initiatives if self.initiatives else 0.0

    @property
    def missing_helices(self) -> list[str]:
        """The triple-helix strands that no initiative here has: the gaps a dashboard marks."""
        if not self.initiatives:
            return []
        return [helix for helix in TRIPLE_HELIX if not self.covering[helix]]


@dataclass(frozen=True)
class _Row:
    status: str
    covers: dict[str, int]
    seeks: dict[str, int]


@dataclass
class FigureTable:
    """The figures by region and theme, each with totals; `None` stands for "all" on either side."""

    cells: dict[tuple[int | None, int | None], Figures] = field(default_factory=lambda: defaultdict(Figures))

    def of(self, region_id: int | None = None, theme_id: int | None = None) -> Figures:
        return self.cells.get((region_id, theme_id)) or Figures()


def _kinds(helix: str) -> str:
    """The helix's kinds as an SQL list; our own constants, never anyone's input."""
    return ", ".join(f"'{kind.value}'" for kind in kinds_in_helix(helix))


def _helix_bit(condition: str) -> str:
    """The bit of the helix a row belongs to (1, 2, 4... in the order of HELICES), 0 for none. Summed over the
    distinct bits of an initiative's rows it is the set of its helices, in SQL that SQLite speaks too."""
    cases = " ".join(
        f"WHEN {condition.format(kinds=_kinds(helix), helix=helix)} THEN {1 << number}"
        for number, helix in enumerate(HELICES)
    )
    return f"CASE {cases} ELSE 0 END"


def _figures_sql() -> str:
    """One statement for the four groupings (region by theme, region, theme, all), so that the facts about each
    initiative are gathered once. Which helices take part and which are sought travel as two small bit sets:
    grouping by them is what keeps the statement fast; never a row per initiative leaves the database."""
    initiative = Initiative._meta.db_table
    regions = Initiative.regions.through._meta.db_table
    themes = Initiative.themes.through._meta.db_table
    partnership = Partnership._meta.db_table
    organisation = Organisation._meta.db_table
    sought = SoughtPartner._meta.db_table
    covers = _helix_bit("o.kind IN ({kinds})")
    seeks = _helix_bit("s.helix = '{helix}' OR s.kind IN ({kinds})")
    return f"""
        WITH public_initiative AS (
            SELECT id, primary_region_id, status FROM {initiative}
            WHERE visibility = %s AND hidden = %s AND archived_at IS NULL
        ),
        covered AS (
            SELECT p.initiative_id, SUM(DISTINCT {covers}) AS helices
            FROM {partnership} p JOIN {organisation} o ON o.id = p.organisation_id
            WHERE p.state = %s
            GROUP BY p.initiative_id
        ),
        seeking AS (
            SELECT s.initiative_id, SUM(DISTINCT {seeks}) AS helices
            FROM {sought} s
            WHERE s.filled_by_id IS NULL
            GROUP BY s.initiative_id
        ),
        facts AS (
            SELECT i.id, i.status, COALESCE(c.helices, 0) AS covers, COALESCE(s.helices, 0) AS seeks
            FROM public_initiative i
            LEFT JOIN covered c ON c.initiative_id = i.id
            LEFT JOIN seeking s ON s.initiative_id = i.id
        ),
        region_link AS (
            SELECT id AS initiative_id, primary_region_id AS region_id FROM public_initiative
            UNION
            SELECT r.initiative_id, r.labourmarketregion_id FROM {regions} r
            JOIN public_initiative i ON i.id = r.initiative_id
        )
        SELECT rl.region_id, t.theme_id, f.status, f.covers, f.seeks, COUNT(*) FROM facts f
            JOIN region_link rl ON rl.initiative_id = f.id JOIN {themes} t ON t.initiative_id = f.id
            GROUP BY rl.region_id, t.theme_id, f.status, f.covers, f.seeks
        UNION ALL
        SELECT rl.region_id, NULL, f.status, f.covers, f.seeks, COUNT(*) FROM facts f
            JOIN region_link rl ON rl.initiative_id = f.id
            GROUP BY rl.region_id, f.status, f.covers, f.seeks
        UNION ALL
        SELECT NULL, t.theme_id, f.status, f.covers, f.seeks, COUNT(*) FROM facts f
            JOIN {themes} t ON t.initiative_id = f.id
            GROUP BY t.theme_id, f.status, f.covers, f.seeks
        UNION ALL
        SELECT NULL, NULL, f.status, f.covers, f.seeks, COUNT(*) FROM facts f GROUP BY f.status, f.covers, f.seeks
    """


def _helices_of(bits: int) -> dict[str, int]:
    return {helix: (bits >> number) & 1 for number, helix in enumerate(HELICES)}


def _count_figures() -> FigureTable:
    table = FigureTable()
    with connection.cursor() as cursor:
        cursor.execute(_figures_sql(), [Visibility.PUBLIC, Hidden.NO, Partnership.State.ACCEPTED])
        for region_id, theme_id, status, covers, seeks, count in cursor.fetchall():
            row = _Row(status=status, covers=_helices_of(int(covers)), seeks=_helices_of(int(seeks)))
            table.cells[(region_id, theme_id)].add(row, count)
    table.cells = dict(table.cells)
    return table


def figure_table() -> FigureTable:
    """The public initiatives' figures by region and theme, kept until the next write."""
    return kept_until_write("insight-figures", _count_figures)
