"""Who may do what with organisations and memberships: the one place these decisions are made."""

import rules

from agendastad.accounts.predicates import is_active_user, is_moderator, is_staff_account, is_verified_person

from .predicates import (
    has_an_admin,
    has_membership_or_request,
    is_active_membership,
    is_contact_message_recipient,
    is_invited_address,
    is_org_admin,
    is_org_member,
    is_organisation_region_coordinator,
    is_organisation_verified,
    is_own_membership,
    is_region_coordinator,
    is_self,
    is_staff_target,
    is_suspended_target,
)

rules.add_perm("regions.view_mine", is_active_user)
rules.add_perm("regions.register_organisation", is_verified_person)
rules.add_perm("regions.edit_organisation", is_verified_person & (is_org_admin | is_moderator))
rules.add_perm(
    "regions.verify_organisation",
    is_verified_person & ~is_organisation_verified & (is_organisation_region_coordinator | is_moderator),
)
# A region's workspace (what waits for its coordinators: /mijn/regio/<slug>/): its acting coordinators, and
# moderators, who verify organisations and decide reports everywhere.
rules.add_perm("regions.coordinate_region", is_verified_person & (is_region_coordinator | is_moderator))
rules.add_perm("regions.request_membership", is_verified_person & ~has_membership_or_request)
rules.add_perm("regions.manage_members", is_verified_person & (is_org_admin | is_moderator))
rules.add_perm("regions.leave_organisation", is_verified_person & is_org_member)
# The same decision for the membership itself (what the service ends): one's own, and approved.
rules.add_perm("regions.leave_membership", is_verified_person & is_own_membership & is_active_membership)
# Accepting or declining: only the person signed in with the invited address, verified. (Whether the invitation
# is still open, and still holds, is the service's to say: those are facts about it, not about the person.)
rules.add_perm("regions.answer_invitation", is_verified_person & is_invited_address)
# An organisation without an admin cannot answer partnership invitations: its region's coordinators (or a moderator)
# invite someone by mail to claim it, who becomes its admin. Only for a verified organisation (the coordinator vouches
# for the name the mail carries) and only while nobody manages it, so no organisation is taken over this way.
rules.add_perm(
    "regions.invite_claimant",
    is_verified_person & is_organisation_verified & ~has_an_admin & (is_organisation_region_coordinator | is_moderator),
)
rules.add_perm("regions.choose_profile_visibility", is_verified_person & is_org_member)
# Merging moves memberships, partnerships and initiatives between organisations: moderators only
# (initiatives.services.organisation_merge, from the admin panel).
rules.add_perm("regions.merge_organisation", is_verified_person & is_moderator)
rules.add_perm("regions.suspend_person", is_verified_person & is_moderator & ~is_staff_target)
# Moderators appoint coordinators (in the admin panel), but not themselves (the object is the person appointed;
# asked without one, it is whether the admin panel offers to appoint anyone): a coordinator invites partners on
# behalf of the region's initiatives, which moderating does not need. Superusers appoint anyone.
rules.add_perm("regions.appoint_coordinator", rules.is_superuser | (is_verified_person & is_moderator & ~is_self))
# An account deactivated at its owner's request, reactivated when they change their mind (People, action
# "Reactivate", agendastad/accounts/admin.py); a suspended person is let in by lifting the suspension.
rules.add_perm(
    "agendastad.reactivate_account",
    rules.is_superuser | (is_verified_person & is_moderator & ~is_staff_account & ~is_suspended_target),
)
# Messages through the site (relayed by mail, the address of the recipient never shown): verified people only,
# so every message has a sender who can be answered and, after a report of abuse, suspended. Its recipients
# report a message as abuse.
rules.add_perm("regions.send_contact_message", is_verified_person)
rules.add_perm("regions.contact_organisation", is_verified_person)
rules.add_perm("regions.report_contact_message", is_verified_person & is_contact_message_recipient)
# Moderators read the messages reported as abuse (named in the moderation queue, read in the admin panel).
rules.add_perm("regions.read_reported_messages", is_verified_person & is_moderator)
