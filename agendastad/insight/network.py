"""The collaboration network: which organisations take part in the same public initiatives, and where they are.

Two organisations are *linked* when both have an accepted partnership (the lead's included) in one or more of the
same public initiatives; the link's *weight* is how many. A link is *cross-region* when the two organisations are
located in different labour-market regions (through their municipality): the SER's cooperation instead of
competition between cities. The national network counts every public initiative; a region's network counts the
public initiatives that work in that region (as primary or further region), so its partners from other regions
are in it too.

At 100,000 initiatives the network has thousands of organisations, so the weights are counted in PostgreSQL and only
the organisations with the most shared initiatives are drawn (`MAX_NODES`). The layout is our own small
force-directed one, without randomness: the same network gives the same picture. Everything is kept until the next
write (`kept_until_write`); what depends on the language (names of helices, addresses) is added by the template.
"""

import math
from dataclasses import dataclass, field

from django.db import connection

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Hidden, Initiative, Partnership, Visibility
from regions.models import HELIX_OF_KIND, Helix, LabourMarketRegion, Municipality, Organisation

HELICES: tuple[str, ...] = tuple(Helix.values)
MAX_NODES = 70
"""At most this many organisations are drawn: more makes the picture unreadable (and the layout slow)."""
LISTED_PAIRS = 40
"""The strongest links listed in the table beside the picture."""
LABELLED_NODES = 10
"""Only the biggest organisations carry their name in the picture; every one has it in its tooltip and the table."""
ITERATIONS = 150
WIDTH = 960
HEIGHT = 640
MARGIN = 48
"""Room at the edges for the biggest node and a label under it."""
LABEL_LENGTH = 24
MIN_RADIUS = 5.0
MAX_RADIUS = 16.0


@dataclass(frozen=True)
class Node:
    """An organisation in the picture, with its place in it."""

    id: int
    name: str
    slug: str
    helix: str
    region_name: str
    region_id: int
    shared: int
    """How many of the network's initiatives it shares with at least one other organisation."""
    x: float = 0.0
    y: float = 0.0
    radius: float = MIN_RADIUS
    shape: str = ""
    """The SVG path of its helix's shape: colour is not the only thing that tells the helices apart."""
    label: str = ""
    label_y: float = 0.0
    label_anchor: str = "middle"


@dataclass(frozen=True)
class Link:
    source: Node
    target: Node
    weight: int
    cross_region: bool
    stroke: float


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    organisations: int = 0
    """How many organisations share at least one of the network's initiatives with another one."""
    helix_totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HELICES, 0))
    links_total: int = 0
    cross_region_total: int = 0
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def left_out(self) -> int:
        return self.organisations - len(self.nodes)

    @property
    def cross_region_links(self) -> int:
        """Of the links in the picture."""
        return sum(link.cross_region for link in self.links)

    @property
    def strongest(self) -> list[Link]:
        return self.links[:LISTED_PAIRS]

    @property
    def by_helix(self) -> list[tuple[str, int, int]]:
        """Per helix: (helix, organisations in the picture, organisations in the network)."""
        shown = dict.fromkeys(HELICES, 0)
        for node in self.nodes:
            shown[node.helix] += 1
        return [(helix, shown[helix], self.helix_totals[helix]) for helix in HELICES]


def _scope_sql(region_id: int | None) -> tuple[str, list]:
    """The network's initiatives and who takes part in them, as SQL common table expressions and their parameters."""
    initiative = Initiative._meta.db_table
    further = Initiative.regions.through._meta.db_table
    partnership = Partnership._meta.db_table
    organisation = Organisation._meta.db_table
    municipality = Municipality._meta.db_table
    params: list = [Visibility.PUBLIC, Hidden.NO]
    in_region = ""
    if region_id is not None:
        in_region = (
            f"AND (primary_region_id = %s OR id IN (SELECT initiative_id FROM {further}"
            " WHERE labourmarketregion_id = %s))"
        )
        params += [region_id, region_id]
    params.append(Partnership.State.ACCEPTED)
    sql = f"""
        WITH scope AS (
            SELECT id FROM {initiative}
            WHERE visibility = %s AND hidden = %s AND archived_at IS NULL {in_region}
        ),
        taking_part AS (
            SELECT p.initiative_id, p.organisation_id, o.kind, m.region_id
            FROM {partnership} p
            JOIN {organisation} o ON o.id = p.organisation_id
            JOIN {municipality} m ON m.id = o.municipality_id
            WHERE p.state = %s AND p.initiative_id IN (SELECT id FROM scope)
        ),
        shared AS (
            SELECT t.* FROM taking_part t
            WHERE t.initiative_id IN (SELECT initiative_id FROM taking_part GROUP BY initiative_id HAVING COUNT(*) > 1)
        )
    """
    return sql, params


def _count(region_id: int | None) -> tuple[list[tuple[int, int]], dict[str, int], list[tuple], tuple[int, int]]:
    """Three statements: the organisations with the most shared initiatives, how many organisations per kind, and
    the weighted links among the first together with the number of links (and cross-region links) in all."""
    scope, params = _scope_sql(region_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""{scope}
            SELECT organisation_id, COUNT(*) AS shared FROM shared
            GROUP BY organisation_id ORDER BY shared DESC, organisation_id LIMIT %s""",
            [*params, MAX_NODES],
        )
        ranked = cursor.fetchall()
        cursor.execute(
            f"{scope} SELECT kind, COUNT(DISTINCT organisation_id) FROM shared GROUP BY kind",
            params,
        )
        kinds = dict(cursor.fetchall())
        ids = [organisation_id for organisation_id, _ in ranked]
        cursor.execute(
            f"""{scope},
            pairs AS (
                SELECT a.organisation_id AS a, b.organisation_id AS b, COUNT(*) AS weight,
                       MAX(CASE WHEN a.region_id <> b.region_id THEN 1 ELSE 0 END) AS cross_region
                FROM shared a JOIN shared b
                    ON a.initiative_id = b.initiative_id AND a.organisation_id < b.organisation_id
                GROUP BY a.organisation_id, b.organisation_id
            )
            SELECT a, b, weight, cross_region FROM pairs WHERE a = ANY(%s) AND b = ANY(%s)
            UNION ALL
            SELECT NULL, NULL, COUNT(*), COALESCE(SUM(cross_region), 0) FROM pairs""",
            [*params, ids, ids],
        )
        rows = cursor.fetchall()
    totals = next((weight, cross) for a, _, weight, cross in rows if a is None)
    pairs = [row for row in rows if row[0] is not None]
    return ranked, kinds, pairs, totals


def _force_layout(count: int, edges: list[tuple[int, int, int]]) -> list[tuple[float, float]]:
    """Fruchterman and Reingold's spring layout on a unit square, started from a circle (so without chance):
    linked nodes pull together in proportion to their weight, all nodes push each other apart, a weak pull to the
    centre keeps loose groups near, and the steps shrink to nothing over `ITERATIONS`."""
    if count == 1:
        return [(0.5, 0.5)]
    positions = [
        [0.5 + 0.45 * math.cos(2 * math.pi * i / count), 0.5 + 0.45 * math.sin(2 * math.pi * i / count)]
        for i in range(count)
    ]
    k = math.sqrt(1.0 / count)
    heaviest = max((weight for _, _, weight in edges), default=1)
    for step in range(ITERATIONS):
        temperature = 0.1 * (1 - step / ITERATIONS)
        moves = [[0.0, 0.0] for _ in range(count)]
        for i in range(count):
            xi, yi = positions[i]
            for j in range(i + 1, count):
                dx, dy = xi - positions[j][0], yi - positions[j][1]
                distance_2 = dx * dx + dy * dy
                if distance_2 < 1e-9:
                    # Two nodes on one spot: part them along a direction that depends only on their places.
                    dx, dy, distance_2 = 1e-3 * math.cos(i + j), 1e-3 * math.sin(i + j), 1e-6
                push = k * k / distance_2
                moves[i][0] += dx * push
                moves[i][1] += dy * push
                moves[j][0] -= dx * push
                moves[j][1] -= dy * push
        for i, j, weight in edges:
            dx, dy = positions[i][0] - positions[j][0], positions[i][1] - positions[j][1]
            distance = math.hypot(dx, dy)
            pull = distance / k * (0.5 + 0.5 * weight / heaviest)
            moves[i][0] -= dx * pull
            moves[i][1] -= dy * pull
            moves[j][0] += dx * pull
            moves[j][1] += dy * pull
        for i in range(count):
            moves[i][0] -= (positions[i][0] - 0.5) * 0.5
            moves[i][1] -= (positions[i][1] - 0.5) * 0.5
            length = math.hypot(*moves[i])
            if length > 0:
                scale = min(length, temperature) / length
                positions[i][0] += moves[i][0] * scale
                positions[i][1] += moves[i][1] * scale
    return [(x, y) for x, y in positions]


def _fit(positions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Scale and centre the layout into the picture within its margins, keeping its proportions."""
    xs = [x for x, _ in positions]
    ys = [y for _, y in positions]
    span_x = max(xs) - min(xs) or 1.0
    span_y = max(ys) - min(ys) or 1.0
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    offset_x = (WIDTH - (max(xs) - min(xs)) * scale) / 2
    offset_y = (HEIGHT - (max(ys) - min(ys)) * scale) / 2
    return [
        (round(offset_x + (x - min(xs)) * scale, 1), round(offset_y + (y - min(ys)) * scale, 1)) for x, y in positions
    ]


def layout(count: int, edges: list[tuple[int, int, int]]) -> list[tuple[float, float]]:
    """Places in the picture for `count` nodes joined by `edges` (index, index, weight): the same every time."""
    return _fit(_force_layout(count, edges))


def helix_shape(helix: str, x: float, y: float, r: float) -> str:
    """An SVG path per helix: circle (government), square (education & knowledge), diamond (business), triangle
    (social partners), hexagon (civil society)."""

    def polygon(corners: int, turn: float) -> str:
        points = [
            (x + r * math.cos(turn + 2 * math.pi * i / corners), y + r * math.sin(turn + 2 * math.pi * i / corners))
            for i in range(corners)
        ]
        return "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in points) + " Z"

    if helix == Helix.GOVERNMENT:
        return f"M{x - r:.1f},{y:.1f} a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0 a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0 Z"
    if helix == Helix.KNOWLEDGE:
        return polygon(4, math.pi / 4)
    if helix == Helix.BUSINESS:
        return polygon(4, 0.0)
    if helix == Helix.SOCIAL_PARTNERS:
        return polygon(3, -math.pi / 2)
    return polygon(6, 0.0)


LEGEND: list[tuple[str, str]] = [(helix, helix_shape(helix, 10, 10, 8)) for helix in HELICES]
"""Each helix with its shape, for the legend beside the picture."""


def _label(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def _build(region_id: int | None) -> Network:
    ranked, kinds, pairs, (links_total, cross_region_total) = _count(region_id)
    helix_totals = dict.fromkeys(HELICES, 0)
    for kind, count in kinds.items():
        helix_totals[HELIX_OF_KIND[kind]] += count
    network = Network(
        organisations=sum(helix_totals.values()),
        helix_totals=helix_totals,
        links_total=links_total,
        cross_region_total=cross_region_total,
    )
    if not ranked:
        return network
    organisations = Organisation.objects.select_related("municipality__region").in_bulk([i for i, _ in ranked])
    # Start the layout with the helices side by side on the circle, each from its most shared organisation.
    order = sorted(ranked, key=lambda row: (HELICES.index(organisations[row[0]].helix), -row[1], row[0]))
    index = {organisation_id: i for i, (organisation_id, _) in enumerate(order)}
    edges = [(index[a], index[b], weight) for a, b, weight, _ in pairs]
    places = layout(len(order), edges)
    most = ranked[0][1]
    labelled = {organisation_id for organisation_id, _ in ranked[:LABELLED_NODES]}
    nodes = {}
    for (organisation_id, shared), (x, y) in zip(order, places, strict=True):
        organisation = organisations[organisation_id]
        radius = round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(shared / most), 1)
        anchor = "start" if x < WIDTH * 0.2 else "end" if x > WIDTH * 0.8 else "middle"
        nodes[organisation_id] = Node(
            id=organisation_id,
            name=organisation.name,
            slug=organisation.slug,
            helix=organisation.helix,
            region_name=organisation.municipality.region.name,
            region_id=organisation.municipality.region_id,
            shared=shared,
            x=x,
            y=y,
            radius=radius,
            shape=helix_shape(organisation.helix, x, y, radius),
            label=_label(organisation.name) if organisation_id in labelled else "",
            label_y=round(y + radius + 13, 1),
            label_anchor=anchor,
        )
    heaviest = max((weight for _, _, weight, _ in pairs), default=1)
    links = [
        Link(
            source=nodes[a],
            target=nodes[b],
            weight=weight,
            cross_region=bool(cross),
            stroke=round(1 + 5 * (weight - 1) / max(heaviest - 1, 1), 1),
        )
        for a, b, weight, cross in pairs
    ]
    links.sort(key=lambda link: (-link.weight, link.source.name.lower(), link.target.name.lower()))
    network.nodes = [nodes[organisation_id] for organisation_id, _ in ranked]
    network.links = links
    return network


def national_network() -> Network:
    """The network of all public initiatives, kept until the next write."""
    return kept_until_write("insight-network", lambda: _build(None))


def region_network(region: LabourMarketRegion) -> Network:
    """The network of the public initiatives that work in the region, kept until the next write."""
    return kept_until_write(f"insight-network:{region.pk}", lambda: _build(region.pk))
