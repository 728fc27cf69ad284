"""Every public page, in Dutch and in English, passes axe-core's WCAG 2.1 A and AA checks."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/regios/", 200, id="region-list"),
    pytest.param("/regios/?q=groningen&province=Groningen", 200, id="region-list-filtered"),
    pytest.param("/regios/zaanstreek-waterland/", 200, id="region-detail"),
    pytest.param("/themas/", 200, id="theme-list"),
    pytest.param("/themas/talent-ontwikkelen/", 200, id="theme-detail"),
    pytest.param("/bestaat-niet/", 404, id="not-found"),
]
LANGUAGES = [
    pytest.param("nl", "", "nl-NL", id="nl"),
    pytest.param("en", "/en", "en-GB", id="en"),
]


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_is_accessible_in_its_language(page, path, status, language, prefix):
    response = page.goto(prefix + path)

    assert response.status == status
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
