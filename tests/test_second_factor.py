"""Moderator and coordinator rights count only in a session that passed the second factor.

Every action of the authorization matrix that a coordinator, moderator or superuser may take and an ordinary
verified person may not (the admin of another organisation stands in for them) is asked twice: in a session
that signed in with the password alone it is refused and nothing changes; with the second factor it works.
The URL resolver holds the list complete.
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.exceptions import PermissionDenied
from django.urls import get_resolver

from agendastad.accounts.models import User
from initiatives.models import Hidden, Initiative, ModerationAction, Visibility
from initiatives.services import initiative_hide

from .factories import (
    SECOND_FACTOR_KINDS,
    InitiativeFactory,
    OrganisationFactory,
    RegionCoordinatorFactory,
    authenticator_app,
    person_of_kind,
    sign_in,
    verified_person,
)
from .test_authorization_matrix import (
    COVERED_ROUTES,
    MATRICES,
    Endpoint,
    Matrix,
    ask,
    assert_outcome,
    our_routes_with_parameters,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ORDINARY = "other_org_member"
"""A verified person with rights of their own elsewhere, none here: what a coordinator is without the second factor."""

NOT_COVERED_BY_THE_MATRIX = frozenset({"initiatives:import_confirm", "mfa_activate_totp"})
"""Confirming an import and setting up the authenticator app have tests of their own below."""


POWERS = [
    pytest.param(matrix, endpoint, kind, id=f"{endpoint.id} {kind}")
    for matrix in MATRICES
    for endpoint in matrix.endpoints
    for kind in sorted(SECOND_FACTOR_KINDS & endpoint.allowed)
    if ORDINARY not in endpoint.allowed
]


def test_every_route_of_ours_is_walked():
    routes = set(our_routes_with_parameters(get_resolver().url_patterns, parameters=True))  # with or without

    unwalked = sorted(routes - COVERED_ROUTES - NOT_COVERED_BY_THE_MATRIX)

    assert {"initiatives:moderate", "initiatives:reports", "initiatives:export", "initiatives:restore"} <= routes
    assert not unwalked, f"Routes with no row in the authorization matrix: {', '.join(unwalked)}"
    assert len(POWERS) > 60


@pytest.mark.parametrize(("matrix", "endpoint", "kind"), POWERS)
def test_a_power_is_refused_without_the_second_factor_and_works_with_it(
    client, matrix: Matrix, endpoint: Endpoint, kind: str
):
    asked = ask(client, matrix, endpoint, kind, second_factor=False)

    assert not asked.changed
    assert asked.response.status_code in ({403, 404} if endpoint.method == "get" else {200, 403, 404})
    if asked.response.status_code == 403:
        assert "authenticator-app" in asked.response.content.decode()

    client.logout()
    asked = ask(client, matrix, endpoint, kind, second_factor=True)

    assert_outcome(endpoint, kind, asked.response, asked.path, changed=asked.changed)


def test_the_refusal_explains_how_to_set_up_the_authenticator_app(client):
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator)
    sign_in(client, coordinator, second_factor=False)

    response = client.get("/moderatie/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Je rechten als moderator of coördinator wachten op twee-factor-authenticatie" in page
    assert 'href="/account/2fa/totp/activate/"' in page


def current_code(secret: str) -> str:
    """The code the authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_someone_with_an_app_enters_a_code_from_it_and_then_goes_on(client):
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator)
    authenticator = authenticator_app(coordinator)
    sign_in(client, coordinator, second_factor=False)

    refused = client.get("/moderatie/")
    client.post("/account/2fa/reauthenticate/?next=/moderatie/", {"code": "000000"})
    still_refused = client.get("/moderatie/")
    client.post("/account/2fa/reauthenticate/", {"code": current_code(decrypt(authenticator.data["secret"]))})

    assert refused.status_code == 403
    assert 'href="/account/2fa/reauthenticate/?next=%2Fmoderatie%2F"' in refused.content.decode()
    assert still_refused.status_code == 403
    assert client.get("/moderatie/").status_code == 200


def test_the_code_that_activates_the_app_counts_for_the_rest_of_the_session(client):
    moderator = person_of_kind("moderator", OrganisationFactory())
    Authenticator.objects.filter(user=moderator).delete()
    sign_in(client, moderator, second_factor=False)
    client.post("/account/reauthenticate/", {"password": PASSWORD})

    client.get("/account/2fa/totp/activate/")
    before = client.get("/moderatie/")
    secret = client.session[SECRET_SESSION_KEY]
    client.post("/account/2fa/totp/activate/", {"code": current_code(secret)})

    assert before.status_code == 403
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/moderatie/").status_code == 200


def test_removing_the_app_ends_the_rights_of_the_session(client):
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator)
    sign_in(client, coordinator)
    assert client.get("/moderatie/").status_code == 200

    Authenticator.objects.filter(user=coordinator).delete()

    assert client.get("/moderatie/").status_code == 403


def test_re_authentication_asks_for_the_code_of_whoever_has_an_app(client):
    person = verified_person()
    authenticator_app(person)
    sign_in(client, person)

    page = client.get("/account/reauthenticate/")
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    sensitive = client.get("/account/2fa/totp/deactivate/")

    assert page.status_code == 302
    assert page.url.startswith("/account/2fa/reauthenticate/")
    assert sensitive.status_code == 302
    assert sensitive.url.startswith("/account/2fa/reauthenticate/")


def test_someone_without_an_app_re_authenticates_with_the_password(client):
    person = verified_person()
    sign_in(client, person, second_factor=False)

    refused = client.get("/account/2fa/totp/activate/")
    client.post("/account/reauthenticate/", {"password": PASSWORD})

    assert refused.url.startswith("/account/reauthenticate/")
    assert client.get("/account/2fa/totp/activate/").status_code == 200


def test_mine_tells_a_coordinator_their_rights_wait_for_the_second_factor(client):
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator)
    sign_in(client, coordinator, second_factor=False)
    waiting = client.get("/mijn/").content.decode()
    client.logout()
    sign_in(client, coordinator)

    passed = client.get("/mijn/").content.decode()

    assert "wachten op twee-factor-authenticatie" in waiting
    assert "Stel een authenticator-app in" in waiting
    assert "wachten op twee-factor-authenticatie" not in passed


def test_an_ordinary_person_is_not_told_about_it(client):
    sign_in(client, verified_person(), second_factor=False)

    assert "twee-factor-authenticatie" not in client.get("/mijn/").content.decode()


def test_the_admin_asks_staff_with_an_app_for_a_code_first(client):
    moderator = person_of_kind("moderator", OrganisationFactory())
    sign_in(client, moderator, second_factor=False)

    response = client.get("/beheer/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/account/2fa/reauthenticate/")


def test_the_moderation_buttons_are_not_offered_without_the_second_factor(client):
    initiative = InitiativeFactory()
    moderator = person_of_kind("moderator", initiative.lead_organisation)
    sign_in(client, moderator, second_factor=False)
    without = client.get(initiative.get_absolute_url()).content.decode()
    client.logout()
    sign_in(client, moderator)

    with_it = client.get(initiative.get_absolute_url()).content.decode()

    moderate = f"{initiative.get_absolute_url()}modereren/"
    assert moderate not in without
    assert moderate in with_it


def test_a_service_called_without_a_session_acts_without_moderator_rights():
    """A person read from the database (a command, the shell) has passed no second factor in this process."""
    initiative = InitiativeFactory()
    moderator = User.objects.get(pk=person_of_kind("moderator", initiative.lead_organisation).pk)

    with pytest.raises(PermissionDenied):
        initiative_hide(initiative=initiative, user=moderator, reason="Spam")

    initiative.refresh_from_db()
    assert initiative.hidden == Hidden.NO
    assert not ModerationAction.objects.exists()


def test_a_confirmed_import_needs_the_second_factor(client):
    """Uploading and confirming are tested per kind in tests/initiatives/test_spreadsheets.py; here the session."""
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator)
    sign_in(client, coordinator, second_factor=False)
    before = Initiative.objects.count()

    response = client.post("/initiatieven/importeren/bevestigen/")

    assert response.status_code == 403
    assert Initiative.objects.count() == before


def test_a_draft_of_their_region_is_not_found_with_a_note_on_why(client):
    draft = InitiativeFactory(visibility=Visibility.DRAFT)
    coordinator = verified_person()
    RegionCoordinatorFactory(user=coordinator, region=draft.primary_region)
    sign_in(client, coordinator, second_factor=False)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "wachten op twee-factor-authenticatie" in response.content.decode()
