"""The notification list, the mail preferences and the unsubscribe pages pass axe-core, in Dutch and English;
following works in the browser without JavaScript of our own."""

import pytest
from playwright.sync_api import Page, expect

from agendastad.notifications.delivery import unsubscribe_token
from agendastad.notifications.models import Frequency, NotificationKind
from regions.models import LabourMarketRegion

from ..factories import InitiativeFactory, NotificationFactory, UserFactory, verified_person
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_notification_list_with_read_and_unread_notifications_is_accessible(
    page: Page, live_server, language, prefix
):
    reader = verified_person()
    initiative = InitiativeFactory()
    NotificationFactory(recipient=reader, url=initiative.get_absolute_url(), actor=UserFactory())
    NotificationFactory(recipient=reader, url=initiative.get_absolute_url(), delivery=Frequency.IMMEDIATELY)
    sign_in(page, live_server, reader)

    response = page.goto(f"{prefix}/mijn/meldingen/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator(".agendastad-notification--unread")).to_have_count(2)
    assert_accessible(page)
    page.locator('form[action$="/gelezen/"] button').last.click()
    expect(page.locator(".agendastad-notification--unread")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_preferences_page_and_its_errors_are_accessible(page: Page, live_server, language, prefix):
    sign_in(page, live_server, verified_person())

    response = page.goto(f"{prefix}/mijn/meldingen/instellingen/")

    assert response.status == 200
    expect(page.locator('input[name="new_initiative"][value="daily"]')).to_be_checked()
    assert_accessible(page)
    page.locator('input[name="partnership"][value="weekly"]').check()
    page.locator('form.utrecht-form button[type="submit"]').click()
    expect(page.locator('input[name="partnership"][value="weekly"]')).to_be_checked()
    expect(page.locator(".utrecht-alert")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_breadcrumb_is_a_row_of_links_without_numbers_that_do_not_overlap(page: Page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, verified_person())

    page.goto("/mijn/meldingen/instellingen/")

    items = page.locator(".utrecht-breadcrumb-nav__item")
    expect(items).to_have_count(2)
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    assert page.locator(".utrecht-breadcrumb-nav__list").evaluate("list => getComputedStyle(list).listStyleType") == (
        "none"
    )
    assert second["x"] >= first["x"] + first["width"]
    assert abs(second["y"] - first["y"]) < 1
    separator = items.nth(1).evaluate("item => getComputedStyle(item, '::before').content")
    assert "\u203a" in separator  # the single right-pointing angle quotation mark


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_the_unsubscribe_pages_are_accessible_without_logging_in(page: Page, language, prefix):
    reader = UserFactory()
    token = unsubscribe_token(user=reader, kinds=[NotificationKind.PARTNERSHIP, NotificationKind.NEW_INITIATIVE])

    response = page.goto(f"{prefix}/meldingen/afmelden/{token}/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.locator("main form button").click()
    expect(page.locator("main form")).to_have_count(0)
    assert set(reader.notification_preferences.values_list("frequency", flat=True)) == {Frequency.OFF}
    assert_accessible(page)

    response = page.goto(f"{prefix}/meldingen/afmelden/{token[:-3]}/")
    assert response.status == 404
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_following_a_region_in_the_browser(page: Page, live_server, language, prefix):
    person = verified_person()
    sign_in(page, live_server, person)
    page.goto(f"{prefix}/regios/groningen/")

    page.locator('form[action$="/volgen/regio/groningen/"] button').click()

    expect(page.locator('form[action$="/ontvolgen/regio/groningen/"]')).to_have_count(1)
    assert LabourMarketRegion.objects.get(slug="groningen").follows.filter(user=person).exists()
    assert_accessible(page)
