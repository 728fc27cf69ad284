"""Reads about agendas: who sees which, the agenda page with its gaps, and the agendas around a region."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from agendastad.accounts.predicates import is_moderator
from agendastad.core.page_cache import kept_until_write
from initiatives.models import Initiative
from initiatives.selectors import Coverage, coverage_of, with_list_data
from regions.models import HELIX_OF_KIND, Helix, LabourMarketRegion, Organisation, RegionCoordinator

from .models import AgendaCommitment, AgendaPriority, RegionAgenda


def agendas_visible_to(user) -> QuerySet[RegionAgenda]:
    """Published agendas, plus the drafts of the regions this person coordinates; moderators see every draft.
    Every list of agendas starts here."""
    agendas = RegionAgenda.objects.select_related("region").defer("region__boundary")
    if is_moderator(user):
        return agendas
    if not user.is_authenticated:
        return agendas.published()
    return agendas.filter(Q(state="published") | Q(region__in=RegionCoordinator.objects.acting(user).values("region")))


@dataclass(frozen=True)
class PriorityView:
    """A priority as the agenda page shows it: the public initiatives serving it and what they cover together."""

    priority: AgendaPriority
    initiatives: list[Initiative]

    @property
    def coverage(self) -> Coverage:
        partners = {p.organisation for initiative in self.initiatives for p in initiative.accepted_partnerships}
        return Coverage(
            frozenset().union(*(coverage_of(initiative).helices for initiative in self.initiatives)),
            unverified=sum(1 for organisation in partners if not organisation.is_verified),
        )

    @property
    def gaps(self) -> list[str]:
        """Triple-helix strands none of its initiatives has an accepted partner of (empty when nothing serves it:
        then the whole priority is open)."""
        return self.coverage.missing if self.initiatives else []

    @property
    def served(self) -> bool:
        return bool(self.initiatives)


def agenda_priorities(agenda: RegionAgenda) -> list[PriorityView]:
    """Every priority with its public initiatives, in a fixed number of queries whatever their number."""
    serving = with_list_data(Initiative.objects.public()).order_by("-last_activity_at", "-pk")
    priorities = agenda.priorities.prefetch_related(
        "themes",
        "programmes",
        Prefetch("partner_regions", queryset=LabourMarketRegion.objects.defer("boundary")),
        Prefetch("initiatives", queryset=serving, to_attr="serving"),
    )
    return [PriorityView(priority, priority.serving) for priority in priorities]


def commitments_by_helix(agenda: RegionAgenda) -> list[tuple[str, str, list[Organisation]]]:
    """The regional table: the committed organisations per helix, (helix, label, organisations), helices with
    nobody left out."""
    organisations = [
        commitment.organisation
        for commitment in AgendaCommitment.objects.filter(agenda=agenda)
        .select_related("organisation")
        .order_by("organisation__name")
    ]
    return [
        (helix, label, [o for o in organisations if HELIX_OF_KIND[o.kind] == helix])
        for helix, label in Helix.choices
        if any(HELIX_OF_KIND[o.kind] == helix for o in organisations)
    ]


def linkable_priorities(initiative: Initiative) -> QuerySet[AgendaPriority]:
    """Priorities of the published agendas of the initiative's regions (primary and further)."""
    regions = {initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)}
    return (
        AgendaPriority.objects.filter(agenda__state="published", agenda__region__in=regions)
        .select_related("agenda", "agenda__region")
        .defer("agenda__region__boundary")
        .order_by("agenda__region__name", "agenda__title_nl", "order", "pk")
    )


def _vertices(geometry: dict | None) -> set[tuple[float, float]]:
    if not geometry:
        return set()
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return {(round(x, 4), round(y, 4)) for polygon in polygons for ring in polygon for x, y, *_ in ring}


def _compute_neighbours() -> dict[int, list[int]]:
    vertices = {pk: _vertices(boundary) for pk, boundary in LabourMarketRegion.objects.values_list("pk", "boundary")}
    return {
        pk: sorted(other for other, theirs in vertices.items() if other != pk and mine & theirs)
        for pk, mine in vertices.items()
    }


def region_neighbours() -> dict[int, list[int]]:
    """Regions whose boundaries touch, by id. Two regions touch when their stored GeoJSON boundaries share a
    vertex (to about 10 m): the boundaries are drawn from the same municipal borders, so neighbours share the
    points of their common border. Computed once per cache generation: boundaries change only when regions
    are loaded."""
    return kept_until_write("region-neighbours", _compute_neighbours)


@dataclass(frozen=True)
class RegionAgendas:
    own: list[RegionAgenda]
    neighbours: list[RegionAgenda]
    """Published agendas of touching regions that share a theme with one of this region's published agendas."""
    partnering: list[RegionAgenda]
    """Published agendas of other regions with a priority that names this region as a partner."""


def region_agendas(region: LabourMarketRegion) -> RegionAgendas:
    published = RegionAgenda.objects.published().select_related("region").defer("region__boundary")
    own = list(published.filter(region=region).order_by("-first_year", "title_nl"))
    themes = AgendaPriority.objects.filter(agenda__in=[agenda.pk for agenda in own]).values("themes")
    neighbours = list(
        published.filter(region__in=region_neighbours().get(region.pk, []), priorities__themes__in=themes)
        .distinct()
        .order_by("region__name", "title_nl")
    )
    partnering = list(
        published.filter(priorities__partner_regions=region).exclude(region=region).distinct().order_by("title_nl")
    )
    return RegionAgendas(own, neighbours, partnering)


def published_priorities() -> QuerySet[AgendaPriority]:
    """Priorities of published agendas only, with their agenda and its region: where open data and the national
    pages start, so that a draft never shows."""
    return (
        AgendaPriority.objects.filter(agenda__state="published")
        .select_related("agenda", "agenda__region")
        .defer("agenda__region__boundary")
    )


def programme_priorities(programme) -> list[tuple[LabourMarketRegion, list[AgendaPriority]]]:
    """The priorities of published agendas that work out this national programme, per region (by name)."""
    priorities = (
        published_priorities()
        .filter(programmes=programme)
        .order_by("agenda__region__name", "agenda__title_nl", "order", "pk")
    )
    regions: dict[int, tuple[LabourMarketRegion, list[AgendaPriority]]] = {}
    for priority in priorities:
        regions.setdefault(priority.agenda.region_id, (priority.agenda.region, []))[1].append(priority)
    return list(regions.values())


def published_agendas_in_full() -> QuerySet[RegionAgenda]:
    """Published agendas (never drafts) with their priorities in order (`ordered_priorities`: themes, programmes,
    partner regions and the public initiatives serving each, `serving`, with their partners for the helix gaps)
    and the organisations committed to them (`ordered_commitments`), in a fixed number of queries whatever their
    number: for open data and the API."""
    serving = with_list_data(Initiative.objects.public()).order_by("-last_activity_at", "-pk")
    priorities = AgendaPriority.objects.order_by("order", "pk").prefetch_related(
        "themes",
        "programmes",
        Prefetch("partner_regions", queryset=LabourMarketRegion.objects.defer("boundary").order_by("name")),
        Prefetch("initiatives", queryset=serving, to_attr="serving"),
    )
    commitments = AgendaCommitment.objects.select_related("organisation").order_by("organisation__name", "pk")
    return (
        RegionAgenda.objects.published()
        .select_related("region")
        .defer("region__boundary")
        .prefetch_related(
            Prefetch("priorities", queryset=priorities, to_attr="ordered_priorities"),
            Prefetch("commitments", queryset=commitments, to_attr="ordered_commitments"),
        )
    )


@dataclass(frozen=True)
class AgendaPartnership:
    """Two regions that work together through their agendas: priorities of published agendas of either that name
    the other as a partner region."""

    one: LabourMarketRegion
    other: LabourMarketRegion
    priorities: list[AgendaPriority]

    @property
    def agendas(self) -> list[RegionAgenda]:
        return list({priority.agenda_id: priority.agenda for priority in self.priorities}.values())


def agenda_partnerships() -> list[AgendaPartnership]:
    """Every pair of regions linked by a published agenda's priority naming the other as partner region, each
    pair once (in either direction), the pairs with most such priorities first, then by the regions' names.
    Kept until the next write, like the national overview's other figures."""
    return kept_until_write("agenda-partnerships", _compute_partnerships)


def _compute_partnerships() -> list[AgendaPartnership]:
    links = (
        AgendaPriority.partner_regions.through.objects.filter(agendapriority__agenda__state="published")
        .select_related("agendapriority__agenda__region", "labourmarketregion")
        .defer("agendapriority__agenda__region__boundary", "labourmarketregion__boundary")
        .order_by("agendapriority__agenda__title_nl", "agendapriority__order", "agendapriority_id")
    )
    pairs: dict[tuple[int, int], tuple[LabourMarketRegion, LabourMarketRegion, list[AgendaPriority]]] = {}
    for link in links:
        own, partner = link.agendapriority.agenda.region, link.labourmarketregion
        one, other = sorted((own, partner), key=lambda region: (region.name, region.pk))
        pairs.setdefault((one.pk, other.pk), (one, other, []))[2].append(link.agendapriority)
    named = [AgendaPartnership(one, other, priorities) for one, other, priorities in pairs.values()]
    return sorted(named, key=lambda pair: (-len(pair.priorities), pair.one.name, pair.other.name))
