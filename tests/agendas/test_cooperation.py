"""Cooperation between regions: a region's page lists its published agendas, its neighbours' published agendas
that share a theme with them, and the agendas of other regions that name it as a partner."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agendastad.agendas.models import AgendaState, PriorityContribution, RegionAgenda
from agendastad.agendas.selectors import region_neighbours
from agendastad.demo.planner import demo_seed
from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion

from ..factories import AgendaPriorityFactory, RegionAgendaFactory

pytestmark = pytest.mark.django_db


def region(name: str) -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(name=name)


def test_neighbours_are_the_regions_whose_boundaries_touch():
    neighbours = region_neighbours()
    groningen, drenthe, friesland = region("Groningen"), region("Drenthe"), region("Friesland")

    assert drenthe.pk in neighbours[groningen.pk]
    assert friesland.pk in neighbours[groningen.pk]
    assert groningen.pk in neighbours[drenthe.pk]
    assert region("Zuid-Limburg").pk not in neighbours[groningen.pk]
    assert all(pk in neighbours[other] for pk, others in neighbours.items() for other in others)  # symmetric


def test_the_region_page_lists_neighbours_agendas_that_share_a_theme(client):
    groningen, drenthe, friesland = region("Groningen"), region("Drenthe"), region("Friesland")
    skills, care = Theme.objects.get(number=1), Theme.objects.get(number=2)
    own = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=groningen, title_nl="Groningen werkt"), themes=[skills]
    )
    sharing = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=drenthe, title_nl="Drenthe leert"), themes=[skills]
    )
    other_theme = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=friesland, title_nl="Friesland zorgt"), themes=[care]
    )
    draft = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(
            region=drenthe, title_nl="Drenthe concept", state=AgendaState.DRAFT, published_at=None
        ),
        themes=[skills],
    )
    far = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=region("Zuid-Limburg"), title_nl="Limburg"))
    far.partner_regions.add(groningen)

    response = client.get(f"/regios/{groningen.slug}/")

    agendas = response.context["agendas"]
    assert agendas.own == [own.agenda]
    assert agendas.neighbours == [sharing.agenda]
    assert agendas.partnering == [far.agenda]
    content = response.content.decode()
    for shown in ("Groningen werkt", "Drenthe leert", "Limburg"):
        assert shown in content
    for hidden in (other_theme.agenda.title_nl, draft.agenda.title_nl):
        assert hidden not in content


def test_a_region_without_agendas_says_so(client):
    response = client.get(f"/regios/{region('Groningen').slug}/")

    assert "Deze regio heeft nog geen agenda gepubliceerd." in response.content.decode()
    assert response.context["agendas"].neighbours == []


def test_the_demo_publishes_human_capital_agendas_with_three_priorities_and_two_committed_organisations():
    demo_seed(seed=5, organisations=120, people=40, initiatives=150)

    agendas = RegionAgenda.objects.published()
    assert agendas.count() == 3
    for agenda in agendas:
        assert agenda.priorities.count() == 3
        assert agenda.commitments.count() == 2
    assert PriorityContribution.objects.filter(priority__agenda__in=agendas).exists()
    assert not PriorityContribution.objects.exclude(initiative__in=Initiative.objects.public()).exists()


def test_the_region_page_asks_as_many_queries_for_ten_agendas_around_it_as_for_one(
    client, django_assert_max_num_queries
):
    groningen, drenthe = region("Groningen"), region("Drenthe")

    def add_agendas() -> None:
        AgendaPriorityFactory(agenda=RegionAgendaFactory(region=groningen))
        AgendaPriorityFactory(agenda=RegionAgendaFactory(region=drenthe))
        partner = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=region("Zuid-Limburg")))
        partner.partner_regions.add(groningen)

    add_agendas()
    path = f"/regios/{groningen.slug}/"
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        client.get(path)
    for _ in range(9):
        add_agendas()

    with django_assert_max_num_queries(len(at_one)):
        response = client.get(path)
    assert len(response.context["agendas"].neighbours) == 10
    assert len(response.context["agendas"].partnering) == 10
