"""Who may do what with initiatives and partnerships: the one place these decisions are made."""

import rules

from agendastad.accounts.predicates import is_moderator, is_verified_person
from regions.predicates import is_org_member, is_organisation_region_coordinator, is_region_coordinator

from .predicates import (
    is_admin_of_a_possible_partner,
    is_answerable_by,
    is_any_region_coordinator,
    is_archived,
    is_asking_side,
    is_comment_author,
    is_comment_fresh,
    is_comment_hidden,
    is_comment_initiative_open,
    is_comment_region_coordinator,
    is_comment_removed,
    is_creator,
    is_creator_in_lead,
    is_discussion_closed,
    is_hidden,
    is_initiative_region_coordinator,
    is_lead_admin,
    is_lead_member,
    is_member_of_any_organisation,
    is_partner_member,
    is_partnership_initiative_public,
    is_partnership_open,
    is_progress_author,
    is_progress_hidden,
    is_progress_initiative_open,
    is_progress_region_coordinator,
    is_public,
    may_be_asked_again_now,
    speaks_for_comment_organisation,
    speaks_for_progress_organisation,
)

can_see_drafts = is_lead_member | is_initiative_region_coordinator | is_moderator
# Who decides about reported content: moderators everywhere, coordinators in their own region.
initiative_moderators = is_moderator | is_initiative_region_coordinator
comment_moderators = is_moderator | is_comment_region_coordinator

can_view_initiative = (
    is_public
    | (~is_archived & ~is_hidden & can_see_drafts)
    | (~is_archived & is_hidden & initiative_moderators)
    | (is_archived & is_moderator)
)
rules.add_perm("initiatives.see_initiative", can_view_initiative)


@rules.predicate
def sees_comment_initiative(user, comment) -> bool:
    """May see the initiative the comment belongs to: comments are seen wherever their initiative is."""
    return comment is not None and can_view_initiative.test(user, comment.initiative)


rules.add_perm(
    "initiatives.register_initiative",
    is_verified_person & (is_member_of_any_organisation | is_any_region_coordinator | is_moderator),
)
# Which organisation leads a new initiative (the object is the organisation): members lead for their own,
# coordinators for any in their region, moderators for any. And with which status it starts: an idea or a
# proposal for everyone who may lead it; running or completed (UNDERWAY_STATUSES) only when the person may vouch
# for that, as the organisation's region coordinator or a moderator, whether or not they are also a member.
# predicates.leadable_by gives these two as querysets.
rules.add_perm(
    "initiatives.lead_initiative",
    is_verified_person & (is_org_member | is_organisation_region_coordinator | is_moderator),
)
rules.add_perm("initiatives.start_underway", is_verified_person & (is_organisation_region_coordinator | is_moderator))
rules.add_perm(
    "initiatives.edit_initiative",
    is_verified_person
    & ~is_archived
    & (is_lead_admin | is_creator_in_lead | is_initiative_region_coordinator | is_moderator),
)
rules.add_perm("initiatives.archive_initiative", is_verified_person & ~is_archived & (is_lead_admin | is_moderator))
rules.add_perm("initiatives.restore_initiative", is_archived & is_moderator)
# Partners are invited once an initiative is public: drafts stay within the lead organisation and
# the region's coordinators, so an invited organisation could not even open what it is invited to.
rules.add_perm(
    "initiatives.invite_partner",
    is_verified_person & is_public & (is_lead_admin | is_initiative_region_coordinator),
)
# A message to the contact person (or, without one, the lead's admins) through the site: about public initiatives.
rules.add_perm("initiatives.contact_initiative", is_verified_person & is_public)
rules.add_perm(
    "initiatives.request_partnership",
    is_verified_person & is_public & is_admin_of_a_possible_partner,
)
rules.add_perm("initiatives.answer_partnership", is_verified_person & is_answerable_by)
# After a decline the side that asked may ask once more, after a waiting period (settings.PARTNERSHIP_ASK_AGAIN_DAYS);
# while it waits, it may take back what it asked.
rules.add_perm(
    "initiatives.ask_partnership_again",
    is_verified_person & is_partnership_initiative_public & is_asking_side & may_be_asked_again_now,
)
rules.add_perm(
    "initiatives.withdraw_partnership",
    is_verified_person & is_partnership_initiative_public & is_partnership_open & is_asking_side,
)
# Spreadsheets: coordinators for their own regions (each row is checked again), moderators for all. The
# export holds what the person may see, drafts included, so it is for the same people.
rules.add_perm("initiatives.import_initiatives", is_verified_person & (is_any_region_coordinator | is_moderator))
rules.add_perm("initiatives.import_into_region", is_verified_person & (is_region_coordinator | is_moderator))
rules.add_perm("initiatives.export_initiatives", is_verified_person & (is_any_region_coordinator | is_moderator))


# Discussion. Comments are seen wherever their initiative is; everything else needs a verified person.
rules.add_perm(
    "initiatives.post_comment",
    is_verified_person & can_view_initiative & ~is_archived & ~is_hidden & ~is_discussion_closed,
)
rules.add_perm(
    "initiatives.edit_comment",
    is_verified_person
    & is_comment_author
    & speaks_for_comment_organisation
    & is_comment_fresh
    & ~is_comment_removed
    & ~is_comment_hidden
    & is_comment_initiative_open,
)
rules.add_perm(
    "initiatives.remove_comment", is_verified_person & ~is_comment_removed & (is_comment_author | is_moderator)
)
rules.add_perm(
    "initiatives.close_discussion", is_verified_person & ~is_archived & ~is_hidden & (is_lead_admin | is_moderator)
)

# Reports and moderation.
rules.add_perm("initiatives.report_initiative", is_verified_person & is_public & ~is_creator)
rules.add_perm(
    "initiatives.report_comment",
    is_verified_person & sees_comment_initiative & ~is_comment_author & ~is_comment_removed & ~is_comment_hidden,
)
rules.add_perm("initiatives.moderate_initiative", is_verified_person & ~is_archived & initiative_moderators)
rules.add_perm("initiatives.moderate_comment", is_verified_person & ~is_comment_removed & comment_moderators)
rules.add_perm("initiatives.appeal_initiative", is_verified_person & is_creator_in_lead & is_hidden & ~is_archived)
rules.add_perm(
    "initiatives.appeal_comment",
    is_verified_person & is_comment_author & speaks_for_comment_organisation & is_comment_hidden & ~is_comment_removed,
)
rules.add_perm("initiatives.view_reports", is_verified_person & (is_moderator | is_any_region_coordinator))

# Progress updates: the lead and accepted partners post on the initiative's timeline; the author corrects or
# deletes their own while still speaking for the organisation; moderators and the region's coordinators hide one.
rules.add_perm(
    "initiatives.post_progress",
    is_verified_person & can_view_initiative & is_partner_member & ~is_archived & ~is_hidden,
)
own_progress = is_verified_person & is_progress_author & speaks_for_progress_organisation & is_progress_initiative_open
rules.add_perm("initiatives.edit_progress", own_progress & ~is_progress_hidden)
rules.add_perm("initiatives.delete_progress", own_progress)
rules.add_perm(
    "initiatives.moderate_progress",
    is_verified_person & is_progress_initiative_open & (is_moderator | is_progress_region_coordinator),
)
