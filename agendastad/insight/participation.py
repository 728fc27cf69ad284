"""Who benefits and what is worked out where: public initiatives counted per region by the national programmes
they work out and the target groups they help take part.

As in `selectors.figure_table()`, only public initiatives count (not archived, not hidden, not drafts), and an
initiative works in its primary region and in each of its further regions, counting once in each.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import ManyToManyField

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Hidden, Initiative, TargetGroup, Visibility
from regions.models import LabourMarketRegion


@dataclass(frozen=True)
class LinkCounts:
    """Public initiatives by (region_id, linked row id), `None` meaning all regions (each initiative once)."""

    cells: dict[tuple[int | None, int], int] = field(default_factory=dict)

    def of(self, region_id: int | None, link_id: int) -> int:
        return self.cells.get((region_id, link_id), 0)

    def in_regions(self, link_id: int) -> dict[int, int]:
        """The count per region, for the regions where it is not zero."""
        return {region: count for (region, link), count in self.cells.items() if region is not None and link == link_id}


def _counts_sql(relation: ManyToManyField) -> str:
    """Per region and linked row, and per linked row nationally, the number of distinct public initiatives."""
    initiative = Initiative._meta.db_table
    regions = Initiative.regions.through._meta.db_table
    through = relation.remote_field.through
    table = through._meta.db_table
    link_column = relation.m2m_reverse_name()
    return f"""
        WITH public_initiative AS (
            SELECT id, primary_region_id FROM {initiative}
            WHERE visibility = %s AND hidden = %s AND archived_at IS NULL
        ),
        region_link AS (
            SELECT id AS initiative_id, primary_region_id AS region_id FROM public_initiative
            UNION
            SELECT r.initiative_id, r.labourmarketregion_id FROM {regions} r
            WHERE r.initiative_id IN (SELECT id FROM public_initiative)
        )
        SELECT rl.region_id, l.{link_column}, COUNT(DISTINCT rl.initiative_id)
        FROM region_link rl JOIN {table} l ON l.initiative_id = rl.initiative_id
        GROUP BY GROUPING SETS ((rl.region_id, l.{link_column}), (l.{link_column}))
    """


def _count(relation: ManyToManyField) -> LinkCounts:
    with connection.cursor() as cursor:
        cursor.execute(_counts_sql(relation), [Visibility.PUBLIC, Hidden.NO])
        return LinkCounts({(region_id, link_id): count for region_id, link_id, count in cursor.fetchall()})


def programme_counts() -> LinkCounts:
    """Public initiatives per region and national programme, kept until the next write."""
    return kept_until_write("insight-programmes", lambda: _count(Initiative._meta.get_field("programmes")))


def target_group_counts() -> LinkCounts:
    """Public initiatives per region and target group, kept until the next write."""
    return kept_until_write("insight-target-groups", lambda: _count(Initiative._meta.get_field("target_groups")))


def target_groups_counted(region_id: int | None = None) -> list[tuple[TargetGroup, int]]:
    """Every target group with the number of public initiatives that help it take part, in this region or
    (`None`) in the whole country."""
    counts = target_group_counts()
    return [(group, counts.of(region_id, group.pk)) for group in TargetGroup.objects.all()]


@dataclass(frozen=True)
class TargetGroupMatrix:
    """Regions by target groups: public initiatives that help each group take part, per current region, and
    the national totals (each initiative once)."""

    groups: list[TargetGroup]
    rows: list[tuple[LabourMarketRegion, list[tuple[TargetGroup, int]]]]
    totals: list[tuple[TargetGroup, int]]


def target_group_matrix() -> TargetGroupMatrix:
    counts = target_group_counts()
    groups = list(TargetGroup.objects.all())
    regions = LabourMarketRegion.objects.current().defer("boundary").order_by("name")
    return TargetGroupMatrix(
        groups=groups,
        rows=[(region, [(group, counts.of(region.pk, group.pk)) for group in groups]) for region in regions],
        totals=[(group, counts.of(None, group.pk)) for group in groups],
    )
