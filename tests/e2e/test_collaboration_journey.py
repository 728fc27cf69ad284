"""Issue 14's journey in one go, in a real browser, as the people involved would walk it: the lead invites an
organisation nobody manages, with a note; the region's coordinator finds it in their workspace and invites someone
to manage the organisation; that person claims it, reads the note and accepts; as a partner now, they post a progress
update; a person who follows the initiative finds it among their notifications."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from agendastad.notifications.models import Notification, NotificationKind
from agendastad.notifications.services import follow_create
from initiatives.models import Partnership, ProgressUpdate
from regions.models import Invitation, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    organisation_admin,
    verified_person,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]

NOTE = "Jullie stagebegeleiders passen precies bij dit fietspad."
UPDATE = "De eerste tien studenten fietsen sinds maandag naar hun stage."


def test_from_an_invitation_nobody_could_answer_to_a_progress_update_a_follower_reads(page: Page, live_server, region):
    lead = OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)
    lead_admin = organisation_admin(lead)
    initiative = InitiativeFactory(lead_organisation=lead, title="Fietspad naar het techniekcollege")
    school = OrganisationFactory(name="Noorderpoort", kind=OrganisationKind.SCHOOL_MBO, verified_at=timezone.now())
    OrganisationFactory(name="Bakkerij Bol")  # so that one result left means the search has answered
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator, region=region)
    follower = verified_person()
    follow_create(user=follower, target=initiative)

    # The lead finds the school with the partner picker and invites it, with a note; nobody manages the school.
    sign_in(page, live_server, lead_admin)
    page.goto(f"{live_server.url}{initiative.get_absolute_url()}")
    page.get_by_role("link", name="Zoek een organisatie om uit te nodigen").click()
    page.locator("#id_q").fill("noorder")
    page.get_by_role("button", name="Organisaties zoeken").click()
    expect(page.get_by_role("radio")).to_have_count(1)
    page.get_by_role("radio", name="Noorderpoort").check()
    page.get_by_label("Toelichting").fill(NOTE)
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodigen", exact=True).click()
    expect(page.get_by_text("coördinatoren van haar regio")).to_be_visible()

    # The coordinator starts the week from /mijn/: the workspace lists the invitation nobody can answer.
    page.context.clear_cookies()
    sign_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("link", name=f"Open de werkruimte van {region.name}").click()
    waiting = page.locator("section[aria-labelledby=invitations-without-admin]")
    expect(waiting.get_by_text("Noorderpoort").first).to_be_visible()
    expect(waiting.get_by_text("Fietspad naar het techniekcollege").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("link", name="Zoek iemand om Noorderpoort te beheren").click()
    page.get_by_label("E-mailadres").fill("directie@noorderpoort.example")
    page.get_by_role("button", name="Uitnodiging om te beheren versturen").click()
    invitation = Invitation.objects.get(organisation=school, claim=True)

    # Someone of the school claims it, reads the note and accepts.
    claimant = verified_person(email="directie@noorderpoort.example")
    page.context.clear_cookies()
    sign_in(page, live_server, claimant)
    page.goto(f"{live_server.url}/mijn/uitnodigingen/{invitation.token}/")
    page.get_by_role("button", name="Aannemen en deze organisatie beheren").click()
    page.get_by_role("link", name="Antwoorden: Fietspad naar het techniekcollege").click()
    expect(page.get_by_text(NOTE)).to_be_visible()
    page.get_by_role("button", name="Aannemen", exact=True).click()
    expect(page.get_by_text("Noorderpoort doet mee.")).to_be_visible()
    assert Partnership.objects.get(organisation=school).state == Partnership.State.ACCEPTED

    # As a partner now, they post what happened.
    page.goto(f"{live_server.url}{initiative.get_absolute_url()}")
    form = page.get_by_role("form", name="Voortgang melden")
    form.get_by_label("Wat is er gebeurd?").fill(UPDATE)
    form.get_by_role("button", name="Voortgangsbericht plaatsen").click()
    expect(page.locator("#progress article", has_text=UPDATE)).to_be_visible()
    assert ProgressUpdate.objects.get(initiative=initiative).organisation == school

    # The follower hears of it.
    page.context.clear_cookies()
    sign_in(page, live_server, follower)
    page.goto(f"{live_server.url}/mijn/meldingen/")
    expect(page.get_by_text("Fietspad naar het techniekcollege").first).to_be_visible()
    assert Notification.objects.filter(recipient=follower, kind=NotificationKind.FOLLOWED_PROGRESS).count() == 1
    assert_accessible(page)
