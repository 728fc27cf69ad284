"""The account pages (allauth in our layout) pass axe-core in Dutch and English, signed out and in."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from playwright.sync_api import Page

from ..factories import verified_person
from .conftest import assert_accessible
from .test_initiatives_accessibility import LANGUAGES, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize(
    "path",
    ["/account/login/", "/account/signup/", "/account/password/reset/"],
    ids=["login", "signup", "password-reset"],
)
def test_signed_out_account_pages_are_accessible(page: Page, language, prefix, browser_locale, path):
    response = page.goto(f"{prefix}{path}")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_a_failed_login_shows_an_accessible_error(page: Page):
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill("niemand@example.org")
    page.get_by_label("Wachtwoord").fill("niet het goede wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_text("e-mailadres en/of wachtwoord is niet correct", exact=False).count() == 1
    assert page.get_by_label("E-mailadres").input_value() == "niemand@example.org"
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
@pytest.mark.parametrize(
    "path",
    ["/account/email/", "/account/password/change/", "/account/2fa/", "/account/sessions/", "/account/verwijderen/"],
    ids=["email", "password-change", "two-factor", "sessions", "delete"],
)
def test_signed_in_account_pages_are_accessible(page: Page, live_server, language, prefix, browser_locale, path):
    sign_in(page, live_server, verified_person())
    response = page.goto(f"{prefix}{path}")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix", "browser_locale"), LANGUAGES)
def test_a_person_signs_out_one_other_session_from_the_list(page: Page, live_server, language, prefix, browser_locale):
    user = verified_person()
    elsewhere = Client(headers={"user-agent": "Safari op de telefoon"})
    elsewhere.post("/account/login/", {"login": user.email, "password": "correct horse battery staple"})
    sign_in(page, live_server, user)
    page.goto(f"{prefix}/account/sessions/")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Safari op de telefoon").click()

    assert page.url.endswith(f"{prefix}/account/sessions/")
    assert not UserSession.objects.filter(user=user, user_agent="Safari op de telefoon").exists()
    assert page.get_by_text("Safari op de telefoon").count() == 0
    assert_accessible(page)
