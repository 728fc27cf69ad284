"""Outlines drawn on the server: GeoJSON polygons in degrees (the CBS boundaries) as SVG paths on a map of a given
width, shared by the map of the regions and a region's small map of its municipalities."""

from collections.abc import Sequence

LONGITUDE_SCALE = 0.6157
"""cos(52°): a degree of longitude is this much shorter than one of latitude in the Netherlands, so scaling
longitude by it keeps the country's shape."""


def rings(geometry: dict) -> list[list[list[float]]]:
    """The rings of a Polygon or MultiPolygon, holes included (SVG's even-odd fill is not needed: CBS holes are
    other areas drawn on top)."""
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def svg_outlines(geometries: Sequence[dict | None], width: int) -> tuple[list[str], int]:
    """An SVG path for each geometry ("" where there is none) on a map `width` wide that holds all of them, and the
    map's height (0 when none has an outline). One decimal in SVG units is finer than the generalised boundaries."""
    points = [point for geometry in geometries if geometry for ring in rings(geometry) for point in ring]
    if not points:
        return ["" for _ in geometries], 0
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = width / max((max_x - min_x) * LONGITUDE_SCALE, 1e-9)

    def project(point: list[float]) -> str:
        return f"{(point[0] - min_x) * LONGITUDE_SCALE * scale:.1f},{(max_y - point[1]) * scale:.1f}"

    def path(geometry: dict | None) -> str:
        if not geometry:
            return ""
        return " ".join("M" + " L".join(project(p) for p in ring) + "Z" for ring in rings(geometry))

    return [path(geometry) for geometry in geometries], round((max_y - min_y) * scale)
