"""Who someone is in relation to an organisation or region. Combined into permissions in rules.py.

Each predicate that queries caches nothing between requests; the few lookups per page stay cheap
because they hit unique indexes.
"""

import rules
from allauth.account.models import EmailAddress

from .models import (
    ContactMessage,
    Invitation,
    LabourMarketRegion,
    Membership,
    Organisation,
    RegionCoordinator,
    Suspension,
)


@rules.predicate
def is_org_member(user, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.active().filter(user=user, organisation=organisation).exists()


@rules.predicate
def is_org_admin(user, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.admins().filter(user=user, organisation=organisation).exists()


@rules.predicate
def is_own_membership(user, membership: Membership | None) -> bool:
    return membership is not None and user.is_authenticated and membership.user_id == user.pk


@rules.predicate
def is_active_membership(user, membership: Membership | None) -> bool:
    """Approved and still there (asked of the database: it may have been ended meanwhile)."""
    return membership is not None and Membership.objects.active().filter(pk=membership.pk).exists()


@rules.predicate
def is_invited_address(user, invitation: Invitation | None) -> bool:
    """The invitation was sent to one of this person's verified addresses."""
    if invitation is None or not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists()


@rules.predicate
def has_membership_or_request(user, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


@rules.predicate
def is_organisation_region_coordinator(user, organisation: Organisation | None) -> bool:
    """Coordinates the region the organisation is located in. An organisation abroad is in no region, so no
    coordinator's: verifying it, or registering initiatives on its behalf, is for moderators (and, for
    initiatives, its own members). A coordinator cannot make it theirs by inviting it to an initiative."""
    if organisation is None or not user.is_authenticated or organisation.municipality_id is None:
        return False
    return RegionCoordinator.objects.acting(user).filter(region__municipalities=organisation.municipality_id).exists()


@rules.predicate
def is_region_coordinator(user, region: LabourMarketRegion | None) -> bool:
    if region is None or not user.is_authenticated:
        return False
    return RegionCoordinator.objects.acting(user).filter(region=region).exists()


@rules.predicate
def has_an_admin(user, organisation: Organisation | None) -> bool:
    """Somebody (active) manages the organisation already: nobody can claim it any more."""
    if organisation is None:
        return False
    return organisation.memberships.admins().filter(user__is_active=True).exists()


@rules.predicate
def is_organisation_verified(user, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.is_verified


@rules.predicate
def is_staff_target(user, person) -> bool:
    """The person acted upon is staff (a moderator or an administrator): suspending them is for superusers
    to decide in the account itself, not a moderation action."""
    return person is not None and person.is_staff


@rules.predicate
def is_self(user, person) -> bool:
    """The person acted upon is the one acting."""
    return person is not None and person.pk == user.pk


@rules.predicate
def is_suspended_target(user, person) -> bool:
    """The person acted upon is suspended: only lifting the suspension lets them in again."""
    return person is not None and Suspension.objects.current().filter(person=person).exists()


@rules.predicate
def is_contact_message_recipient(user, message: ContactMessage | None) -> bool:
    """Received this message sent through the site (as contact person, admin or coordinator)."""
    if message is None or not user.is_authenticated:
        return False
    return message.recipients.filter(pk=user.pk).exists()
