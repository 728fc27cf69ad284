"""What the API reads: public data only, each list with everything its items show in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from agendastad.agendas.models import RegionAgenda
from agendastad.agendas.selectors import published_agendas_in_full, published_priorities
from initiatives.models import Initiative, NationalProgramme, TargetGroup
from initiatives.selectors import with_list_data
from regions.models import LabourMarketRegion, Municipality, Organisation

REGION_WITHOUT_BOUNDARY = LabourMarketRegion.objects.defer("boundary")


def api_initiatives() -> QuerySet[Initiative]:
    """Public initiatives (never drafts, hidden or archived ones, whoever asks) with what a list item shows:
    the list page's data plus the further regions and the municipalities."""
    return with_list_data(Initiative.objects.public()).prefetch_related(
        Prefetch("regions", queryset=REGION_WITHOUT_BOUNDARY),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
        "programmes",
        "target_groups",
        Prefetch(
            "agenda_priorities",
            queryset=published_priorities().order_by("agenda__region__name", "agenda__title_nl", "order", "pk"),
            to_attr="published_priorities",
        ),
    )


def api_agendas() -> QuerySet[RegionAgenda]:
    """Published agendas only (never drafts, whoever asks), with everything they show."""
    return published_agendas_in_full()


def _public_initiative_count() -> Count:
    public = Initiative.objects.public().values("pk")
    return Count("initiatives", filter=Q(initiatives__in=public), distinct=True)


def api_programmes() -> QuerySet[NationalProgramme]:
    """National programmes with `public_initiatives`: how many public initiatives work them out."""
    return NationalProgramme.objects.annotate(public_initiatives=_public_initiative_count())


def api_target_groups() -> QuerySet[TargetGroup]:
    """Target groups with `public_initiatives`: how many public initiatives help them take part."""
    return TargetGroup.objects.annotate(public_initiatives=_public_initiative_count())


def api_initiative_detail() -> QuerySet[Initiative]:
    """Public initiatives with their description as well."""
    return api_initiatives().defer(None).defer("search_vector", "primary_region__boundary")


def api_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region").defer("municipality__region__boundary")


def api_regions() -> QuerySet[LabourMarketRegion]:
    """Regions with `municipality_count` and `current_municipalities` (their codes), current ones only counted."""
    current = Q(municipalities__retired_in__isnull=True)
    return (
        LabourMarketRegion.objects.defer("boundary")
        .annotate(municipality_count=Count("municipalities", filter=current))
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.current().only("code", "region_id").order_by("code"),
                to_attr="current_municipalities",
            )
        )
    )


def api_municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("region").defer("region__boundary")
