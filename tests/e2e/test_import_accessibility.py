"""The spreadsheet import passes axe-core in Dutch and English: the upload page, a preview with row errors,
a preview ready to import, and the list after the import."""

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Initiative
from regions.models import LabourMarketRegion, Municipality, OrganisationKind

from ..factories import HOSTILE, OrganisationFactory, RegionCoordinatorFactory, verified_person
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def spreadsheet(*titles: str, themes: str = "1; 4") -> dict:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["title", "summary", "themes", "primary_region", "municipalities", "lead_organisation"])
    for title in titles:
        writer.writerow([title, "Samen met scholen en bedrijven.", themes, "AM01", "GM0014", "gemeente-groningen"])
    return {"name": "initiatieven.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode()}


@pytest.fixture
def coordinator():
    OrganisationFactory(
        name="Gemeente Groningen",
        slug="gemeente-groningen",
        kind=OrganisationKind.MUNICIPALITY,
        municipality=Municipality.objects.get(code="GM0014"),
    )
    person = verified_person()
    RegionCoordinatorFactory(user=person, region=LabourMarketRegion.objects.get(code="AM01"))
    return person


def check_file(page: Page, file: dict) -> None:
    page.locator("#id_file").set_input_files(file)
    with page.expect_navigation():
        page.locator('form[action$="/importeren/"] button[type=submit]').click()


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_import_page_and_its_previews_are_accessible(page: Page, live_server, coordinator, language, prefix):
    sign_in(page, live_server, coordinator)
    response = page.goto(f"{prefix}/initiatieven/importeren/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    check_file(page, spreadsheet(f"{HOSTILE} Fietspad", "Techniekpact", themes="9"))
    expect(page.locator("main table tbody tr")).to_have_count(2)
    expect(page.locator(".agendastad-import-errors").first).to_be_visible()
    expect(page.locator('form[action$="/importeren/bevestigen/"]')).to_have_count(0)
    assert_accessible(page)

    check_file(page, spreadsheet(f"{HOSTILE} Fietspad", "Techniekpact"))
    expect(page.locator(".agendastad-import-errors")).to_have_count(0)
    assert not Initiative.objects.exists()
    assert_accessible(page)

    with page.expect_navigation():
        page.locator('form[action$="/importeren/bevestigen/"] button[type=submit]').click()
    assert Initiative.objects.count() == 2
    expect(page.locator(".agendastad-result")).to_have_count(2)
    assert_accessible(page)
