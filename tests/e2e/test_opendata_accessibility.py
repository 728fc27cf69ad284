"""The open-data page passes axe-core in Dutch and English, with the list of region feeds folded and unfolded,
and the list of initiatives with its download links."""

import pytest
from playwright.sync_api import Page, expect

from ..factories import InitiativeFactory
from .conftest import assert_accessible
from .test_accessibility import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_open_data_page_is_accessible(page: Page, language, prefix):
    response = page.goto(f"{prefix}/open-data/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    page.locator("main details summary").click()
    expect(page.locator("main details ul a").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_list_with_its_download_links_is_accessible(page: Page, language, prefix):
    InitiativeFactory()
    response = page.goto(f"{prefix}/initiatieven/?region=groningen")

    assert response.status == 200
    expect(page.locator(f'a[href="{prefix}/initiatieven/export.csv?region=groningen"]')).to_be_visible()
    assert_accessible(page)
