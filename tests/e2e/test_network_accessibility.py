"""The collaboration network pages pass axe-core in Dutch and English, with a picture of organisations of every
helix, links within and across region borders, and labels; and every organisation in the picture can be reached
by keyboard through the tables."""

import pytest
from playwright.sync_api import Page, expect

from regions.models import Municipality, OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network():
    """Organisations of all five helices in Groningen and Rotterdam, working together in three initiatives."""
    groningen = Municipality.objects.get(code="GM0014")
    rotterdam = Municipality.objects.get(name="Rotterdam")
    kinds = [
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.SCHOOL_HBO,
        OrganisationKind.BUSINESS,
        OrganisationKind.UNION,
        OrganisationKind.CIVIL_SOCIETY,
    ]
    here = [OrganisationFactory(kind=kind, municipality=groningen) for kind in kinds]
    there = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, municipality=rotterdam)
    for lead, partners in ((here[0], here[1:3]), (here[2], [here[3], there]), (here[0], [here[4], there])):
        initiative = InitiativeFactory(lead_organisation=lead)
        for partner in partners:
            PartnershipFactory(initiative=initiative, organisation=partner)
    return groningen.region


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("where", ["national", "region"])
def test_the_network_pages_are_accessible(page: Page, network, where, language, prefix):
    path = "/inzicht/netwerk/" if where == "national" else f"/regios/{network.slug}/netwerk/"
    response = page.goto(prefix + path)

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(".agendastad-network__picture .agendastad-network__node")).to_have_count(6)
    expect(page.locator(".agendastad-network__link--cross")).to_have_count(5)  # four links and the legend's key
    expect(page.locator("section[aria-labelledby=network-organisations] table tbody a")).to_have_count(6)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_an_empty_network_is_accessible(page: Page, language, prefix):
    response = page.goto(f"{prefix}/inzicht/netwerk/")

    assert response.status == 200
    expect(page.locator(".agendastad-network__picture")).to_have_count(0)
    assert_accessible(page)
