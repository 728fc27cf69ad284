"""Every permission against every kind of user, asked the way views, services and templates ask it."""

import pytest
import rules
from django.utils import timezone

from regions.models import Membership

from ..factories import (
    USER_KINDS,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    contact_message,
    person_of_kind,
    verified_person,
)

pytestmark = pytest.mark.django_db

VERIFIED_PEOPLE = frozenset(USER_KINDS) - {"anonymous", "unverified"}

# Who may, for an organisation that is not verified yet. Nobody outside a set may.
ALLOWED: dict[str, frozenset[str]] = {
    "regions.view_mine": frozenset(USER_KINDS) - {"anonymous"},
    "regions.register_organisation": VERIFIED_PEOPLE,
    "regions.edit_organisation": frozenset({"org_admin", "moderator", "superuser"}),
    "regions.verify_organisation": frozenset({"region_coordinator", "moderator", "superuser"}),
    "regions.request_membership": frozenset(
        {"other_org_member", "region_coordinator", "other_region_coordinator", "moderator", "superuser"}
    ),
    "regions.manage_members": frozenset({"org_admin", "moderator", "superuser"}),
    "regions.leave_organisation": frozenset({"member", "org_admin"}),
    "regions.choose_profile_visibility": frozenset({"member", "org_admin"}),
    "regions.merge_organisation": frozenset({"moderator", "superuser"}),
    "regions.contact_organisation": VERIFIED_PEOPLE,
    "regions.send_contact_message": VERIFIED_PEOPLE,
    "regions.read_reported_messages": frozenset({"moderator", "superuser"}),
    # Only a verified organisation is claimed (the mail carries its name), see ALLOWED_WHEN_VERIFIED.
    "regions.invite_claimant": frozenset(),
}

# Asked without an object, as the create view and the /mijn/ page ask them.
GLOBAL_PERMISSIONS = frozenset(
    {
        "regions.view_mine",
        "regions.register_organisation",
        "regions.send_contact_message",
        "regions.read_reported_messages",
    }
)

# Once verified, the organisation cannot be verified again; everything else about it stays as above.
ALLOWED_WHEN_VERIFIED: dict[str, frozenset[str]] = {
    **{permission: kinds for permission, kinds in ALLOWED.items() if permission not in GLOBAL_PERMISSIONS},
    "regions.verify_organisation": frozenset(),
    # Nobody manages the organisation in these worlds unless the kind is its admin: then nobody may claim it.
    "regions.invite_claimant": frozenset({"region_coordinator", "moderator", "superuser"}),
}


# Asked about a person rather than an organisation.
PERSON_PERMISSIONS: dict[str, frozenset[str]] = {
    "regions.suspend_person": frozenset({"moderator", "superuser"}),
    "regions.appoint_coordinator": frozenset({"moderator", "superuser"}),
}


# Asked about the organisation's region.
REGION_PERMISSIONS: dict[str, frozenset[str]] = {
    "regions.coordinate_region": frozenset({"region_coordinator", "moderator", "superuser"}),
}


# Asked about a membership or an invitation: the one the kind of person has or was sent, if any.
OWN_PERMISSIONS: dict[str, frozenset[str]] = {
    "regions.leave_membership": frozenset({"member", "org_admin"}),
    "regions.answer_invitation": VERIFIED_PEOPLE,
    "regions.report_contact_message": VERIFIED_PEOPLE,
}


def test_the_table_covers_every_permission_of_the_regions_app():
    registered = {name for name in rules.permissions.permissions if name.startswith("regions.")}
    assert registered == set(ALLOWED) | set(PERSON_PERMISSIONS) | set(OWN_PERMISSIONS) | set(REGION_PERMISSIONS)


@pytest.mark.parametrize("kind", USER_KINDS)
def test_only_the_member_leaves_their_own_membership(kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)
    own = Membership.objects.filter(user=user.pk, organisation=organisation).first() if user.pk else None
    someone_elses = MembershipFactory(organisation=organisation)

    assert user.has_perm("regions.leave_membership", own) is (kind in OWN_PERMISSIONS["regions.leave_membership"])
    assert not user.has_perm("regions.leave_membership", someone_elses)


def test_a_request_is_not_a_membership_to_leave():
    organisation = OrganisationFactory()
    person = verified_person()
    request = MembershipFactory(user=person, organisation=organisation, state=Membership.State.REQUESTED)

    assert not person.has_perm("regions.leave_membership", request)


@pytest.mark.parametrize("kind", USER_KINDS)
def test_only_the_invited_verified_address_answers_an_invitation(kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)
    to_them = InvitationFactory(organisation=organisation, email=getattr(user, "email", "niemand@example.nl").upper())
    to_someone_else = InvitationFactory(organisation=organisation, email="iemand.anders@example.nl")

    assert user.has_perm("regions.answer_invitation", to_them) is (kind in OWN_PERMISSIONS["regions.answer_invitation"])
    assert not user.has_perm("regions.answer_invitation", to_someone_else)


@pytest.mark.parametrize("kind", USER_KINDS)
def test_only_a_recipient_reports_a_message_received_through_the_site(kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)
    to_them = contact_message(recipient=user, about=organisation) if user.is_authenticated else None
    to_someone_else = contact_message(recipient=verified_person(), about=organisation)
    permission = "regions.report_contact_message"

    assert user.has_perm(permission, to_them) is (kind in OWN_PERMISSIONS[permission])
    assert not user.has_perm(permission, to_someone_else)


@pytest.mark.parametrize("kind", USER_KINDS)
@pytest.mark.parametrize("permission", sorted(PERSON_PERMISSIONS))
def test_permission_about_an_ordinary_person(permission, kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)

    assert user.has_perm(permission, verified_person()) is (kind in PERSON_PERMISSIONS[permission])


@pytest.mark.parametrize("target", ["moderator", "superuser"])
def test_nobody_suspends_staff_as_a_moderation_action(target):
    organisation = OrganisationFactory()
    superuser = person_of_kind("superuser", organisation)

    assert not superuser.has_perm("regions.suspend_person", person_of_kind(target, organisation))


@pytest.mark.parametrize(("kind", "may"), [("moderator", False), ("superuser", True)])
def test_only_a_superuser_appoints_themselves_region_coordinator(kind, may):
    person = person_of_kind(kind, OrganisationFactory())

    assert person.has_perm("regions.appoint_coordinator", person) is may


@pytest.mark.parametrize("kind", USER_KINDS)
@pytest.mark.parametrize("permission", sorted(ALLOWED))
def test_permission_for_an_unverified_organisation(permission, kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)
    target = None if permission in GLOBAL_PERMISSIONS else organisation

    assert user.has_perm(permission, target) is (kind in ALLOWED[permission])


@pytest.mark.parametrize("kind", USER_KINDS)
@pytest.mark.parametrize("permission", sorted(ALLOWED_WHEN_VERIFIED))
def test_permission_for_a_verified_organisation(permission, kind):
    organisation = OrganisationFactory(verified_at=timezone.now())
    user = person_of_kind(kind, organisation)

    assert user.has_perm(permission, organisation) is (kind in ALLOWED_WHEN_VERIFIED[permission])


@pytest.mark.parametrize("kind", USER_KINDS)
@pytest.mark.parametrize("permission", sorted(REGION_PERMISSIONS))
def test_permission_about_a_region(permission, kind):
    organisation = OrganisationFactory()
    user = person_of_kind(kind, organisation)

    assert user.has_perm(permission, organisation.municipality.region) is (kind in REGION_PERMISSIONS[permission])


@pytest.mark.parametrize("kind", ["region_coordinator", "moderator", "superuser"])
def test_nobody_invites_someone_to_claim_an_organisation_that_has_an_admin(kind):
    organisation = OrganisationFactory(verified_at=timezone.now())
    MembershipFactory(organisation=organisation, user=verified_person(), role=Membership.Role.ADMIN)

    assert not person_of_kind(kind, organisation).has_perm("regions.invite_claimant", organisation)
