"""The agenda pages pass axe-core in Dutch and English, and the journey of issue 13 works in a browser: a
coordinator publishes an agenda with three priorities, two organisations commit to it, a lead links an initiative,
and a visitor sees which priority still lacks a business partner."""

import pytest
from playwright.sync_api import Page, expect

from agendastad.agendas.models import AgendaCommitment, AgendaState, PriorityContribution, RegionAgenda
from initiatives.models import NationalProgramme, Theme
from regions.models import LabourMarketRegion, Membership, OrganisationKind

from ..factories import (
    AgendaPriorityFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionAgendaFactory,
    RegionCoordinatorFactory,
    contribution,
    organisation_admin,
    verified_person,
    with_second_factor,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


def groningen() -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM01")


def coordinator():
    person = with_second_factor(verified_person())
    RegionCoordinatorFactory(user=person, region=groningen())
    return person


@pytest.fixture
def agenda() -> RegionAgenda:
    """A published agenda in Groningen with two priorities: one served by a municipality's initiative with a
    school as partner, one that nothing serves; a school and a company committed; a partner region named."""
    agenda = RegionAgendaFactory(title_en="Human capital agenda")
    served = AgendaPriorityFactory(agenda=agenda, ambition="500 mensen omgeschoold", ambition_number=500)
    served.partner_regions.add(LabourMarketRegion.objects.get(code="AM02"))
    served.programmes.add(NationalProgramme.objects.get(slug="green-deals"))
    AgendaPriorityFactory(agenda=agenda, themes=list(Theme.objects.filter(number__in=[2, 3])))
    initiative = InitiativeFactory(lead_organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO))
    contribution(served, initiative)
    for kind in (OrganisationKind.SCHOOL_HBO, OrganisationKind.BUSINESS):
        agenda.commitments.create(organisation=OrganisationFactory(kind=kind))
    return agenda


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_public_agenda_pages_are_accessible(page: Page, live_server, agenda, language, prefix):
    for path in (
        "/agendas/",
        "/agendas/?region=bestaat-niet&kind=nonsense",
        f"/regios/{agenda.region.slug}/agendas/",
        agenda.get_absolute_url(),
        f"/regios/{agenda.region.slug}/",
    ):
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_pages_that_show_agendas_elsewhere_are_accessible(page: Page, live_server, agenda, language, prefix):
    """The programme page with its agendas' priorities, the national overview with the regions that work
    together through their agendas, and the open-data page with the agendas' downloads and feed."""
    for path, shows in (
        ("/programmas/green-deals/", "#agenda-priorities-heading + dl"),
        ("/inzicht/", "#agenda-pairs-caption"),
        ("/open-data/", "#agendas-heading"),
    ):
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        expect(page.locator(shows)).to_be_visible()
        assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_pages_for_coordinators_and_leads_are_accessible(page: Page, live_server, agenda, language, prefix):
    sign_in(page, live_server, coordinator())
    for path in (
        f"/regios/{agenda.region.slug}/agendas/nieuw/",
        f"/agendas/{agenda.slug}/bewerken/",
        f"/agendas/{agenda.slug}/versies/",
        agenda.get_absolute_url(),
    ):
        assert page.goto(f"{live_server.url}{prefix}{path}").status == 200, path
        assert_accessible(page)

    page.goto(f"{live_server.url}{prefix}/regios/{agenda.region.slug}/agendas/nieuw/")
    page.locator("#id_first_year").fill("2030")
    page.locator("#id_last_year").fill("2026")
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()
    expect(page.locator("#id_last_year")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_first_year")).to_have_value("2030")
    assert_accessible(page)

    initiative = PriorityContribution.objects.first().initiative
    lead = verified_person()
    MembershipFactory(user=lead, organisation=initiative.lead_organisation)
    sign_in(page, live_server, lead)
    assert page.goto(f"{live_server.url}{prefix}/initiatieven/{initiative.slug}/agendas/").status == 200
    assert_accessible(page)


def test_a_coordinator_publishes_organisations_commit_a_lead_links_and_a_visitor_sees_the_gap(page: Page, live_server):
    region = groningen()
    sign_in(page, live_server, coordinator())
    page.goto(f"{live_server.url}/regios/{region.slug}/agendas/nieuw/")
    page.locator("#id_kind").select_option("human_capital")
    page.locator("#id_title_nl").fill("Human capital agenda Groningen")
    page.locator("#id_summary_nl").fill("Samen aan het werk.")
    page.locator("#id_first_year").fill("2026")
    page.locator("#id_last_year").fill("2029")
    for number, (title, theme) in enumerate([("Techniek", 1), ("Zorg", 2), ("Wonen", 3)]):
        page.locator(f"#id_priorities-{number}-title_nl").fill(title)
        page.locator(f"input[name='priorities-{number}-themes'][value='{Theme.objects.get(number=theme).pk}']").check()
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()
    agenda = RegionAgenda.objects.get()
    assert agenda.priorities.count() == 3
    with page.expect_navigation():
        page.get_by_role("button", name="Publiceren").click()
    agenda.refresh_from_db()
    assert agenda.state == AgendaState.PUBLISHED

    for kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.SCHOOL_MBO):
        organisation = OrganisationFactory(kind=kind)
        sign_in(page, live_server, organisation_admin(organisation))
        page.goto(f"{live_server.url}{agenda.get_absolute_url()}")
        with page.expect_navigation():
            page.get_by_role("button", name="Verbind je aan deze agenda").click()
    assert AgendaCommitment.objects.filter(agenda=agenda).count() == 2

    initiative = InitiativeFactory(lead_organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    PartnershipFactory(initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.UNIVERSITY))
    lead = verified_person()
    MembershipFactory(user=lead, organisation=initiative.lead_organisation, role=Membership.Role.MEMBER)
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}{initiative.get_absolute_url()}")
    with page.expect_navigation():
        page.get_by_role("link", name="Agendaprioriteiten waaraan dit initiatief werkt").click()
    page.get_by_label("Techniek", exact=False).check()
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()
    assert PriorityContribution.objects.filter(initiative=initiative).count() == 1

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{agenda.get_absolute_url()}")
    techniek = page.locator("article.agendastad-priority", has_text="Techniek")
    expect(techniek).to_contain_text("Hiaat: geen partner uit Bedrijfsleven")
    expect(page.locator("main")).to_contain_text("Hier werkt nog niets aan:")
    expect(page.locator("#table-heading + p + dl")).to_contain_text("Overheid")
    assert_accessible(page)
