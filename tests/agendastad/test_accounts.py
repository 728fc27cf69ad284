"""Accounts: sign-up with a verified address, login, password reset, email change, deletion requests,
two-factor authentication for the admin panel and the list of sessions, as a person meets them."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY as TOTP_SECRET_SESSION_KEY
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agendastad.accounts.models import User
from agendastad.accounts.services import user_session_end
from tests.agendastad.test_security import PRODUCTION_ENV, InlineCodeFinder, manage
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a quiet walk along the river in autumn"
LINK = re.compile(r"http://testserver(/\S+)")


def person(**fields) -> User:
    """Someone who signed up and confirmed their address."""
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client: Client, user: User, password: str = PASSWORD, **extra):
    return client.post("/account/login/", {"login": user.email, "password": password, **extra})


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def assert_no_inline_code(response) -> None:
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.found == []


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now; near the end of a period it waits for the next one."""
    if time.time() % mfa_settings.TOTP_PERIOD > mfa_settings.TOTP_PERIOD - 2:
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_up(
    client: Client,
    email: str,
    password: str = NEW_PASSWORD,
    language: str = "nl",
    display_name: str = "Fatima de Vries",
    **extra,
):
    data = {
        "display_name": display_name,
        "email": email,
        "password1": password,
        "password2": password,
        "language": language,
    }
    return client.post("/account/signup/", data, **extra)


def test_sign_up_confirm_the_address_by_mail_and_log_in(client, mailoutbox):
    response = client.get("/account/signup/")
    assertContains(response, '<h1 class="utrecht-heading-1">Registreren</h1>', html=True)
    assertContains(response, 'class="utrecht-textbox utrecht-textbox--html-input"')
    assertContains(response, '<option value="nl" selected>')

    response = sign_up(client, "fatima@example.org")

    assertRedirects(response, "/account/confirm-email/")
    assertContains(client.get(response.url), "Verifieer je e-mailadres")
    user = User.objects.get(email="fatima@example.org")
    assert (user.display_name, user.language, user.is_active) == ("Fatima de Vries", "nl", True)
    assert not is_signed_in(client)
    [message] = mailoutbox
    assert message.to == ["fatima@example.org"]
    assert message.subject == "Agenda Stad: Bevestig je e-mailadres"
    assert "Hallo van Agenda Stad!" in message.body

    # Mandatory verification: until the link is followed, logging in leads back to "verify your address".
    response = log_in(client, user, NEW_PASSWORD)
    assertRedirects(response, "/account/confirm-email/")
    assert not is_signed_in(client)

    confirm_url = link_in(mailoutbox[0])
    assertContains(client.get(confirm_url), "Bevestig e-mailadres")
    response = client.post(confirm_url)
    assertRedirects(response, "/account/login/")
    assert EmailAddress.objects.get(email="fatima@example.org").verified

    response = log_in(client, user, NEW_PASSWORD)
    assertRedirects(response, "/mijn/")
    assert is_signed_in(client)

    response = client.post("/account/logout/")
    assertRedirects(response, "/")
    assert not is_signed_in(client)


def test_sign_up_in_english_stores_english_and_sends_english_mail_also_from_the_dutch_page(client, mailoutbox):
    response = client.get("/en/account/signup/")
    assertContains(response, '<option value="en" selected>')
    assertContains(response, "Display name")

    sign_up(client, "sam@example.org", language="en")

    assert User.objects.get(email="sam@example.org").language == "en"
    [message] = mailoutbox
    assert message.subject == "Agenda Stad: Please Confirm Your Email Address"
    assert "Hello from Agenda Stad!" in message.body


@pytest.mark.parametrize(
    "name",
    [
        "Beheerder",
        "BEHEERDER!",
        "B e h e e r d e r",
        "Bëhéérder",
        "\u0412\u0435heerder",  # a Cyrillic Ve and Ie
        "\uff22\uff45\uff48\uff45\uff45\uff52\uff44\uff45\uff52",  # in full-width letters
        "Behe\u200berder",
        "M0derat0r",
        "adm1n",
        "Administrator",
        "Coördinator",
        "Agenda-Stad",
        "Team Agenda Stad",
        "Helpdesk",
        "Support",
        "Systeem",
        "SER",
        "Jan (moderator)",
    ],
)
def test_a_display_name_that_poses_as_staff_is_refused_at_sign_up(client, name):
    response = sign_up(client, "naam@example.org", display_name=name)

    assertContains(response, "Kies een andere naam: namen met woorden als")
    assert not User.objects.filter(email="naam@example.org").exists()


@pytest.mark.parametrize("name", ["Fatima de Vries", "Serena Admiraal", "Administratie Jansen", "Lisa de Ruiter"])
def test_ordinary_names_that_resemble_staff_words_are_accepted(client, name):
    assertRedirects(sign_up(client, "naam@example.org", display_name=name), "/account/confirm-email/")
    assert User.objects.get(email="naam@example.org").display_name == name


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u202e", "\u200b\u00a0\u2003"])
def test_a_display_name_of_only_invisible_characters_is_refused_at_sign_up(client, name):
    response = sign_up(client, "naam@example.org", display_name=name)

    assertContains(response, "Typ zichtbare tekst: alleen spaties en onzichtbare tekens tellen niet.")
    assert not User.objects.filter(email="naam@example.org").exists()


def test_a_profile_change_to_a_staff_name_is_refused_except_for_staff():
    """The admin's person form validates the person (`full_clean`): only staff accounts may sound like staff."""
    person = UserFactory(display_name="Fatima de Vries")
    person.display_name = "Moderator"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert list(error.value.message_dict) == ["display_name"]

    person.is_staff = True
    person.full_clean()


def test_a_short_password_is_refused_in_dutch_and_the_typed_address_stays(client):
    response = sign_up(client, "kort@example.org", password="elf tekens!")  # 11 characters

    assert response.status_code == 200
    assertContains(response, "Dit wachtwoord is te kort: gebruik minstens 12 tekens.")
    assertContains(response, 'value="kort@example.org"')
    assert not User.objects.filter(email="kort@example.org").exists()


def test_a_common_password_is_refused_and_no_composition_rules_apply(client):
    response = sign_up(client, "gewoon@example.org", password="1qaz2wsx3edc")
    assertContains(response, "Dit wachtwoord is te algemeen.")

    response = sign_up(client, "zin@example.org", password="alleen kleine letters en spaties")
    assertRedirects(response, "/account/confirm-email/")


def test_a_password_of_more_than_64_characters_is_accepted(client):
    long_password = "een heel lange wachtzin die niemand ooit zal raden, " * 2  # 104 characters
    response = sign_up(client, "lang@example.org", password=long_password)

    assertRedirects(response, "/account/confirm-email/")
    assert User.objects.get(email="lang@example.org").check_password(long_password)


def test_sign_up_with_an_existing_address_answers_as_for_a_new_one(mailoutbox):
    existing = person(language="en")

    new_response = sign_up(Client(), "nieuw@example.org", follow=True)
    existing_response = sign_up(Client(), existing.email, follow=True)

    assert new_response.redirect_chain == existing_response.redirect_chain == [("/account/confirm-email/", 302)]
    new_page = new_response.content.decode().replace("nieuw@example.org", "ADDRESS")
    assert new_page == existing_response.content.decode().replace(existing.email, "ADDRESS")
    assert "Bevestigings e-mail verzonden aan ADDRESS." in new_page
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    # The owner of the existing address hears about it, in their own language.
    assert [m.to for m in mailoutbox] == [["nieuw@example.org"], [existing.email]]
    assert "an account using that email address already exists" in mailoutbox[1].body


def test_password_reset_answers_the_same_for_an_unknown_address(mailoutbox):
    known = person()

    known_response = Client().post("/account/password/reset/", {"email": known.email}, follow=True)
    unknown_response = Client().post("/account/password/reset/", {"email": "niemand@example.org"}, follow=True)

    assert known_response.redirect_chain == unknown_response.redirect_chain == [("/account/password/reset/done/", 302)]
    assert known_response.content == unknown_response.content
    assertContains(known_response, "Nieuw wachtwoord")
    # The known address gets a reset link, the unknown one an invitation to sign up.
    assert [m.to for m in mailoutbox] == [[known.email], ["niemand@example.org"]]
    assert "/account/password/reset/key/" in mailoutbox[0].body
    assert "/account/signup/" in mailoutbox[1].body


def test_password_reset_by_mail(client, mailoutbox):
    user = person()

    client.post("/account/password/reset/", {"email": user.email})

    [message] = mailoutbox
    assert message.subject == "Agenda Stad: Nieuw wachtwoord"
    response = client.get(link_in(message), follow=True)
    assertContains(response, "Wachtwoord wijzigen")
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assertRedirects(response, "/account/password/reset/key/done/")

    assert log_in(Client(), user, PASSWORD).status_code == 200
    assertRedirects(log_in(Client(), user, NEW_PASSWORD), "/mijn/")


def test_changing_the_email_address_asks_for_the_password_and_verifies_the_new_address(client, mailoutbox):
    user = person()
    log_in(client, user)

    response = client.post("/account/email/", {"email": "nieuw-adres@example.org", "action_add": ""})

    assertRedirects(response, "/account/reauthenticate/?next=%2Faccount%2Femail%2F", fetch_redirect_response=False)
    assert mailoutbox == []
    reauthenticate_page = client.get(response.url)
    assertContains(reauthenticate_page, "Toegang bevestigen")
    assertNotContains(reauthenticate_page, "aanmeldcode")  # no code by mail instead of the password
    response = client.post("/account/reauthenticate/?next=/account/email/", {"password": PASSWORD})
    assertRedirects(response, "/account/email/")

    [message] = mailoutbox
    assert message.to == ["nieuw-adres@example.org"]
    assert message.subject == "Agenda Stad: Bevestig je e-mailadres"
    assertContains(client.get("/account/email/"), "nieuw-adres@example.org")
    client.post(link_in(message))
    client.post("/account/email/", {"email": "nieuw-adres@example.org", "action_primary": ""})

    user.refresh_from_db()
    assert user.email == "nieuw-adres@example.org"
    assertRedirects(log_in(Client(), user), "/mijn/")


def test_the_sixth_failed_login_within_five_minutes_is_refused_even_with_the_right_password(client):
    user = person()
    for _ in range(5):
        response = log_in(client, user, "not the password at all")
        assertContains(response, "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct.")

    response = log_in(client, user, PASSWORD)

    assertContains(response, "Te veel inlogpogingen. Probeer het later nogmaals.")
    assert not is_signed_in(client)
    # The limit is per account: someone else can still log in.
    assertRedirects(log_in(Client(), person()), "/mijn/")


def test_the_login_form_offers_a_password_reset_link(client):
    response = client.get("/account/login/")
    assertContains(
        response, '<a class="utrecht-link" href="/account/password/reset/">Wachtwoord vergeten?</a>', html=True
    )


def staff(kind: str) -> User:
    if kind == "superuser":
        return person(is_staff=True, is_superuser=True)
    user = person(is_staff=True)
    if kind == "moderator":
        user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.parametrize("kind", ["moderator", "superuser", "staff"])
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up_before_the_admin(client, kind):
    user = staff(kind)
    log_in(client, user)

    response = client.get("/beheer/", follow=True)

    assert ("/account/2fa/totp/activate/", 302) in response.redirect_chain
    assertContains(response, "Het beheerpaneel vereist twee-factor-authenticatie.")
    # The authenticator app is set up after the password is entered again, with the QR code as an image.
    response = client.post("/account/reauthenticate/?next=/account/2fa/totp/activate/", {"password": PASSWORD})
    assertRedirects(response, "/account/2fa/totp/activate/")
    response = client.get("/account/2fa/totp/activate/")
    assertContains(response, 'src="data:image/svg+xml;base64,')
    assert_no_inline_code(response)
    secret = client.session[TOTP_SECRET_SESSION_KEY]
    response = client.post("/account/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assertRedirects(response, "/account/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    response = client.get("/beheer/")
    assert response.status_code == 200
    assertContains(response, "Websitebeheer")


@pytest.mark.parametrize("kind", ["moderator", "superuser"])
def test_staff_with_an_authenticator_app_log_in_with_a_code_and_reach_the_admin(client, kind):
    user = staff(kind)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1] == ("/account/login/?next=%2Fbeheer%2F", 302)
    assertContains(response, "Aanmelden")

    response = log_in(client, user, next="/beheer/")
    assertRedirects(response, "/account/2fa/authenticate/")
    assert not is_signed_in(client)
    response = client.post("/account/2fa/authenticate/", {"code": current_totp_code(secret)})
    assertRedirects(response, "/beheer/")
    assertContains(client.get("/beheer/"), "Websitebeheer")


def test_people_who_are_not_staff_are_refused_by_the_admin(client):
    log_in(client, person())
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403


def test_deleting_an_account_deactivates_it_after_the_password_and_confirms_by_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = person()
    log_in(client, user)
    assertContains(client.get("/account/verwijderen/"), "Je account verwijderen")

    response = client.post("/account/verwijderen/", {"password": "not my password"})
    assertContains(response, "Dat is niet je wachtwoord.")
    user.refresh_from_db()
    assert user.is_active

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/verwijderen/", {"password": PASSWORD}, follow=True)

    assertRedirects(response, "/")
    assertContains(response, "Je account is gedeactiveerd en je bent uitgelogd.")
    user.refresh_from_db()
    assert not user.is_active
    assert not is_signed_in(client)
    [message] = mailoutbox
    assert message.to == [user.email]
    assert message.subject == "Je Agenda Stad-account is gedeactiveerd"
    assert "30 dagen" in message.body
    # Moderators see in the admin when it happened, to reactivate it within 30 days.
    assert LogEntry.objects.filter(object_id=str(user.pk), user=user).exists()
    assertRedirects(log_in(Client(), user), "/account/inactive/")


def test_guessing_the_password_on_the_deletion_page_is_rate_limited(client):
    user = person()
    log_in(client, user)
    for _ in range(10):
        assertContains(client.post("/account/verwijderen/", {"password": "a guess"}), "Dat is niet je wachtwoord.")

    response = client.post("/account/verwijderen/", {"password": PASSWORD})

    assert response.status_code == 429
    user.refresh_from_db()
    assert user.is_active


def test_mails_to_a_person_who_chose_english_are_in_english(client, mailoutbox, django_capture_on_commit_callbacks):
    user = person(language="en")

    client.post("/account/password/reset/", {"email": user.email})  # from the Dutch page
    log_in(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/verwijderen/", {"password": PASSWORD})

    assert [m.subject for m in mailoutbox] == [
        "Agenda Stad: Password Reset Email",
        "Your Agenda Stad account has been deactivated",
    ]
    assert "For 30 days a moderator can still reactivate your account" in mailoutbox[1].body


def test_people_see_where_they_are_signed_in_and_can_sign_out_elsewhere(client):
    user = person()
    other_browser = Client(headers={"user-agent": "Firefox op de werkplek"})
    log_in(other_browser, user)
    client.defaults["HTTP_USER_AGENT"] = "Safari op de telefoon"
    log_in(client, user)

    response = client.get("/account/sessions/")

    assertContains(response, "Sessies")
    assertContains(response, "Firefox op de werkplek")
    assertContains(response, "Safari op de telefoon")
    assertContains(response, 'class="utrecht-table utrecht-table--html-table"')
    client.post("/account/sessions/")
    assertRedirects(other_browser.get("/mijn/"), "/account/login/?next=/mijn/")
    assert client.get("/mijn/").status_code == 200


def test_a_person_signs_out_one_other_session_and_keeps_the_others(client):
    user = person()
    phone, laptop = Client(headers={"user-agent": "Safari op de telefoon"}), Client(headers={"user-agent": "Firefox"})
    log_in(phone, user)
    log_in(laptop, user)
    client.defaults["HTTP_USER_AGENT"] = "Chromium op de werkplek"
    log_in(client, user)
    on_the_phone = UserSession.objects.get(user=user, user_agent="Safari op de telefoon")
    url = f"/account/sessions/{on_the_phone.pk}/afmelden/"
    page = client.get("/account/sessions/")
    assertContains(page, f'action="{url}"')
    assertContains(page, "Deze browser")

    response = client.post(url)

    assertRedirects(response, "/account/sessions/", fetch_redirect_response=False)
    assertContains(client.get("/account/sessions/"), "Die sessie is afgemeld.")
    assertRedirects(phone.get("/mijn/"), "/account/login/?next=/mijn/")
    assert laptop.get("/mijn/").status_code == 200
    assert not UserSession.objects.filter(pk=on_the_phone.pk).exists()


def test_nobody_signs_out_a_session_of_someone_else(client):
    victim, attacker = person(), person()
    victims_browser = Client()
    log_in(victims_browser, victim)
    session = UserSession.objects.get(user=victim)
    url = f"/account/sessions/{session.pk}/afmelden/"
    assertRedirects(client.post(url), f"/account/login/?next={url}", fetch_redirect_response=False)
    log_in(client, attacker)

    assert client.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        user_session_end(user=attacker, session=session)
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(victim)
    assert forged.post(url).status_code == 403  # a page elsewhere cannot sign the victim out: no CSRF token
    assert victims_browser.get(url).status_code == 405  # a link or a prefetch signs nobody out either
    assert victims_browser.get("/mijn/").status_code == 200


SIGNED_IN_PAGES = [
    "/account/email/",
    "/account/password/change/",
    "/account/2fa/",
    "/account/sessions/",
    "/account/verwijderen/",
    "/account/reauthenticate/",
    "/en/account/email/",
]
ANONYMOUS_PAGES = ["/account/login/", "/account/signup/", "/account/password/reset/", "/en/account/signup/"]


@pytest.mark.parametrize("path", ANONYMOUS_PAGES + SIGNED_IN_PAGES)
def test_account_pages_use_nl_design_system_markup_without_inline_code(client, path):
    if path in SIGNED_IN_PAGES:
        log_in(client, person())

    response = client.get(path)

    assert response.status_code == 200
    assertContains(response, "utrecht-heading-1")
    assertContains(response, 'class="utrecht-page utrecht-body"')
    assertNotContains(response, "<p>")
    assert_no_inline_code(response)


def test_production_counts_rate_limits_in_the_shared_redis_cache():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.CACHES)", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.redis.RedisCache" in result.stdout


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://"])
def test_production_refuses_a_cache_that_each_process_keeps_for_itself(cache_url):
    result = manage("check", env={**PRODUCTION_ENV, "CACHE_URL": cache_url})
    assert result.returncode != 0
    assert "CACHE_URL must name a cache that all processes share" in result.stderr
