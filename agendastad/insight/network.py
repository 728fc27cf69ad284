"""The collaboration network: which organisations take part in the same public initiatives, and where they are.

Two organisations are *linked* when both have an accepted partnership (the lead's included) in one or more of the
same public initiatives; the link's *weight* is how many. A link is *cross-region* when the two organisations are
located in different labour-market regions (through their municipality), or when either is located outside the
Netherlands (in no region: *across the border*): the SER's cooperation instead of competition between cities.
The national network counts every public initiative; a region's network counts the public initiatives that work
in that region (as primary or further region), so its partners from other regions are in it too.

At 100,000 initiatives the network has thousands of organisations, so the weights are counted in PostgreSQL and only
the organisations with the most shared initiatives are drawn (`MAX_NODES`). The layout is our own small
force-directed one, without randomness: the same network gives the same picture. Everything is kept until the next
write (`kept_until_write`); what depends on the language (names of helices, addresses) is added by the template.
"""

import math
from dataclasses import dataclass, field, replace

from django.db import connection

from agendastad.core.page_cache import kept_until_write
from initiatives.models import Hidden, Initiative, Partnership, Visibility
from regions.models import HELIX_OF_KIND, HOME_COUNTRY, Country, Helix, LabourMarketRegion, Municipality, Organisation

HELICES: tuple[str, ...] = tuple(Helix.values)
MAX_NODES = 70
"""At most this many organisations are drawn: more makes the picture unreadable (and the layout slow)."""
PARTNERS_ELSEWHERE = 20
"""Of the places in a region's picture, this many go first to organisations located in other regions (those with the
most shared initiatives there): else the region's own organisations fill the picture and no border is crossed."""
MAX_LINKS = 240
"""At most this many links are drawn, the heaviest first; the counts below the picture count them all."""
LISTED_PAIRS = 40
"""The strongest links listed in the table beside the picture."""
LABELLED_NODES = 10
"""Only the biggest organisations carry their name in the picture; every one has it in its tooltip and the table."""
ITERATIONS = 150
GRAVITY = 5.0
"""How strongly every node is pulled to the centre, so that organisations without a link in the picture stay near."""
WIDTH = 960
HEIGHT = 640
MARGIN = 48
"""Room at the edges for the biggest node and a label under it."""
LABEL_LENGTH = 24
LABEL_SIZE = 13
LABEL_CHARACTER = 7.0
"""A generous guess at the width of a character of the labels, to keep them from overlapping."""
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
    region_id: int | None
    """None for an organisation outside the Netherlands: it is in no region."""
    shared: int
    """How many of the network's initiatives it shares with at least one other organisation."""
    x: float = 0.0
    y: float = 0.0
    radius: float = MIN_RADIUS
    shape: str = ""
    """The SVG path of its helix's shape: colour is not the only thing that tells the helices apart."""
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    country: str = HOME_COUNTRY
    place: str = ""

    @property
    def where(self) -> str:
        """Its region, or its place and country abroad, in the language of the request."""
        if self.region_id is None:
            return f"{self.place}, {Country(self.country).label}"
        return self.region_name


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
    links_among: int = 0
    """How many links join organisations in the picture, drawn or not."""
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def left_out(self) -> int:
        return self.organisations - len(self.nodes)

    @property
    def cross_region_links(self) -> int:
        """Of the links drawn."""
        return sum(link.cross_region for link in self.links)

    @property
    def links_left_out(self) -> int:
        return self.links_among - len(self.links)

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


@dataclass
class _Counts:
    ranked: list[tuple[int, int]] = field(default_factory=list)
    """(organisation, shared initiatives) of those to draw, the most shared first."""
    kinds: dict[str, int] = field(default_factory=dict)
    """How many organisations of the network per kind."""
    pairs: list[tuple[int, int, int]] = field(default_factory=list)
    """(organisation, organisation, weight) among those to draw."""
    links_total: int = 0
    cross_region_total: int = 0


def _network_sql(region_id: int | None) -> tuple[str, list]:
    """One statement, so that who takes part where is gathered once: rows of four sorts, told apart by the first
    column. Only organisations that share an initiative with another count, and only pairs among the drawn
    organisations and the totals travel, never a row per partnership."""
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
    elsewhere = PARTNERS_ELSEWHERE if region_id is not None else 0
    params += [Partnership.State.ACCEPTED, region_id, region_id, elsewhere, MAX_NODES - elsewhere, MAX_NODES]
    sql = f"""
        WITH scope AS (
            SELECT id FROM {initiative}
            WHERE visibility = %s AND hidden = %s AND archived_at IS NULL {in_region}
        ),
        taking_part AS (
            SELECT initiative_id, organisation_id FROM {partnership}
            WHERE state = %s AND initiative_id IN (SELECT id FROM scope)
        ),
        shared AS (
            SELECT initiative_id, organisation_id FROM taking_part
            WHERE initiative_id IN (SELECT initiative_id FROM taking_part GROUP BY initiative_id HAVING COUNT(*) > 1)
        ),
        strength AS (
            SELECT organisation_id, COUNT(*) AS shared FROM shared GROUP BY organisation_id
        ),
        located AS (
            SELECT o.id, o.kind, m.region_id
            FROM {organisation} o LEFT JOIN {municipality} m ON m.id = o.municipality_id
            WHERE o.id IN (SELECT organisation_id FROM strength)
        ),
        placed AS (
            SELECT s.organisation_id, s.shared, ROW_NUMBER() OVER (
                PARTITION BY l.region_id IS DISTINCT FROM %s ORDER BY s.shared DESC, s.organisation_id
            ) <= CASE WHEN l.region_id IS DISTINCT FROM %s THEN %s ELSE %s END AS first
            FROM strength s JOIN located l ON l.id = s.organisation_id
        ),
        ranked AS (
            SELECT organisation_id, shared FROM placed
            ORDER BY first DESC, shared DESC, organisation_id LIMIT %s
        ),
        pairs AS (
            SELECT a.organisation_id AS a, b.organisation_id AS b, COUNT(*) AS weight
            FROM shared a JOIN shared b ON a.initiative_id = b.initiative_id AND a.organisation_id < b.organisation_id
            GROUP BY a.organisation_id, b.organisation_id
        )
        SELECT 'node', organisation_id, CAST(NULL AS bigint), shared, CAST(NULL AS text) FROM ranked
        UNION ALL
        SELECT 'kind', NULL, NULL, COUNT(*), kind FROM located GROUP BY kind
        UNION ALL
        SELECT 'pair', a, b, weight, NULL FROM pairs
        WHERE a IN (SELECT organisation_id FROM ranked) AND b IN (SELECT organisation_id FROM ranked)
        UNION ALL
        SELECT 'total', NULL, NULL, COUNT(*), CAST(COALESCE(SUM(CASE WHEN la.region_id IS NULL
            OR lb.region_id IS NULL OR la.region_id <> lb.region_id THEN 1 ELSE 0 END), 0) AS text)
        FROM pairs JOIN located la ON la.id = pairs.a JOIN located lb ON lb.id = pairs.b
    """
    return sql, params


def _count(region_id: int | None) -> _Counts:
    counts = _Counts()
    with connection.cursor() as cursor:
        cursor.execute(*_network_sql(region_id))
        for sort, a, b, number, extra in cursor.fetchall():
            if sort == "node":
                counts.ranked.append((a, number))
            elif sort == "kind":
                counts.kinds[extra] = number
            elif sort == "pair":
                counts.pairs.append((a, b, number))
            else:
                counts.links_total, counts.cross_region_total = number, int(extra)
    counts.ranked.sort(key=lambda row: (-row[1], row[0]))
    counts.pairs.sort()
    return counts


def _force_layout(count: int, edges: list[tuple[int, int, int]]) -> list[tuple[float, float]]:
    """Fruchterman and Reingold's spring layout on a unit square, started from a circle (so without chance):
    linked nodes pull together, the more the heavier their link, all nodes push each other apart, a weak pull to
    the centre keeps loose groups near, and the steps shrink to nothing over `ITERATIONS`."""
    if count == 1:
        return [(0.5, 0.5)]
    xs = [0.5 + 0.45 * math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [0.5 + 0.45 * math.sin(2 * math.pi * i / count) for i in range(count)]
    k_2 = 1.0 / count
    k = math.sqrt(k_2)
    heaviest = max((weight for _, _, weight in edges), default=1)
    # A dense network would collapse into a knot: its springs are weakened by how many links a node has on average.
    density = max(1.0, 2 * len(edges) / count / 4)
    springs = [(i, j, (0.5 + 0.5 * weight / heaviest) / k / density) for i, j, weight in edges]
    for step in range(ITERATIONS):
        temperature = 0.1 * (1 - step / ITERATIONS)
        move_x = [(0.5 - x) * GRAVITY for x in xs]
        move_y = [(0.5 - y) * GRAVITY for y in ys]
        for i in range(count):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                dx, dy = xi - xs[j], yi - ys[j]
                distance_2 = dx * dx + dy * dy
                if distance_2 < 1e-9:
                    # Two nodes on one spot: part them along a direction that depends only on which they are.
                    dx, dy, distance_2 = 1e-3 * math.cos(i + j), 1e-3 * math.sin(i + j), 1e-6
                push = k_2 / distance_2
                move_x[i] += dx * push
                move_y[i] += dy * push
                move_x[j] -= dx * push
                move_y[j] -= dy * push
        for i, j, strength in springs:
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            pull = math.hypot(dx, dy) * strength
            move_x[i] -= dx * pull
            move_y[i] -= dy * pull
            move_x[j] += dx * pull
            move_y[j] += dy * pull
        for i in range(count):
            length = math.hypot(move_x[i], move_y[i])
            if length > temperature:
                xs[i] += move_x[i] * temperature / length
                ys[i] += move_y[i] * temperature / length
            else:
                xs[i] += move_x[i]
                ys[i] += move_y[i]
    return list(zip(xs, ys, strict=True))


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
    counts = _count(region_id)
    ranked, pairs = counts.ranked, counts.pairs
    helix_totals = dict.fromkeys(HELICES, 0)
    for kind, count in counts.kinds.items():
        helix_totals[HELIX_OF_KIND[kind]] += count
    network = Network(
        organisations=sum(helix_totals.values()),
        helix_totals=helix_totals,
        links_total=counts.links_total,
        cross_region_total=counts.cross_region_total,
    )
    if not ranked:
        return network
    organisations = Organisation.objects.select_related("municipality__region").in_bulk([i for i, _ in ranked])
    # Start the layout with the helices side by side on the circle, each from its most shared organisation.
    order = sorted(ranked, key=lambda row: (HELICES.index(organisations[row[0]].helix), -row[1], row[0]))
    index = {organisation_id: i for i, (organisation_id, _) in enumerate(order)}
    places = layout(len(order), [(index[a], index[b], weight) for a, b, weight in pairs])
    most = ranked[0][1]
    nodes = {}
    for (organisation_id, shared), (x, y) in zip(order, places, strict=True):
        organisation = organisations[organisation_id]
        radius = round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(shared / most), 1)
        nodes[organisation_id] = Node(
            id=organisation_id,
            name=organisation.name,
            slug=organisation.slug,
            helix=organisation.helix,
            region_name=organisation.region.name if organisation.region else "",
            region_id=organisation.region.pk if organisation.region else None,
            country=organisation.country,
            place=organisation.place,
            shared=shared,
            x=x,
            y=y,
            radius=radius,
            shape=helix_shape(organisation.helix, x, y, radius),
        )
    network.nodes = _with_labels([nodes[organisation_id] for organisation_id, _ in ranked])
    nodes = {node.id: node for node in network.nodes}
    links = [
        Link(
            source=nodes[a],
            target=nodes[b],
            weight=weight,
            cross_region=_crosses(nodes[a], nodes[b]),
            stroke=0.0,
        )
        for a, b, weight in pairs
    ]
    # The heaviest first; among equals the links across a border, which are what the picture is for.
    links.sort(key=lambda link: (-link.weight, not link.cross_region, link.source.name.lower(), link.target.name))
    heaviest = links[0].weight if links else 1
    network.links_among = len(links)
    network.links = [
        replace(link, stroke=round(1 + 5 * (link.weight - 1) / max(heaviest - 1, 1), 1)) for link in links[:MAX_LINKS]
    ]
    return network


def _crosses(one: Node, other: Node) -> bool:
    """Different regions, or either across the national border (in no region)."""
    return one.region_id is None or other.region_id is None or one.region_id != other.region_id


def _with_labels(nodes: list[Node]) -> list[Node]:
    """The first `LABELLED_NODES` nodes (the biggest) get their name under them, or above when that is taken; a
    name that would cover another name is left out (the tooltip and the tables have it)."""
    taken: list[tuple[float, float, float, float]] = []
    labelled = []
    for place, node in enumerate(nodes):
        if place >= LABELLED_NODES:
            labelled.append(node)
            continue
        label = _label(node.name)
        width = len(label) * LABEL_CHARACTER
        left = min(max(node.x - width / 2, 0.0), WIDTH - width)
        label_x = round(left + width / 2, 1)
        for baseline in (node.y + node.radius + LABEL_SIZE, node.y - node.radius - 4):
            box = (left, baseline - LABEL_SIZE, left + width, baseline + 3)
            if baseline <= HEIGHT - 3 and baseline >= LABEL_SIZE and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                node = replace(node, label=label, label_x=label_x, label_y=round(baseline, 1))
                break
        labelled.append(node)
    return labelled


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def national_network() -> Network:
    """The network of all public initiatives, kept until the next write."""
    return kept_until_write("insight-network", lambda: _build(None))


def region_network(region: LabourMarketRegion) -> Network:
    """The network of the public initiatives that work in the region, kept until the next write."""
    return kept_until_write(f"insight-network:{region.pk}", lambda: _build(region.pk))
