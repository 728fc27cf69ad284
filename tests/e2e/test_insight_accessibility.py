"""The national overview (/inzicht/) passes axe-core in Dutch and English, on a desktop and on a phone, where its
wide tables scroll inside their own labelled, focusable region instead of widening the page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import Theme
from regions.models import Municipality, OrganisationKind

from ..factories import InitiativeFactory, OrganisationFactory, PartnershipFactory
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def country():
    """Initiatives in three regions, one across two of them and one with a partner from a third, so that every
    part of the page (gaps, charts, pairs) has something to show."""
    groningen, utrecht, rotterdam = (Municipality.objects.get(code=code) for code in ("GM0014", "GM0344", "GM0599"))
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL_MBO, municipality=groningen)
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=utrecht)
    port = OrganisationFactory(kind=OrganisationKind.BUSINESS, municipality=rotterdam)
    themes = list(Theme.objects.order_by("number"))
    complete = InitiativeFactory(themes=themes[:2], start_date=timezone.localdate() - datetime.timedelta(days=200))
    PartnershipFactory(initiative=complete, organisation=school)
    PartnershipFactory(initiative=complete, organisation=town)
    complete.regions.add(utrecht.region)
    across = InitiativeFactory(lead_organisation=town, themes=themes[4:])
    PartnershipFactory(initiative=across, organisation=port)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_national_overview_is_accessible_and_fits_a_phone(
    page: Page, live_server, country, language, prefix, width
):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"{prefix}/inzicht/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    # the matrix, the quarters, the pairs, the map's figures and the target groups by region
    expect(page.locator("main table")).to_have_count(5)
    expect(page.locator("main .agendastad-timeline svg")).to_have_count(6)
    expect(page.locator('main [role="region"][tabindex="0"][aria-labelledby]')).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_matrix_scrolls_by_keyboard_on_a_phone(page: Page, live_server, country, language, prefix):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{prefix}/inzicht/")
    matrix = page.locator('main [role="region"]').first

    assert matrix.evaluate("element => element.scrollWidth > element.clientWidth")
    matrix.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Scrolling may be smooth: wait for it rather than read the position at once.
    page.wait_for_function("element => element.scrollLeft > 0", arg=matrix.element_handle(), timeout=5000)
