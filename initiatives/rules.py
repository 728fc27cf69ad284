"""Who may do what with initiatives and partnerships: the one place these decisions are made."""

import rules

from regions.predicates import is_moderator, is_verified_person

from .predicates import (
    is_admin_of_a_possible_partner,
    is_answerable_by,
    is_any_region_coordinator,
    is_archived,
    is_creator,
    is_initiative_region_coordinator,
    is_lead_admin,
    is_lead_member,
    is_member_of_any_organisation,
    is_public,
)

can_see_drafts = is_lead_member | is_initiative_region_coordinator | is_moderator

rules.add_perm(
    "initiatives.view_initiative", is_public | (~is_archived & can_see_drafts) | (is_archived & is_moderator)
)
rules.add_perm(
    "initiatives.add_initiative",
    is_verified_person & (is_member_of_any_organisation | is_any_region_coordinator | is_moderator),
)
rules.add_perm(
    "initiatives.change_initiative",
    is_verified_person & ~is_archived & (is_lead_admin | is_creator | is_initiative_region_coordinator | is_moderator),
)
rules.add_perm("initiatives.archive_initiative", is_verified_person & ~is_archived & (is_lead_admin | is_moderator))
rules.add_perm("initiatives.restore_initiative", is_archived & is_moderator)
# Partners are invited once an initiative is public: drafts stay within the lead organisation and
# the region's coordinators, so an invited organisation could not even open what it is invited to.
rules.add_perm(
    "initiatives.invite_partner",
    is_verified_person & is_public & (is_lead_admin | is_initiative_region_coordinator),
)
rules.add_perm(
    "initiatives.request_partnership",
    is_verified_person & is_public & is_admin_of_a_possible_partner,
)
rules.add_perm("initiatives.answer_partnership", is_verified_person & is_answerable_by)
# Spreadsheets: coordinators for their own regions (each row is checked again), moderators for all. The
# export holds what the person may see, drafts included, so it is for the same people.
rules.add_perm("initiatives.import_initiatives", is_verified_person & (is_any_region_coordinator | is_moderator))
rules.add_perm("initiatives.export_initiatives", is_verified_person & (is_any_region_coordinator | is_moderator))
