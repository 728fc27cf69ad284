"""Invitations carry names an organisation chose itself: they are limited per person and per organisation per
day, and only a verified organisation's invitations are mailed."""

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from regions.models import Invitation

from ..factories import OrganisationFactory, organisation_admin, verified_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def verified_organisation():
    return OrganisationFactory(verified_at=timezone.now())


def invite(client, organisation, email: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/organisaties/{organisation.slug}/uitnodigen/", {"email": email, "role": "member"})


def test_a_person_sends_no_more_invitations_a_day_than_the_limit(
    client, settings, verified_organisation, django_capture_on_commit_callbacks
):
    settings.INVITATION_RATE_LIMIT = (3, 24 * 60 * 60)
    client.force_login(organisation_admin(verified_organisation))

    for number in range(3):
        assert invite(client, verified_organisation, f"buur{number}@example.org", django_capture_on_commit_callbacks)
    response = invite(client, verified_organisation, "buur3@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assertContains(response, "Je kunt hoogstens 3 uitnodigingen sturen in 24 uur.")
    assertContains(response, 'value="buur3@example.org"')
    assert len(mail.outbox) == 3
    assert Invitation.objects.filter(organisation=verified_organisation).count() == 3


def test_an_organisation_sends_no_more_invitations_a_day_than_the_limit_whoever_sends_them(
    client, settings, verified_organisation, django_capture_on_commit_callbacks
):
    settings.INVITATION_ORGANISATION_RATE_LIMIT = (3, 24 * 60 * 60)
    first, second = organisation_admin(verified_organisation), organisation_admin(verified_organisation)
    client.force_login(first)
    invite(client, verified_organisation, "a@example.org", django_capture_on_commit_callbacks)
    invite(client, verified_organisation, "b@example.org", django_capture_on_commit_callbacks)
    client.force_login(second)
    invite(client, verified_organisation, "c@example.org", django_capture_on_commit_callbacks)

    response = invite(client, verified_organisation, "d@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assertContains(response, "kan hoogstens 3 uitnodigingen sturen in 24 uur.")
    assertContains(response, 'value="d@example.org"')
    assert len(mail.outbox) == 3
    assert not Invitation.objects.filter(email="d@example.org").exists()


def test_the_limit_is_per_organisation_and_person_so_another_organisation_still_invites(
    client, settings, verified_organisation, django_capture_on_commit_callbacks
):
    settings.INVITATION_ORGANISATION_RATE_LIMIT = (1, 24 * 60 * 60)
    other = OrganisationFactory(verified_at=timezone.now())
    client.force_login(organisation_admin(verified_organisation))
    invite(client, verified_organisation, "a@example.org", django_capture_on_commit_callbacks)
    client.force_login(organisation_admin(other))

    response = invite(client, other, "a@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_an_unverified_organisation_mails_nobody_but_the_person_with_an_account_finds_the_invitation(
    client, organisation, django_capture_on_commit_callbacks
):
    client.force_login(organisation_admin(organisation))
    colleague = verified_person(email="collega@example.org")

    outside = invite(client, organisation, "vreemde@example.org", django_capture_on_commit_callbacks)
    inside = invite(client, organisation, "collega@example.org", django_capture_on_commit_callbacks)

    assert (outside.status_code, inside.status_code) == (302, 302)
    assert mail.outbox == []
    assertContains(client.get(inside.url), "Er is geen mail verstuurd, omdat de organisatie nog niet geverifieerd is")
    invitation = Invitation.objects.get(email="collega@example.org")
    client.force_login(colleague)
    assertContains(client.get("/mijn/"), f"/mijn/uitnodigingen/{invitation.token}/")


def test_a_verified_organisation_mails_an_address_without_an_account(
    client, verified_organisation, django_capture_on_commit_callbacks
):
    client.force_login(organisation_admin(verified_organisation))

    invite(client, verified_organisation, "vreemde@example.org", django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["vreemde@example.org"]]


def test_the_form_says_who_gets_a_mail_and_how_many_invitations_a_day_are_allowed(
    client, settings, organisation, verified_organisation
):
    settings.INVITATION_RATE_LIMIT = (20, 24 * 60 * 60)
    settings.INVITATION_ORGANISATION_RATE_LIMIT = (50, 24 * 60 * 60)
    client.force_login(organisation_admin(organisation))
    unverified_page = client.get(f"/organisaties/{organisation.slug}/leden/")
    client.force_login(organisation_admin(verified_organisation))
    verified_page = client.get(f"/organisaties/{verified_organisation.slug}/leden/")

    limits = "Je kunt 20 uitnodigingen sturen in 24 uur, de organisatie 50 in 24 uur."
    assertContains(unverified_page, "is nog niet geverifieerd, dus er gaat geen mail uit")
    assertContains(unverified_page, limits)
    assertContains(verified_page, "De uitnodiging wordt gemaild; die werkt ook voor iemand die nog geen account heeft.")
    assertNotContains(verified_page, "is nog niet geverifieerd")
    assertContains(verified_page, limits)
