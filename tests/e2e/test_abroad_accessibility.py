"""Organisations across the border pass axe-core in Dutch and English: the registration form with Germany chosen
(sent once without a place, so the error shows and what was typed stays) and a foreign organisation's page."""

import pytest
from playwright.sync_api import Page, expect

from regions.models import Organisation, OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory, verified_person
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PLACE = {"nl": "Aachen, Duitsland", "en": "Aachen, Germany"}


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_registering_an_organisation_in_germany_is_accessible_empty_and_with_an_error(
    page: Page, live_server, language, prefix
):
    sign_in(page, live_server, verified_person())
    response = page.goto(f"{prefix}/organisaties/nieuw/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language

    page.locator("#id_name").fill("Wirtschaftsnetz Aachen")
    page.locator("#id_kind").select_option(OrganisationKind.BUSINESS_NETWORK)
    page.locator("#id_country").select_option("DE")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()

    expect(page.locator("#id_place")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_place_error")).to_be_visible()
    expect(page.locator("#id_country")).to_have_value("DE")
    expect(page.locator("#id_name")).to_have_value("Wirtschaftsnetz Aachen")
    assert not Organisation.objects.exists()
    assert_accessible(page)

    page.locator("#id_place").fill("Aachen")
    with page.expect_navigation():
        page.locator("main form.utrecht-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(PLACE[language])
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_foreign_organisations_page_and_its_initiative_are_accessible(page: Page, live_server, language, prefix):
    organisation = OrganisationFactory(
        name="RWTH Aachen", kind=OrganisationKind.UNIVERSITY, country="DE", place="Aachen", municipality=None
    )
    initiative = InitiativeFactory()
    PartnershipFactory(initiative=initiative, organisation=organisation)

    response = page.goto(f"{live_server.url}{prefix}/organisaties/{organisation.slug}/")
    assert response.status == 200
    expect(page.locator("main")).to_contain_text(PLACE[language])
    assert_accessible(page)

    page.goto(f"{live_server.url}{prefix}/initiatieven/{initiative.slug}/")
    expect(page.locator("main")).to_contain_text(PLACE[language])
    assert_accessible(page)
