"""Active matchmaking and following organisations in the browser (issue 14, items 2 and 7), as a school's admin
who is new here: the matchmaking page says what is sought and what is filled, the organisation page follows and
stops following, /mijn/ lists the organisation, and the notification of a fitting initiative opens its page. Every
page passes axe-core, in Dutch and English."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from agendastad.accounts.models import User
from initiatives import services
from initiatives.models import Partnership, Theme
from initiatives.services import InitiativeData
from regions.models import Helix, Municipality, OrganisationKind

from ..factories import OrganisationFactory, PartnershipFactory, organisation_admin
from ..factories import sign_in as sign_in_client
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = [
    pytest.param("nl", "", "nl-NL", id="nl"),
    pytest.param("en", "/en", "en-GB", id="en"),
]
WORDS = {
    "nl": {"looks": "Zoekt:", "filled": "Ingevuld", "follow": "Volg deze organisatie", "stop": "Niet meer volgen"},
    "en": {"looks": "Looks for:", "filled": "Filled", "follow": "Follow this organisation", "stop": "Stop following"},
}


def sign_in(page: Page, live_server, user: User) -> None:
    client = Client()
    sign_in_client(client, user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_school_admin_hears_of_a_fitting_initiative_sees_what_is_sought_and_follows_its_lead(
    page: Page, live_server, language, prefix
):
    groningen = Municipality.objects.get(code="GM0014")
    lead = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    school = OrganisationFactory(
        name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, municipality=groningen, verified_at=timezone.now()
    )
    school_admin = organisation_admin(school)
    initiative = services.initiative_create(
        user=organisation_admin(lead),
        lead_organisation=lead,
        data=InitiativeData(
            title="Techniek in de wijk",
            summary="Leerlingen maken kennis met techniek.",
            themes=[Theme.objects.get(number=1)],
            primary_region=groningen.region,
            sought_helices=[Helix.KNOWLEDGE, Helix.BUSINESS],
            sought_note="Een school die stages begeleidt, en een bedrijf met een werkplaats.",
        ),
    )
    company = OrganisationFactory(name="Werkplaats Noord", kind=OrganisationKind.BUSINESS, municipality=groningen)
    joined = PartnershipFactory(initiative=initiative, organisation=company, state=Partnership.State.INVITED)
    services.partnership_accept(partnership=joined, user=organisation_admin(company))
    words = WORDS[language]
    sign_in(page, live_server, school_admin)

    page.goto(f"{prefix}/mijn/meldingen/")
    assert_accessible(page)
    page.get_by_role("button", name="Techniek in de wijk (Groningen)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Techniek in de wijk")

    page.goto(f"{prefix}/partners-gezocht/")
    card = page.locator(".agendastad-result", has_text="Techniek in de wijk")
    expect(card).to_contain_text(words["looks"])
    expect(card).to_contain_text(words["filled"])
    expect(card).to_contain_text("Een school die stages begeleidt")
    assert_accessible(page)

    page.goto(f"{prefix}{lead.get_absolute_url()}")
    page.get_by_role("button", name=words["follow"]).click()
    expect(page.get_by_role("button", name=words["stop"])).to_be_visible()
    assert_accessible(page)

    page.goto(f"{prefix}/mijn/")
    expect(page.get_by_role("link", name="Gemeente Groningen")).to_be_visible()
    assert_accessible(page)
