"""The partnership journey of issue 14 in a real browser, in Dutch and English, with axe on every page it passes:
the lead finds an organisation nobody manages with the partner picker and invites it with a note; the region's
coordinator sees it on /mijn/ and invites someone to manage the organisation; that person accepts, finds the
invitation with its note in the partnership inbox, opens the answer page and accepts. Then a declined partnership
the lead may ask again, and the withdraw button."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import Partnership
from regions.models import Invitation, Membership, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    verified_person,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]

WORDS = {
    "nl": {
        "find": "Zoek een organisatie om uit te nodigen",
        "search": "Organisaties zoeken",
        "invite": "Uitnodigen",
        "note": "Toelichting",
        "told": "coördinatoren van haar regio",
        "manage": "Zoek iemand om Noorderpoort te beheren",
        "email": "E-mailadres",
        "send": "Uitnodiging om te beheren versturen",
        "claim": "Aannemen en deze organisatie beheren",
        "answer": "Antwoorden: Fietspad naar het techniekcollege",
        "accept": "Aannemen",
        "taken": "Noorderpoort doet mee.",
        "again": "Techniek BV opnieuw vragen",
        "changed": "Wat is er veranderd",
        "withdraw": "Vraag aan Bouwbedrijf Stam intrekken",
    },
    "en": {
        "find": "Find an organisation to invite",
        "search": "Search organisations",
        "invite": "Invite",
        "note": "Note",
        "told": "coordinators of its region",
        "manage": "Find someone to manage Noorderpoort",
        "email": "Email address",
        "send": "Send the invitation to manage",
        "claim": "Accept and manage this organisation",
        "answer": "Answer: Fietspad naar het techniekcollege",
        "accept": "Accept",
        "taken": "Noorderpoort takes part.",
        "again": "Ask Techniek BV again",
        "changed": "What has changed",
        "withdraw": "Withdraw what was asked of Bouwbedrijf Stam",
    },
}
NOTE = "Jullie stagebegeleiders passen precies bij dit fietspad."


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_invitation_to_an_organisation_nobody_manages_ends_in_a_partnership(
    page: Page, live_server, region, language, prefix
):
    words = WORDS[language]
    lead = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)
    lead_admin = organisation_admin(lead, language=language)
    initiative = InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, verified_at=timezone.now())
    OrganisationFactory(name="Bakkerij Bol")
    coordinator = verified_person(language=language)
    RegionCoordinatorFactory(user=coordinator, region=region)

    # The lead searches the picker and invites, with a note.
    sign_in(page, live_server, lead_admin)
    page.goto(f"{live_server.url}{prefix}{initiative.get_absolute_url()}")
    page.get_by_role("link", name=words["find"]).click()
    assert_accessible(page)
    page.locator("#id_q").fill("noorder")
    page.get_by_role("button", name=words["search"]).click()
    expect(page.get_by_role("radio")).to_have_count(1)  # htmx swapped the results in
    page.get_by_role("radio", name="Noorderpoort").check()
    page.get_by_label(words["note"]).fill(NOTE)
    with page.expect_navigation():
        page.get_by_role("button", name=words["invite"], exact=True).click()
    expect(page.get_by_text(words["told"])).to_be_visible()

    # The region's coordinator sees it on /mijn/ and invites someone to manage the organisation.
    page.context.clear_cookies()
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}{prefix}/mijn/")
    expect(page.get_by_text(NOTE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=words["manage"]).click()
    assert_accessible(page)
    page.get_by_label(words["email"]).fill("directie@noorderpoort.example")
    page.get_by_role("button", name=words["send"]).click()
    invitation = Invitation.objects.get(organisation=school, claim=True)

    # The person accepts, finds the invitation with its note in the inbox, and accepts it on the answer page.
    page.context.clear_cookies()
    sign_in(page, live_server, verified_person(email="directie@noorderpoort.example", language=language))
    page.goto(f"{live_server.url}{prefix}/mijn/uitnodigingen/{invitation.token}/")
    assert_accessible(page)
    page.get_by_role("button", name=words["claim"]).click()
    expect(page.get_by_text(NOTE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=words["answer"]).click()
    expect(page.get_by_text(NOTE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=words["accept"], exact=True).click()
    expect(page.get_by_text(words["taken"])).to_be_visible()
    assert Partnership.objects.get(organisation=school).state == Partnership.State.ACCEPTED
    assert Membership.objects.admins().filter(organisation=school).count() == 1


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_lead_asks_a_declined_partner_again_and_withdraws_an_invitation(page: Page, live_server, language, prefix):
    words = WORDS[language]
    lead = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)
    lead_admin = organisation_admin(lead, language=language)
    initiative = InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")
    long_ago = timezone.now() - timedelta(days=settings.PARTNERSHIP_ASK_AGAIN_DAYS + 1)
    PartnershipFactory(
        initiative=initiative,
        organisation=OrganisationFactory(name="Techniek BV"),
        state=Partnership.State.DECLINED,
        answered_at=long_ago,
        declined_at=long_ago,
    )
    PartnershipFactory(
        initiative=initiative,
        organisation=OrganisationFactory(name="Bouwbedrijf Stam"),
        state=Partnership.State.INVITED,
        note=NOTE,
    )
    sign_in(page, live_server, lead_admin)

    page.goto(f"{live_server.url}{prefix}{initiative.get_absolute_url()}")
    assert_accessible(page)
    page.get_by_label(words["changed"]).fill("Er is nu budget.")
    page.get_by_role("button", name=words["again"]).click()
    assert Partnership.objects.get(organisation__name="Techniek BV").state == Partnership.State.INVITED
    page.get_by_role("button", name=words["withdraw"]).click()

    assert not Partnership.objects.filter(organisation__name="Bouwbedrijf Stam").exists()
    assert_accessible(page)
