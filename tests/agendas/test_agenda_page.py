"""The agenda page: per priority the public initiatives that serve it, what they cover together, the gaps in
the triple helix, and the priorities nothing serves; its numbers equal the database, its queries do not grow."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from agendastad.agendas.models import AgendaPriority
from agendastad.agendas.selectors import agenda_priorities
from initiatives.models import Hidden, Initiative, Partnership, Visibility
from initiatives.selectors import TRIPLE_HELIX
from regions.models import HELIX_OF_KIND, Helix, OrganisationKind

from ..factories import (
    AgendaPriorityFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionAgendaFactory,
    contribution,
)

pytestmark = pytest.mark.django_db

DUTCH_LABEL = {Helix.GOVERNMENT: "Overheid", Helix.KNOWLEDGE: "Onderwijs & kennis", Helix.BUSINESS: "Bedrijfsleven"}


def led_by(kind: str, **kwargs) -> Initiative:
    return InitiativeFactory(lead_organisation=OrganisationFactory(kind=kind), **kwargs)


def partner(initiative: Initiative, kind: str, state: str = Partnership.State.ACCEPTED) -> None:
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=kind), state=state)


def gaps_in_database(priority: AgendaPriority) -> list[str]:
    """Counted from the rows, without the selectors: the strands no accepted partner of a public initiative has."""
    public = Initiative.objects.public().filter(priority_contributions__priority=priority)
    if not public.exists():
        return []
    kinds = Partnership.objects.filter(initiative__in=public, state=Partnership.State.ACCEPTED).values_list(
        "organisation__kind", flat=True
    )
    present = {HELIX_OF_KIND[kind] for kind in kinds}
    return [helix for helix in TRIPLE_HELIX if helix not in present]


def section(content: str, priority: AgendaPriority) -> str:
    """The part of the page about one priority."""
    start = content.index(f'<article class="agendastad-priority" aria-labelledby="priority-{priority.pk}"')
    return content[start : content.index("</article>", start)]


@pytest.fixture
def agenda_with_mix():
    """Three priorities. Skills: a public initiative led by a municipality with a school as partner, a draft and a
    hidden one with businesses, an archived one with a business, and a business invited but not answering: it
    lacks business. Energy: a complete public one. Care: only a draft, so nothing public serves it."""
    agenda = RegionAgendaFactory()
    skills, energy, care = (AgendaPriorityFactory(agenda=agenda, order=n) for n in (1, 2, 3))
    public = led_by(OrganisationKind.MUNICIPALITY)
    partner(public, OrganisationKind.SCHOOL_MBO)
    partner(public, OrganisationKind.BUSINESS, Partnership.State.INVITED)
    partner(public, OrganisationKind.BUSINESS, Partnership.State.REQUESTED)
    draft = led_by(OrganisationKind.BUSINESS, visibility=Visibility.DRAFT)
    hidden = led_by(OrganisationKind.BUSINESS, hidden=Hidden.HIDDEN)
    archived = led_by(OrganisationKind.BUSINESS, archived_at=timezone.now())
    for initiative in (public, draft, hidden, archived):
        contribution(skills, initiative)
    complete = led_by(OrganisationKind.UNIVERSITY)
    partner(complete, OrganisationKind.PROVINCE)
    partner(complete, OrganisationKind.BUSINESS_NETWORK)
    contribution(energy, complete)
    contribution(care, led_by(OrganisationKind.BUSINESS, visibility=Visibility.DRAFT))
    return agenda, skills, energy, care


def test_the_gap_per_priority_equals_the_database(client, agenda_with_mix):
    agenda, skills, energy, care = agenda_with_mix

    response = client.get(agenda.get_absolute_url())

    content = response.content.decode()
    shown = {view.priority.pk: view for view in response.context["priorities"]}
    for priority in (skills, energy, care):
        assert shown[priority.pk].gaps == gaps_in_database(priority)
        count = Initiative.objects.public().filter(priority_contributions__priority=priority).count()
        assert len(shown[priority.pk].initiatives) == count
    assert gaps_in_database(skills) == [Helix.BUSINESS]
    assert re.search(r"Hiaat: geen partner uit\s+Bedrijfsleven\s*</p>", section(content, skills))
    assert "Hiaat" not in section(content, energy)
    assert "Nog geen openbaar initiatief werkt aan deze prioriteit." in section(content, care)
    unserved = content[content.index("Hier werkt nog niets aan:") :][:2000]
    assert f'href="#priority-{care.pk}"' in unserved
    assert f'href="#priority-{skills.pk}"' not in unserved


def test_only_public_initiatives_appear_on_the_page(client, agenda_with_mix):
    agenda, skills, *_ = agenda_with_mix

    content = client.get(agenda.get_absolute_url()).content.decode()

    for initiative in Initiative.objects.filter(priority_contributions__priority=skills):
        shown = f'href="{initiative.get_absolute_url()}"' in content
        assert shown == Initiative.objects.public().filter(pk=initiative.pk).exists()


def test_the_regional_table_groups_committed_organisations_by_helix(client):
    agenda = RegionAgendaFactory()
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO, name="Hanzehogeschool")
    company = OrganisationFactory(kind=OrganisationKind.BUSINESS, name="Bouwbedrijf Noord")
    for organisation in (school, company):
        agenda.commitments.create(organisation=organisation)

    response = client.get(agenda.get_absolute_url())

    assert [(helix, [o.name for o in organisations]) for helix, _, organisations in response.context["tables"]] == [
        (Helix.KNOWLEDGE, ["Hanzehogeschool"]),
        (Helix.BUSINESS, ["Bouwbedrijf Noord"]),
    ]
    table = response.content.decode().split('id="table-heading"')[1]
    assert re.search(r"Onderwijs &amp; kennis</dt>\s*<dd>\s*<a[^>]*>Hanzehogeschool", table)


def grow(agenda, count: int) -> None:
    for number in range(count):
        priority = AgendaPriorityFactory(agenda=agenda, order=number + 10)
        priority.partner_regions.add(agenda.region)
        initiative = led_by(OrganisationKind.MUNICIPALITY)
        partner(initiative, OrganisationKind.SCHOOL_MBO)
        contribution(priority, initiative)
        agenda.commitments.create(organisation=OrganisationFactory())


def test_the_agenda_page_asks_as_many_queries_for_ten_priorities_as_for_one(client, django_assert_max_num_queries):
    agenda = RegionAgendaFactory()
    grow(agenda, 1)
    path = agenda.get_absolute_url()
    client.get(path)
    with CaptureQueriesContext(connection) as at_one:
        assert client.get(path).status_code == 200

    grow(agenda, 9)

    with django_assert_max_num_queries(len(at_one)):
        response = client.get(path)
    assert len(response.context["priorities"]) == 10
    assert sum(len(view.initiatives) for view in response.context["priorities"]) == 10


def test_english_titles_are_shown_in_english_when_there_are_any():
    agenda = RegionAgendaFactory(title_en="Human capital agenda")
    AgendaPriorityFactory(agenda=agenda, title_nl="Techniek", title_en="Technology")
    AgendaPriorityFactory(agenda=agenda, title_nl="Zorg")
    with translation.override("en"):
        assert [view.priority.title for view in agenda_priorities(agenda)] == ["Technology", "Zorg"]
        assert agenda.title == "Human capital agenda"
    with translation.override("nl"):
        assert [view.priority.title for view in agenda_priorities(agenda)] == ["Techniek", "Zorg"]
