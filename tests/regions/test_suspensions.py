"""Moderators suspend a person: signed out, no signing in, hidden from pages, told why; and lift it again."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pytest_django.asserts import assertContains, assertNotContains

from regions.models import Suspension
from regions.services import person_suspend, suspension_lift

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "correct horse battery staple"
REASON = "Herhaaldelijk reclame geplaatst in reacties, na twee waarschuwingen."


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Techniekpact Twente")


@pytest.fixture
def moderator(organisation):
    user = person_of_kind("moderator", organisation)
    return user


@pytest.fixture
def person(organisation):
    user = verified_person(UserFactory(display_name="Sanne de Vries", language="en"))
    MembershipFactory(user=user, organisation=organisation, show_on_profile=True)
    return user


def suspend_in_admin(client, moderator, person, reason):
    sign_in(client, moderator)
    return client.post(
        "/beheer/accounts/user/",
        {"action": "suspend", "_selected_action": [person.pk], "post": "yes", "reason": reason},
        follow=True,
    )


def is_signed_in(client) -> bool:
    return client.get("/mijn/").status_code == 200


def test_a_moderator_suspends_from_the_admin_and_the_person_is_told_why(
    client, moderator, person, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in(client, moderator)
    asked = client.post("/beheer/accounts/user/", {"action": "suspend", "_selected_action": [person.pk]})
    assertContains(asked, "Sanne de Vries")
    assertContains(asked, 'name="reason"')

    with django_capture_on_commit_callbacks(execute=True):
        response = suspend_in_admin(client, moderator, person, REASON)

    assertContains(response, "1 persoon geschorst.")
    suspension = Suspension.objects.get(person=person)
    assert suspension.is_current and suspension.suspended_by == moderator
    person.refresh_from_db()
    assert not person.is_active
    [mail] = mailoutbox
    assert mail.to == [person.email]
    assert mail.subject == "Your Agenda Stad account has been suspended"
    assert REASON in mail.body


def test_without_a_reason_nobody_is_suspended_and_the_form_says_so(
    client, moderator, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = suspend_in_admin(client, moderator, person, "   ")

    assertContains(response, "Dit veld is verplicht.")
    assert not Suspension.objects.exists()
    assert mailoutbox == []


def test_a_suspended_person_is_signed_out_cannot_sign_in_and_leaves_the_organisation_page(
    client, organisation, person, moderator
):
    person.set_password(PASSWORD)
    person.save()
    sign_in(client, person)
    assert is_signed_in(client)

    person_suspend(person=person, user=moderator, reason=REASON)

    assert not is_signed_in(client)
    client.post("/account/login/", {"login": person.email, "password": PASSWORD})
    assert not is_signed_in(client)
    assertNotContains(client.get(organisation.get_absolute_url()), "Sanne de Vries")


def test_lifting_lets_the_person_back_in_and_keeps_the_suspension_as_history(
    client, organisation, person, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    person.set_password(PASSWORD)
    person.save()
    suspension = person_suspend(person=person, user=moderator, reason=REASON)

    with django_capture_on_commit_callbacks(execute=True):
        suspension_lift(suspension=suspension, user=moderator)

    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator and not suspension.is_current
    assert mailoutbox[-1].subject == "Your Agenda Stad account can be used again"
    client.post("/account/login/", {"login": person.email, "password": PASSWORD})
    assert is_signed_in(client)
    assertContains(client.get(organisation.get_absolute_url()), "Sanne de Vries")
    with pytest.raises(ValidationError):
        suspension_lift(suspension=suspension, user=moderator)


def test_a_person_is_suspended_once_at_a_time(person, moderator):
    person_suspend(person=person, user=moderator, reason=REASON)

    with pytest.raises(ValidationError):
        person_suspend(person=person, user=moderator, reason="Nog een keer.")
    assert Suspension.objects.filter(person=person).count() == 1


@pytest.mark.parametrize(
    "kind", ["member", "org_admin", "other_org_member", "region_coordinator", "other_region_coordinator", "unverified"]
)
def test_only_moderators_suspend(kind, organisation, person, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        person_suspend(person=person, user=person_of_kind(kind, organisation), reason=REASON)

    person.refresh_from_db()
    assert person.is_active and not Suspension.objects.exists() and mailoutbox == []


def test_a_moderator_cannot_suspend_another_moderator_from_the_admin(client, moderator, organisation):
    other = person_of_kind("moderator", organisation)

    response = suspend_in_admin(client, moderator, other, REASON)

    assertContains(response, "dit mag je niet doen")
    other.refresh_from_db()
    assert other.is_active


def test_what_a_suspended_person_wrote_is_hidden_from_others_until_the_suspension_is_lifted(
    client, organisation, person, moderator
):
    initiative = InitiativeFactory(lead_organisation=organisation)
    CommentFactory(initiative=initiative, author=person, text="Koop nu goedkope horloges op example.com")
    suspension = person_suspend(person=person, user=moderator, reason=REASON)

    page = client.get(initiative.get_absolute_url())
    assertNotContains(page, "goedkope horloges")
    assertContains(page, "Deze reactie is verborgen zolang de schrijver geschorst is.")
    sign_in(client, moderator)
    assertContains(client.get(initiative.get_absolute_url()), "goedkope horloges")

    suspension_lift(suspension=suspension, user=moderator)
    client.logout()
    assertContains(client.get(initiative.get_absolute_url()), "goedkope horloges")
