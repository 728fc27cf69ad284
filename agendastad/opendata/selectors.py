"""Which initiatives open data publishes: public ones only, always, whoever asks.

Signed-in people and moderators see drafts and hidden initiatives in the list; an export or a feed is a file
that travels on, so it starts from `Initiative.objects.public()` for everyone and never from `visible_to()`.
"""

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from agendastad.agendas.filters import AgendaFilter
from agendastad.agendas.models import RegionAgenda
from agendastad.agendas.selectors import published_agendas_in_full, published_priorities
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative
from initiatives.selectors import accepted_partnerships
from regions.models import LabourMarketRegion, Municipality, RegionAssignment

FEED_LENGTH = 30
"""The newest this many initiatives in a feed: a feed reader only needs what is new since it last looked."""


def with_open_data(initiatives: QuerySet[Initiative], year: int | None) -> QuerySet[Initiative]:
    """Every column of an open-data export, in a fixed number of queries per batch whatever the number of rows.

    `year`: the CBS classification year whose regions the initiative's municipalities are named in
    (`Municipality.regions_in_year`); None when no classification is loaded."""
    assignments = RegionAssignment.objects.filter(year=year).select_related("region").defer("region__boundary")
    municipalities = Municipality.objects.defer("boundary").prefetch_related(
        Prefetch("region_assignments", queryset=assignments, to_attr="regions_in_year")
    )
    return (
        initiatives.defer("search_vector", "description", "description_html", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related(
            "themes",
            Prefetch("regions", queryset=LabourMarketRegion.objects.defer("boundary")),
            Prefetch("municipalities", queryset=municipalities),
            "sought_partners",
            "programmes",
            "target_groups",
            accepted_partnerships(),
            Prefetch(
                "agenda_priorities",
                queryset=published_priorities().order_by("agenda__region__name", "agenda__title_nl", "order", "pk"),
                to_attr="published_priorities",
            ),
        )
    )


def public_initiatives_filtered(params: QueryDict) -> QuerySet[Initiative]:
    """The public initiatives that the list at /initiatieven/ shows for these query parameters, in its order.

    The same FilterSet as the list, bound the way django-filter's list view binds it (no parameters: unbound),
    and, as there, invalid parameters give no initiatives rather than an error.
    """
    filterset = InitiativeFilter(params or None, queryset=Initiative.objects.public())
    if filterset.is_bound and not filterset.is_valid():
        return Initiative.objects.none()
    return filterset.qs


def newest_public_initiatives(params: dict | QueryDict) -> QuerySet[Initiative]:
    """The newest public initiatives for a feed: the list's filters for these parameters, newest first."""
    data = params.copy()
    data["sort"] = "newest"
    initiatives = public_initiatives_filtered(data)
    return (
        initiatives.defer("search_vector", "description", "description_html", "primary_region__boundary")
        .select_related("lead_organisation", "primary_region")
        .prefetch_related("themes")[:FEED_LENGTH]
    )


def published_agendas_filtered(params: QueryDict) -> QuerySet[RegionAgenda]:
    """The published agendas that the list at /agendas/ shows for these query parameters, in its order, with all
    an export of their priorities shows; invalid parameters give none, as for initiatives."""
    filterset = AgendaFilter(params or None, queryset=published_agendas_in_full())
    if filterset.is_bound and not filterset.is_valid():
        return RegionAgenda.objects.none()
    return filterset.qs.order_by("region__name", "-first_year", "title_nl", "pk")


def newest_published_agendas(region: LabourMarketRegion | None = None) -> QuerySet[RegionAgenda]:
    """The most recently published agendas for a feed, all or of one region."""
    agendas = RegionAgenda.objects.published().select_related("region").defer("region__boundary")
    if region is not None:
        agendas = agendas.filter(region=region)
    return agendas.order_by("-published_at", "-pk")[:FEED_LENGTH]
