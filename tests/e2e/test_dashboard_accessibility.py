"""A region's dashboard and its printable report pass axe-core in Dutch and English, with charts, the theme-by-
helix matrix with gaps, organisations, seekers, a coordinator and the municipality map all filled; and the
report prints without the site's header, footer and navigation."""

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Status, Theme
from regions.models import Municipality, OrganisationKind

from ..factories import (
    InitiativeFactory,
    OrganisationFactory,
    PartnershipFactory,
    RegionCoordinatorFactory,
    UserFactory,
)
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def region_with_work():
    groningen = Municipality.objects.get(code="GM0014")
    company = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=groningen)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO, municipality=groningen)
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=groningen)
    complete = InitiativeFactory(lead_organisation=town, themes=list(Theme.objects.filter(number__in=[1, 2])))
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=company)
    seeking = InitiativeFactory(
        lead_organisation=company, themes=list(Theme.objects.filter(number=3)), status=Status.RUNNING
    )
    seeking.sought_partners.create(helix="knowledge")
    RegionCoordinatorFactory(user=UserFactory(display_name="Coördinator Noord"))
    return groningen.region


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("page_path", ["", "rapport/"], ids=["dashboard", "report"])
def test_the_dashboard_and_report_are_accessible(page: Page, region_with_work, language, prefix, page_path):
    response = page.goto(f"{prefix}/regios/{region_with_work.slug}/{page_path}")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(".agendastad-matrix__cell--gap").first).to_be_visible()
    expect(page.locator(".agendastad-municipality-map")).to_be_visible()
    expect(page.locator(".agendastad-bar-chart svg").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES[:1])
def test_the_report_prints_without_the_sites_chrome(page: Page, region_with_work, language, prefix):
    page.goto(f"/regios/{region_with_work.slug}/rapport/")
    page.emulate_media(media="print")

    expect(page.locator("header.agendastad-header")).to_be_hidden()
    expect(page.locator("footer.agendastad-footer")).to_be_hidden()
    expect(page.locator(".agendastad-report__hint")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".agendastad-matrix")).to_be_visible()
    expect(page.locator(".agendastad-report__source")).to_contain_text("CC BY 4.0")
    assert page.pdf(format="A4")[:4] == b"%PDF"
