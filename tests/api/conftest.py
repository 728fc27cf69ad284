from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from agendastad.agendas.models import AgendaCommitment, AgendaState, RegionAgenda
from initiatives.models import (
    Hidden,
    Initiative,
    NationalProgramme,
    Partnership,
    Status,
    TargetGroup,
    Theme,
    Visibility,
)
from regions.models import LabourMarketRegion, Municipality, Organisation, OrganisationKind

from ..factories import (
    AgendaPriorityFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionAgendaFactory,
    UserFactory,
    contribution,
)


@dataclass
class World:
    public: list[Initiative]
    unseen: list[Initiative]
    """A draft, one hidden by a moderator, one hidden while pending, an archived one: never in the API."""
    organisations: list[Organisation]
    agendas: list[RegionAgenda]
    """Two published agendas; the third is a draft and the fourth went back to draft: never in the API."""


@pytest.fixture(autouse=True)
def _generous_rate_limit(fresh_rate_limits, settings):
    """Walking a list page by page asks more than a minute's worth; tests/api/test_errors.py tests the limit."""
    settings.API_RATE_LIMIT = (100_000, 60)


@pytest.fixture
def world(db) -> World:
    """Public initiatives across two regions, all themes, every helix and status, with partners in every state,
    sought partners, further regions and municipalities; and the four kinds of initiative nobody may read here.

    Three of them share one creation time, so the cursor has ties to page through. Contact persons and creators
    have e-mail addresses, which must never show."""
    groningen = Municipality.objects.get(code="GM0014")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    drenthe = LabourMarketRegion.objects.get(code="AM03")
    themes = list(Theme.objects.order_by("number"))
    kinds = list(OrganisationKind)
    programmes = list(NationalProgramme.objects.order_by("slug"))
    groups = list(TargetGroup.objects.order_by("slug"))
    organisations = [
        OrganisationFactory(kind=kinds[number % len(kinds)], municipality=(groningen, rotterdam)[number % 2])
        for number in range(10)
    ]
    same_moment = timezone.now() - timedelta(days=3)
    public = []
    for number in range(9):
        lead = organisations[number]
        initiative = InitiativeFactory(
            lead_organisation=lead,
            title=f"Initiative {number} about {'vakmanschap' if number % 3 == 0 else 'mobiliteit'}",
            themes=[themes[number % 6], themes[(number + 2) % 6]],
            status=list(Status)[number % 5],
            contact_person=UserFactory(),
            created_by=UserFactory(),
            start_date=date(2026, 1, 1 + number),
            end_date=date(2027, 1, 1) if number % 2 else None,
            budget=10000 * number if number % 3 else None,
            website=f"https://example.org/{number}" if number % 2 else "",
            created_at=same_moment if number in (2, 3, 4) else timezone.now() - timedelta(days=number + 10),
        )
        PartnershipFactory(initiative=initiative, organisation=organisations[(number + 1) % 10])
        PartnershipFactory(initiative=initiative, organisation=organisations[(number + 4) % 10], role="funder")
        PartnershipFactory(
            initiative=initiative, organisation=organisations[(number + 5) % 10], state=Partnership.State.INVITED
        )
        PartnershipFactory(
            initiative=initiative, organisation=organisations[(number + 6) % 10], state=Partnership.State.DECLINED
        )
        if number % 2:
            initiative.sought_partners.create(helix="civil_society")
        if number % 3 == 1:
            initiative.sought_partners.create(kind=OrganisationKind.SCHOOL_MBO)
        if number % 4 == 0:
            initiative.regions.set([drenthe])
        initiative.municipalities.set([lead.municipality])
        initiative.programmes.set(programmes[number % 3 : number % 3 + 1] if number % 4 else [])
        initiative.target_groups.set(groups[number % 2 :: 2])
        public.append(initiative)
    unseen = [
        InitiativeFactory(lead_organisation=organisations[0], title="A draft", visibility=Visibility.DRAFT),
        InitiativeFactory(lead_organisation=organisations[1], title="Hidden", hidden=Hidden.HIDDEN),
        InitiativeFactory(lead_organisation=organisations[2], title="Pending", hidden=Hidden.PENDING),
        InitiativeFactory(lead_organisation=organisations[3], title="Archived", archived_at=timezone.now()),
    ]
    for initiative in unseen:  # every filter below would find them, were they not unseen
        initiative.programmes.set(programmes)
        initiative.target_groups.set(groups)
    agendas = agendas_of(public, unseen, organisations, themes, programmes, drenthe)
    return World(public=public, unseen=unseen, organisations=organisations, agendas=agendas)


def agendas_of(public, unseen, organisations, themes, programmes, drenthe) -> list[RegionAgenda]:
    """Groningen's human capital agenda (three priorities: one served by public initiatives and by an unseen one,
    one with a programme and Drenthe as partner, one served by nothing), Drenthe's economic agenda, a draft and
    an agenda taken back to draft; committers have e-mail addresses."""
    groningen_region = public[0].primary_region
    human_capital = RegionAgendaFactory(region=groningen_region, created_by=UserFactory())
    economic = RegionAgendaFactory(region=drenthe, kind="economic", published_at=timezone.now() - timedelta(days=9))
    draft = RegionAgendaFactory(region=groningen_region, state=AgendaState.DRAFT, published_at=None)
    withdrawn = RegionAgendaFactory(region=drenthe, state=AgendaState.DRAFT, published_at=None)
    served = AgendaPriorityFactory(
        agenda=human_capital, themes=[themes[0]], ambition="Meer vakmensen", ambition_number=250, ambition_unit="mensen"
    )
    for initiative in [public[0], public[1], unseen[0]]:
        contribution(served, initiative)
    with_programme = AgendaPriorityFactory(agenda=human_capital, themes=[themes[2]], programmes=[programmes[0]])
    with_programme.partner_regions.set([drenthe])
    AgendaPriorityFactory(agenda=human_capital, themes=[themes[1]])
    contribution(AgendaPriorityFactory(agenda=economic, themes=[themes[1]], programmes=[programmes[1]]), public[2])
    for hidden_agenda in (draft, withdrawn):
        hidden = AgendaPriorityFactory(agenda=hidden_agenda, themes=themes, programmes=programmes)
        contribution(hidden, public[3])
    for organisation in organisations[:3]:
        AgendaCommitment.objects.create(agenda=human_capital, organisation=organisation, committed_by=UserFactory())
    AgendaCommitment.objects.create(agenda=draft, organisation=organisations[4], committed_by=UserFactory())
    return [human_capital, economic, draft, withdrawn]


def walk(client, path: str, params: dict | None = None) -> list[dict]:
    """Every item of an API list, following `next` to the end."""
    response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    page = response.json()
    items = page["results"]
    while page["next"]:
        response = client.get(page["next"])
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["results"]
    return items
