"""Rights that come from an organisation end when the membership ends: a member who is removed, or who leaves,
no longer edits (or changes the status of) the initiatives they created for it, no longer changes or defends
what they wrote on its behalf, and an invitation they sent as its admin no longer lets anyone in."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pytest_django.asserts import assertContains

from initiatives import services as initiative_services
from initiatives.models import Hidden, Initiative, Status
from regions import services
from regions.models import Invitation, Membership

from ..factories import (
    CommentFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    organisation_admin,
    person_of_kind,
    verified_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(organisation):
    return organisation_admin(organisation)


@pytest.fixture
def creator(organisation):
    """A plain member who created an initiative for the organisation."""
    person = verified_person()
    MembershipFactory(user=person, organisation=organisation)
    return person


@pytest.fixture
def initiative(organisation, creator):
    return InitiativeFactory(lead_organisation=organisation, created_by=creator, status=Status.IDEA)


def end_membership(how: str, person, organisation, admin) -> None:
    membership = Membership.objects.get(user=person, organisation=organisation)
    if how == "removed":
        services.membership_remove(membership=membership, user=admin)
    else:
        services.membership_leave(membership=membership, user=person)


ENDINGS = ["removed", "left"]


@pytest.mark.parametrize("how", ENDINGS)
def test_the_creator_edits_their_initiative_only_while_a_member(how, initiative, creator, organisation, admin):
    assert creator.has_perm("initiatives.edit_initiative", initiative)

    end_membership(how, creator, organisation, admin)

    assert not creator.has_perm("initiatives.edit_initiative", initiative)
    with pytest.raises(PermissionDenied):
        initiative_services.initiative_change_status(initiative=initiative, user=creator, status=Status.RUNNING)


@pytest.mark.parametrize("how", ENDINGS)
def test_a_former_member_gets_no_edit_form_and_cannot_change_the_status(
    client, how, initiative, creator, organisation, admin
):
    client.force_login(creator)
    assert client.get(f"/initiatieven/{initiative.slug}/bewerken/").status_code == 200

    end_membership(how, creator, organisation, admin)

    assert client.get(f"/initiatieven/{initiative.slug}/bewerken/").status_code == 403
    response = client.post(f"/initiatieven/{initiative.slug}/status/", {"status": Status.RUNNING})
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Status.IDEA
    page = client.get(initiative.get_absolute_url())
    assert f"/initiatieven/{initiative.slug}/bewerken/" not in page.content.decode()


@pytest.mark.parametrize("how", ENDINGS)
def test_a_former_member_no_longer_answers_the_hiding_of_their_initiative(
    how, initiative, creator, organisation, admin
):
    Initiative.objects.filter(pk=initiative.pk).update(hidden=Hidden.HIDDEN)
    initiative.refresh_from_db()
    assert creator.has_perm("initiatives.appeal_initiative", initiative)

    end_membership(how, creator, organisation, admin)

    assert not creator.has_perm("initiatives.appeal_initiative", initiative)


@pytest.mark.parametrize("how", ENDINGS)
def test_what_was_said_on_behalf_of_the_organisation_is_no_longer_changed_by_a_former_member(
    client, how, creator, organisation, admin
):
    spoken = CommentFactory(
        initiative=InitiativeFactory(), author=creator, organisation=organisation, text="Wij doen mee."
    )
    own = CommentFactory(initiative=spoken.initiative, author=creator, text="Ik doe zelf mee.")
    edit_url = f"/initiatieven/{spoken.initiative.slug}/reacties/{spoken.pk}/bewerken/"
    client.force_login(creator)
    assert client.get(edit_url).status_code == 200

    end_membership(how, creator, organisation, admin)

    assert client.get(edit_url).status_code == 403
    response = client.post(edit_url, {"text": "Wij trekken ons terug.", "kind": spoken.kind})
    assert response.status_code == 403
    spoken.refresh_from_db()
    assert spoken.text == "Wij doen mee."
    assert creator.has_perm("initiatives.edit_comment", own)  # their own words stay theirs
    assert creator.has_perm("initiatives.remove_comment", spoken)  # and they may still withdraw them


@pytest.mark.parametrize("how", ENDINGS)
def test_an_invitation_sent_by_an_admin_who_is_gone_lets_nobody_in(client, how, organisation, admin):
    inviter = organisation_admin(organisation)
    accomplice = verified_person(email="tweede-adres@example.org")
    invitation = InvitationFactory(
        organisation=organisation, email=accomplice.email, role=Membership.Role.ADMIN, invited_by=inviter
    )

    end_membership(how, inviter, organisation, admin)
    client.force_login(accomplice)
    response = client.post(f"/mijn/uitnodigingen/{invitation.token}/", {"accept": "1"}, follow=True)

    assertContains(response, "Deze uitnodiging geldt niet meer")
    assert not Membership.objects.filter(user=accomplice, organisation=organisation).exists()
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_invitation_from_an_admin_who_became_a_plain_member_lets_nobody_in(organisation, admin):
    inviter = organisation_admin(organisation)
    invitee = verified_person()
    invitation = InvitationFactory(organisation=organisation, email=invitee.email, invited_by=inviter)
    services.membership_change_role(
        membership=Membership.objects.get(user=inviter, organisation=organisation), user=admin, role="member"
    )

    with pytest.raises(ValidationError, match="geldt niet meer"):
        services.invitation_accept(invitation=invitation, user=invitee)
    assert not Membership.objects.filter(user=invitee, organisation=organisation).exists()


def test_an_invitation_from_a_current_admin_still_lets_the_person_in(organisation, admin):
    invitee = verified_person()
    invitation = InvitationFactory(organisation=organisation, email=invitee.email, invited_by=admin)

    membership = services.invitation_accept(invitation=invitation, user=invitee)

    assert membership.state == Membership.State.ACTIVE
    assert Invitation.objects.get(pk=invitation.pk).accepted is True


def test_an_invitation_from_a_moderator_still_lets_the_person_in_when_accepted_later(organisation):
    """The moderator's rights count only in a session that passed the second factor; the invitation is accepted
    later, in the invitee's session, and still holds while its sender is a moderator."""
    moderator = person_of_kind("moderator", organisation)
    invitee = verified_person()
    invitation = InvitationFactory(organisation=organisation, email=invitee.email, invited_by=moderator)

    membership = services.invitation_accept(invitation=invitation, user=invitee)

    assert membership.state == Membership.State.ACTIVE
