"""Searching by the name people use ("Den Haag" for 's-Gravenhage): the region list and the initiative list stay
accessible in Dutch and English with the results and the note about the place the search names."""

import pytest
from playwright.sync_api import Page, expect

from regions.models import Municipality

from ..factories import InitiativeFactory
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_region_list_finds_haaglanden_by_den_haag(page: Page, live_server, language, prefix, browser_locale):
    page.goto(f"{prefix}/regios/")
    page.locator('input[name="q"]').fill("Den Haag")
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()

    expect(page.locator('main table[aria-describedby="region-table-note"] tbody th')).to_have_text(["Haaglanden"])
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_initiative_search_finds_initiatives_in_den_bosch(
    page: Page, live_server, language, prefix, browser_locale
):
    initiative = InitiativeFactory(title="Techniek op school", summary="Samen werken", description="")
    initiative.municipalities.add(Municipality.objects.get(code="GM0796"))

    page.goto(f"{prefix}/initiatieven/?q=Den+Bosch")

    expect(page.locator("main .agendastad-result-list")).to_contain_text("Techniek op school")
    expect(page.locator("main")).to_contain_text("'s-Hertogenbosch")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
