"""The region map on the home page and on /regios/ passes axe-core in Dutch and English, with a switch chosen and
its table open; the switches work without script; the keyboard skips the map's shapes and reaches every region
through the table."""

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Theme
from regions.models import LabourMarketRegion, Municipality, OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory
from .conftest import assert_accessible
from .test_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def initiatives() -> None:
    """Public initiatives in a few regions, so the map has several steps and some regions without a figure."""
    for n, code in enumerate(["GM0014", "GM0014", "GM0344", "GM0599", "GM0363", "GM0363", "GM0363"]):
        lead = OrganisationFactory(municipality=Municipality.objects.get(code=code))
        initiative = InitiativeFactory(lead_organisation=lead, themes=[Theme.objects.get(number=1 + n % 3)])
        if n % 2:
            PartnershipFactory(
                initiative=initiative, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL_HBO)
            )
            initiative.sought_partners.create(kind=OrganisationKind.MUNICIPALITY)


PAGES = [
    pytest.param("/", "helixgat", id="home-helix-gap"),
    pytest.param("/regios/", "talent-ontwikkelen", id="region-list-theme"),
    pytest.param("/regios/", "partners-gezocht", id="region-list-partners-sought"),
]


@pytest.mark.usefixtures("initiatives")
@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize(("path", "switch"), PAGES)
def test_the_map_with_a_switch_chosen_is_accessible(page: Page, path, switch, language, prefix):
    response = page.goto(f"{prefix}{path}?kaart={switch}")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    current = page.locator("#kaart nav a[aria-current=true]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", f"{prefix}{path}?kaart={switch}#kaart")
    expect(page.locator("#kaart svg path")).to_have_count(35)
    assert_accessible(page)

    page.locator("#kaart summary").click()
    expect(page.locator("#kaart table tbody tr")).to_have_count(35)
    assert_accessible(page)


@pytest.mark.usefixtures("initiatives")
@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_switch_is_a_link_that_redraws_the_map(page: Page, language, prefix):
    page.goto(f"{prefix}/regios/?province=Groningen")
    heading = page.locator("#kaart-heading")
    default_heading = heading.inner_text()

    with page.expect_navigation():
        page.locator("#kaart nav a").last.click()  # partners sought

    assert page.url.endswith(f"{prefix}/regios/?province=Groningen&kaart=partners-gezocht#kaart")
    expect(heading).not_to_have_text(default_heading)
    expect(page.locator("#kaart nav a[aria-current=true]")).to_have_text(
        "Gezochte partners" if language == "nl" else "Partners sought"
    )
    in_groningen = LabourMarketRegion.objects.filter(municipalities__province="Groningen").distinct().count()
    expect(page.locator("main table").last.locator("tbody tr")).to_have_count(in_groningen)  # the filter holds


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/regios/"])
def test_the_keyboard_skips_the_shapes_and_reaches_each_region_in_the_table(page: Page, path, language, prefix):
    page.goto(f"{prefix}{path}")
    page.locator("#kaart nav a").last.focus()

    page.keyboard.press("Tab")
    summary = page.locator("#kaart summary")
    expect(summary).to_be_focused()  # not one of the 35 shapes before it
    page.keyboard.press("Enter")
    links = page.locator("#kaart table a")
    expect(links).to_have_count(35)
    for region in LabourMarketRegion.objects.order_by("name"):
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_attribute("href", f"{prefix}/regios/{region.slug}/")

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"{prefix}/regios/{region.slug}/")
