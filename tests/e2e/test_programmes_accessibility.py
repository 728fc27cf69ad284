"""The national programmes: their list and a programme page (with its map, legend and table) pass axe-core in
Dutch and English, and the table behind the map opens from the keyboard."""

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import NationalProgramme, TargetGroup
from regions.models import Municipality

from ..factories import InitiativeFactory, OrganisationFactory
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def programme() -> NationalProgramme:
    """The Green Deals, worked out by two public initiatives in two regions."""
    green = NationalProgramme.objects.get(slug="green-deals")
    for code in ("GM0014", "GM0599"):
        initiative = InitiativeFactory(
            lead_organisation=OrganisationFactory(municipality=Municipality.objects.get(code=code))
        )
        initiative.programmes.set([green])
        initiative.target_groups.set([TargetGroup.objects.get(slug="statushouders")])
    return green


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_programme_list_is_accessible(page: Page, live_server, programme, language, prefix):
    response = page.goto(f"{prefix}/programmas/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(f'main a[href$="/programmas/{programme.slug}/"]')).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_programme_page_with_its_map_is_accessible(page: Page, live_server, programme, language, prefix):
    response = page.goto(f"{prefix}/programmas/{programme.slug}/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("main .agendastad-result")).to_have_count(2)
    expect(page.locator("main svg.agendastad-choropleth__map path")).not_to_have_count(0)
    assert_accessible(page)

    page.locator("main .agendastad-choropleth__summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main .agendastad-choropleth__details table")).to_be_visible()
    assert_accessible(page)
