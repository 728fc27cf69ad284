"""Reads about initiatives that span relations: lists, coverage, search, related work, matchmaking."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When

from regions.models import HELIX_OF_KIND, Helix, LabourMarketRegion, Membership, Organisation, kinds_in_helix
from regions.predicates import is_verified_person

from .models import Initiative, Partnership, SoughtPartner
from .services import SEARCH_CONFIG

TRIPLE_HELIX = (Helix.GOVERNMENT, Helix.KNOWLEDGE, Helix.BUSINESS)


@dataclass(frozen=True)
class Coverage:
    """Which helices take part. *Complete* means the triple helix: government, knowledge and business."""

    helices: frozenset[str]

    @property
    def complete(self) -> bool:
        return all(helix in self.helices for helix in TRIPLE_HELIX)

    @property
    def missing(self) -> list[str]:
        return [helix for helix in TRIPLE_HELIX if helix not in self.helices]

    @property
    def present(self) -> list[str]:
        return [helix for helix in Helix.values if helix in self.helices]


def accepted_partnerships() -> Prefetch:
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.accepted().select_related("organisation"),
        to_attr="accepted_partnerships",
    )


def coverage_of(initiative: Initiative) -> Coverage:
    """Needs `accepted_partnerships` prefetched (every selector here does)."""
    return Coverage(frozenset(HELIX_OF_KIND[p.organisation.kind] for p in initiative.accepted_partnerships))


def covers_helix(helix: str) -> Exists:
    return Exists(
        Partnership.objects.accepted().filter(initiative=OuterRef("pk"), organisation__kind__in=kinds_in_helix(helix))
    )


def complete_triple_helix() -> Q:
    return Q(covers_helix(Helix.GOVERNMENT)) & Q(covers_helix(Helix.KNOWLEDGE)) & Q(covers_helix(Helix.BUSINESS))


def seeks_helix(helix: str) -> Exists:
    """Looking for this helix, or for a kind of organisation within it."""
    return Exists(
        SoughtPartner.objects.filter(initiative=OuterRef("pk")).filter(
            Q(helix=helix) | Q(kind__in=kinds_in_helix(helix))
        )
    )


def with_list_data(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Everything a result card shows, in a fixed number of queries whatever the page size."""
    return (
        initiatives.defer("search_vector", "description", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related("themes", accepted_partnerships(), "sought_partners")
    )


def with_export_data(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Every column of a spreadsheet export, in a fixed number of queries whatever the number of rows."""
    return (
        initiatives.defer("search_vector", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related("themes", "municipalities", "sought_partners")
    )


def search(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Dutch full-text search with a `rank` (title > summary > description); substring matching on SQLite."""
    text = text.strip()
    if not text:
        return initiatives
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return initiatives.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    matches = Q()
    for word in text.split():
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
    return initiatives.filter(matches).annotate(rank=Value(1.0))


def initiative_detail(slug: str, user) -> Initiative:
    """The initiative if this person may view it (an archived one only for moderators), else DoesNotExist."""
    initiative = (
        Initiative.objects.select_related(
            "lead_organisation__municipality", "primary_region", "contact_person", "created_by"
        )
        .defer("search_vector", "primary_region__boundary")
        .prefetch_related(
            "themes",
            "regions",
            "municipalities",
            "sought_partners",
            accepted_partnerships(),
        )
        .get(slug=slug)
    )
    if not user.has_perm("initiatives.view_initiative", initiative):
        raise Initiative.DoesNotExist
    return initiative


def partners_by_helix(initiative: Initiative) -> list[tuple[str, str, list[Partnership]]]:
    """(helix, label, accepted partnerships) for each helix present, in the helices' order."""
    groups: dict[str, list[Partnership]] = {}
    for partnership in initiative.accepted_partnerships:
        groups.setdefault(partnership.organisation.helix, []).append(partnership)
    return [(helix, Helix(helix).label, groups[helix]) for helix in Helix.values if helix in groups]


def open_partnerships(initiative: Initiative, user) -> list[Partnership]:
    """Invitations and requests that still wait for an answer, each with `may_answer` for this person.

    `may_answer` is the rule initiatives.answer_partnership decided for all of them at once (asked one by one,
    the page would run two queries per partnership): a verified admin of the invited organisation answers an
    invitation, of the lead organisation a request, and nobody while the initiative is archived. The answer
    itself is checked by the rule; tests/initiatives/test_initiatives.py holds the two to each other.
    """
    waiting = list(
        initiative.partnerships.filter(state__in=[Partnership.State.INVITED, Partnership.State.REQUESTED])
        .select_related("organisation")
        .order_by("created_at")
    )
    administered: set[int] = set()
    if waiting and not initiative.is_archived and is_verified_person(user):
        administered = set(Membership.objects.admins().filter(user=user).values_list("organisation_id", flat=True))
    for partnership in waiting:
        invited = partnership.state == Partnership.State.INVITED
        answering = partnership.organisation_id if invited else initiative.lead_organisation_id
        partnership.may_answer = answering in administered
    return waiting


def related_elsewhere(initiative: Initiative, user, limit: int = 5, candidates: int = 200) -> list[Initiative]:
    """Public initiatives on the same themes in other regions, most shared themes first: learn, don't compete.
    Ranked among the `candidates` most recently active ones, so the cost does not grow with the data."""
    theme_ids = [theme.pk for theme in initiative.themes.all()]
    links = Initiative.themes.through.objects.filter(initiative=OuterRef("pk"), theme__in=theme_ids)
    recent = (
        Initiative.objects.visible_to(user)
        .exclude(primary_region=initiative.primary_region_id)
        .filter(Exists(links))
        .order_by("-last_activity_at")
        .values_list("pk", flat=True)[:candidates]
    )
    return list(
        Initiative.objects.filter(pk__in=recent)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        .order_by("-shared", "-last_activity_at")
        .defer("search_vector", "description", "primary_region__boundary")
        .select_related("primary_region")[:limit]
    )


def region_coverage(region: LabourMarketRegion, user) -> Coverage:
    """The helices that take part in any of the region's visible initiatives."""
    kinds = (
        Partnership.objects.accepted()
        .filter(initiative__in=Initiative.objects.visible_to(user).in_region(region).values("pk"))
        .values_list("organisation__kind", flat=True)
        .distinct()
    )
    return Coverage(frozenset(HELIX_OF_KIND[kind] for kind in kinds))


def matchmaking(initiatives: QuerySet[Initiative], user) -> QuerySet[Initiative]:
    """Initiatives that seek partners; for a member, first those in their organisations' regions that seek
    their organisations' kind or helix."""
    seeking = initiatives.filter(Exists(SoughtPartner.objects.filter(initiative=OuterRef("pk"))))
    fit = Value(0, output_field=IntegerField())
    if user.is_authenticated:
        organisations = Organisation.objects.filter(
            pk__in=Membership.objects.active().filter(user=user).values("organisation")
        ).values_list("kind", "municipality__region")
        conditions = Q()
        for kind, region_id in organisations:
            wanted = SoughtPartner.objects.filter(initiative=OuterRef("pk")).filter(
                Q(kind=kind) | Q(helix=HELIX_OF_KIND[kind])
            )
            conditions |= Q(primary_region=region_id) & Q(Exists(wanted))
        if conditions:
            fit = Case(When(conditions, then=Value(1)), default=Value(0), output_field=IntegerField())
    return seeking.annotate(fit=fit).order_by("-fit", "-last_activity_at")
