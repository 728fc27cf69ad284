"""Agenda priorities refer to national programmes: chosen in the form, shown per priority on the agenda page, and
listed per region on the programme page, for published agendas only."""

import pytest

from agendastad.agendas.models import AgendaState, RegionAgenda
from initiatives.models import NationalProgramme
from regions.models import LabourMarketRegion

from ..factories import AgendaPriorityFactory, RegionAgendaFactory, sign_in
from .test_writing import agenda_form, coordinator

pytestmark = pytest.mark.django_db


def test_a_coordinator_names_the_programmes_a_priority_works_out(client, region):
    green_deal, other = NationalProgramme.objects.order_by("slug")[:2]
    sign_in(client, coordinator(region))

    response = client.post(
        f"/regios/{region.slug}/agendas/nieuw/", agenda_form(**{"priorities-0-programmes": [green_deal.pk]})
    )

    assert response.status_code == 302
    first, second, _third = RegionAgenda.objects.get().priorities.order_by("order")
    assert list(first.programmes.all()) == [green_deal]
    assert not second.programmes.exists()
    assert other not in first.programmes.all()


def test_an_ended_programme_is_offered_only_to_the_priority_that_already_works_it_out(client, region):
    ended = NationalProgramme.objects.order_by("slug").first()
    ended.running = False
    ended.save()
    agenda = RegionAgendaFactory(region=region, state=AgendaState.DRAFT, published_at=None)
    AgendaPriorityFactory(agenda=agenda, programmes=[ended])
    sign_in(client, coordinator(region))

    form = client.get(f"/agendas/{agenda.slug}/bewerken/").context["formset"]

    assert ended in form.forms[0].fields["programmes"].queryset
    assert ended not in form.forms[1].fields["programmes"].queryset


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_agenda_page_links_each_prioritys_programmes(client, region, prefix):
    programme = NationalProgramme.objects.order_by("slug").first()
    priority = AgendaPriorityFactory(agenda=RegionAgendaFactory(region=region), programmes=[programme])
    AgendaPriorityFactory(agenda=priority.agenda)

    page = client.get(f"{prefix}{priority.agenda.get_absolute_url()}").content.decode()

    name = programme.name_en if prefix else programme.name_nl
    assert f'href="{prefix}/programmas/{programme.slug}/"' in page
    assert page.count(f">{name}</a>") == 1


def test_the_programme_page_lists_the_published_priorities_per_region_and_never_a_draft(client):
    programme = NationalProgramme.objects.order_by("slug").first()
    groningen = LabourMarketRegion.objects.get(code="AM01")
    drenthe = LabourMarketRegion.objects.get(code="AM03")
    in_groningen = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=groningen), title_nl="Groen Groningen", programmes=[programme]
    )
    in_drenthe = AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=drenthe), title_nl="Groen Drenthe", programmes=[programme]
    )
    AgendaPriorityFactory(
        agenda=RegionAgendaFactory(region=drenthe, state=AgendaState.DRAFT, published_at=None),
        title_nl="Concept Drenthe",
        programmes=[programme],
    )
    AgendaPriorityFactory(agenda=in_groningen.agenda, title_nl="Zonder programma")

    page = client.get(programme.get_absolute_url()).content.decode()

    section = page[page.index('id="agenda-priorities-heading"') :]
    assert section.index(drenthe.name) < section.index("Groen Drenthe") < section.index(groningen.name)
    assert section.index(groningen.name) < section.index("Groen Groningen")
    assert f"{in_drenthe.agenda.get_absolute_url()}#priority-{in_drenthe.pk}" in section
    assert "Concept Drenthe" not in page
    assert "Zonder programma" not in page


def test_a_programme_no_agenda_works_out_says_so(client):
    programme = NationalProgramme.objects.order_by("slug").first()
    AgendaPriorityFactory(
        agenda=RegionAgendaFactory(state=AgendaState.DRAFT, published_at=None), programmes=[programme]
    )

    page = client.get(programme.get_absolute_url()).content.decode()

    assert "Er is nog geen gepubliceerde regioagenda" in page
