"""Reads about regions and municipalities that span relations."""

from itertools import groupby

from django.db.models import Count, Q, QuerySet

from .models import LabourMarketRegion, Municipality


def regions_with_counts() -> QuerySet[LabourMarketRegion]:
    """The current regions, each with `municipality_count` (current municipalities only)."""
    return (
        LabourMarketRegion.objects.current()
        .annotate(municipality_count=Count("municipalities", filter=Q(municipalities__retired_in__isnull=True)))
        .order_by("name")
    )


def municipalities_by_province(region: LabourMarketRegion) -> list[tuple[str, list[Municipality]]]:
    """The region's current municipalities grouped by province, provinces and names in order."""
    municipalities = region.municipalities.current().order_by("province", "name")
    return [(province, list(group)) for province, group in groupby(municipalities, key=lambda m: m.province)]


MAP_WIDTH = 400


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def region_map_shapes() -> dict:
    """SVG outlines of the current regions, for a map drawn on the server (no script, no tiles).

    Longitude is scaled by cos(52°) so that the Netherlands keeps its shape; one decimal in SVG units
    is finer than the generalised CBS boundaries are.
    """
    regions = list(LabourMarketRegion.objects.current().exclude(boundary=None).only("name", "slug", "boundary"))
    points = [point for region in regions for ring in _rings(region.boundary) for point in ring]
    if not points:
        return {"shapes": [], "width": MAP_WIDTH, "height": 0}
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    x_scale = 0.6157  # cos(52°)
    scale = MAP_WIDTH / ((max_x - min_x) * x_scale)

    def project(point: list[float]) -> str:
        return f"{(point[0] - min_x) * x_scale * scale:.1f},{(max_y - point[1]) * scale:.1f}"

    shapes = [
        {
            "region": region,
            "path": " ".join("M" + " L".join(project(p) for p in ring) + "Z" for ring in _rings(region.boundary)),
        }
        for region in regions
    ]
    return {"shapes": shapes, "width": MAP_WIDTH, "height": round((max_y - min_y) * scale)}
