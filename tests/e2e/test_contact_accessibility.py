"""Sending a message through the site, as a newcomer does it, passes axe-core in Dutch and English: the contact
page of an initiative (empty, with mistakes, sent), of an organisation seen by an anonymous visitor, and the page
where a recipient reports a message as abuse."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from regions.models import ContactMessage

from ..factories import InitiativeFactory, OrganisationFactory, contact_message, organisation_admin, verified_person
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_newcomer_sends_a_message_to_an_initiative_s_contact_person(page: Page, live_server, language, prefix):
    contact = verified_person(email="contactpersoon@example.org")
    initiative = InitiativeFactory(contact_person=contact)
    sender = verified_person(email="nieuwkomer@example.org")
    sign_in(page, live_server, sender)
    page.goto(f"{live_server.url}{prefix}/initiatieven/{initiative.slug}/")

    page.locator(f'main a[href$="/initiatieven/{initiative.slug}/contact/"]').click()

    expect(page.locator("h1")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert "contactpersoon@example.org" not in page.content()
    assert_accessible(page)

    page.locator("main form.utrecht-form button[type=submit]").click()
    expect(page.locator("#id_subject")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.locator("#id_subject").fill("Stageplekken")
    page.locator("#id_text").fill("Wij hebben plek voor twee studenten techniek.")
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()

    expect(page.locator(".utrecht-alert")).to_contain_text("nieuwkomer@example.org")
    assert page.url.endswith(f"/initiatieven/{initiative.slug}/")
    assert [message.to for message in mail.outbox] == [["contactpersoon@example.org"]]
    assert mail.outbox[0].extra_headers["Reply-To"] == "nieuwkomer@example.org"
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_anonymous_visitor_reads_where_a_message_would_go_and_how_to_send_one(
    page: Page, live_server, language, prefix
):
    organisation = OrganisationFactory(contact_email="info@example.org")
    organisation_admin(organisation)

    response = page.goto(f"{live_server.url}{prefix}/organisaties/{organisation.slug}/contact/")

    assert response.status == 200
    expect(page.locator('main a[href="mailto:info@example.org"]')).to_have_count(1)
    expect(page.locator('main a[href*="/account/login/?next="]')).to_have_count(1)
    expect(page.locator("#id_text")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_recipient_reports_a_message_as_abuse(page: Page, live_server, language, prefix):
    organisation = OrganisationFactory()
    admin = organisation_admin(organisation)
    message = contact_message(recipient=admin, about=organisation)
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}{prefix}/mijn/berichten/{message.pk}/melden/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()

    assert ContactMessage.objects.get().reported_by == admin
    assert_accessible(page)
