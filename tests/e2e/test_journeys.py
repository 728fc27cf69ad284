"""What a visitor does on the site, in a real browser: find a region, switch language, filter, skip to content."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def municipalities_under(page: Page, province: str):
    """The municipalities listed under a province's heading on a region page."""
    heading = page.get_by_role("heading", level=3, name=province, exact=True)
    return heading.locator("xpath=following-sibling::ul[1]").get_by_role("listitem")


def test_from_the_home_page_a_visitor_finds_the_municipalities_of_a_region(page: Page):
    page.goto("/")

    page.get_by_role("region", name="De arbeidsmarktregio's").get_by_role("link", name="Groningen", exact=True).click()

    expect(page).to_have_url(re.compile(r"/regios/groningen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio Groningen")
    expect(page.get_by_role("heading", level=3)).to_have_text(["Drenthe", "Groningen"])
    expect(municipalities_under(page, "Groningen")).to_contain_text(["Eemsdelta", "Groningen", "Westerwolde"])
    expect(municipalities_under(page, "Drenthe")).to_have_text(["Aa en Hunze", "Assen", "Noordenveld", "Tynaarlo"])


def test_the_language_link_shows_the_same_page_in_english_and_back(page: Page):
    page.goto("/regios/groningen/")

    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/regios/groningen/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Labour-market region Groningen")
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        ["Themes and helices", "Municipalities", "Initiatives in this region"]
    )
    expect(municipalities_under(page, "Groningen")).to_contain_text(["Groningen"])

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()

    expect(page).to_have_url(re.compile(r"/regios/groningen/$"))
    expect(page).not_to_have_url(re.compile(r"/en/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio Groningen")


def test_filtering_the_region_list_by_province_shows_only_its_regions(page: Page):
    page.goto("/regios/")
    regions = page.get_by_role("table", name="Regio's, hun gemeenten en hun openbare initiatieven").get_by_role(
        "rowheader"
    )
    expect(page.get_by_role("status")).to_have_text("35 regio's")

    page.get_by_label("Provincie").select_option("Limburg")
    page.get_by_role("button", name="Filteren").click()

    expect(page).to_have_url(re.compile(r"[?&]province=Limburg"))
    expect(page.get_by_role("status")).to_have_text("4 regio's")
    # Rijk van Nijmegen is there for Mook en Middelaar, a Limburg municipality in a Gelderland region.
    expect(regions).to_have_text(["Midden-Limburg", "Noord-Limburg", "Rijk van Nijmegen", "Zuid-Limburg"])
    expect(page.get_by_label("Provincie")).to_have_value("Limburg")


def test_searching_for_a_municipality_finds_its_region(page: Page):
    page.goto("/regios/")

    search = page.get_by_label("Regio of gemeente")
    search.fill("Zaanstad")
    search.press("Enter")

    expect(page.get_by_role("status")).to_have_text("1 regio")
    page.get_by_role("table").get_by_role("link", name="Zaanstreek/Waterland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio Zaanstreek/Waterland")
    expect(municipalities_under(page, "Noord-Holland")).to_contain_text(["Zaanstad"])


def test_the_skip_link_appears_on_the_first_tab_and_moves_focus_to_the_content(page: Page):
    page.goto("/")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert_accessible(page)  # the skip link, now shown, is legible too

    page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Talent ontwikkelen", exact=True)).to_be_focused()
