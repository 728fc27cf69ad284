"""Who someone is in relation to an initiative. Combined into permissions in rules.py."""

from datetime import timedelta
from typing import NamedTuple

import rules
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from agendastad.accounts.predicates import is_moderator, is_verified_person
from regions.models import Membership, Organisation, RegionCoordinator

from .models import Comment, Hidden, Initiative, Partnership, ProgressUpdate, Visibility


def _lead_id(initiative: Initiative | None) -> int | None:
    return initiative.lead_organisation_id if initiative is not None else None


@rules.predicate
def is_lead_member(user, initiative: Initiative | None) -> bool:
    if initiative is None or not user.is_authenticated:
        return False
    return Membership.objects.active().filter(user=user, organisation_id=_lead_id(initiative)).exists()


@rules.predicate
def is_lead_admin(user, initiative: Initiative | None) -> bool:
    if initiative is None or not user.is_authenticated:
        return False
    return Membership.objects.admins().filter(user=user, organisation_id=_lead_id(initiative)).exists()


@rules.predicate
def is_creator(user, initiative: Initiative | None) -> bool:
    return initiative is not None and user.is_authenticated and initiative.created_by_id == user.pk


# Creating an initiative for an organisation is acting for it: what the creator may do because they created it
# lasts as long as their membership of the lead organisation (a removed or departed member loses it).
is_creator_in_lead = is_creator & is_lead_member


@rules.predicate
def is_initiative_region_coordinator(user, initiative: Initiative | None) -> bool:
    if initiative is None or not user.is_authenticated:
        return False
    return RegionCoordinator.objects.acting(user).filter(region_id=initiative.primary_region_id).exists()


@rules.predicate
def is_public(user, initiative: Initiative | None) -> bool:
    return (
        initiative is not None
        and initiative.visibility == Visibility.PUBLIC
        and not initiative.is_archived
        and initiative.hidden == Hidden.NO
    )


@rules.predicate
def is_hidden(user, initiative: Initiative | None) -> bool:
    """Hidden by moderation (after reports, or by a moderator's decision)."""
    return initiative is not None and initiative.is_hidden


@rules.predicate
def is_discussion_closed(user, initiative: Initiative | None) -> bool:
    return initiative is not None and initiative.discussion_is_closed


@rules.predicate
def is_archived(user, initiative: Initiative | None) -> bool:
    return initiative is not None and initiative.is_archived


@rules.predicate
def is_admin_of_a_possible_partner(user, initiative: Initiative | None) -> bool:
    """Admin of at least one organisation that has no partnership in this initiative yet."""
    if initiative is None or not user.is_authenticated:
        return False
    taken = Partnership.objects.filter(initiative=initiative).values("organisation")
    return Membership.objects.admins().filter(user=user).exclude(organisation__in=taken).exists()


@rules.predicate
def is_admin_of_any_organisation(user) -> bool:
    return user.is_authenticated and Membership.objects.admins().filter(user=user).exists()


@rules.predicate
def is_member_of_any_organisation(user) -> bool:
    return user.is_authenticated and Membership.objects.active().filter(user=user).exists()


@rules.predicate
def is_any_region_coordinator(user) -> bool:
    return user.is_authenticated and RegionCoordinator.objects.acting(user).exists()


@rules.predicate
def is_answerable_by(user, partnership: Partnership | None) -> bool:
    """An invitation is answered by the invited organisation's admins; a request by the lead's admins.
    Nobody answers for an archived initiative: like inviting and requesting, that waits until it is restored."""
    if partnership is None or not user.is_authenticated or partnership.initiative.is_archived:
        return False
    if partnership.state == Partnership.State.INVITED:
        organisation_id = partnership.organisation_id
    elif partnership.state == Partnership.State.REQUESTED:
        organisation_id = partnership.initiative.lead_organisation_id
    else:
        return False
    return Membership.objects.admins().filter(user=user, organisation_id=organisation_id).exists()


def is_asking_side_of(user, partnership: Partnership) -> bool:
    """The side that asked: for an invitation those who invite for the initiative (its lead's admins and its
    region's coordinators), for a request the admins of the organisation that asked."""
    if partnership.asked_by_organisation:
        return Membership.objects.admins().filter(user=user, organisation_id=partnership.organisation_id).exists()
    initiative = partnership.initiative
    return is_lead_admin.test(user, initiative) or is_initiative_region_coordinator.test(user, initiative)


@rules.predicate
def is_asking_side(user, partnership: Partnership | None) -> bool:
    if partnership is None or not user.is_authenticated:
        return False
    return is_asking_side_of(user, partnership)


@rules.predicate
def is_partnership_open(user, partnership: Partnership | None) -> bool:
    return partnership is not None and partnership.is_open


@rules.predicate
def may_be_asked_again_now(user, partnership: Partnership | None) -> bool:
    """Declined once, and the waiting period (PARTNERSHIP_ASK_AGAIN_DAYS) has passed."""
    if partnership is None:
        return False
    ask_again_from = partnership.ask_again_from
    return ask_again_from is not None and ask_again_from <= timezone.now()


@rules.predicate
def is_partnership_initiative_public(user, partnership: Partnership | None) -> bool:
    return partnership is not None and is_public.test(user, partnership.initiative)


# Comments. Each predicate takes the comment; the comment's initiative is asked for through `comment.initiative`.


def comment_edit_window() -> timedelta:
    return timedelta(minutes=settings.COMMENT_EDIT_MINUTES)


@rules.predicate
def is_comment_author(user, comment: Comment | None) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def speaks_for_comment_organisation(user, comment: Comment | None) -> bool:
    """The comment was written for no organisation, or for one this person is still an active member of: words
    said on an organisation's behalf are only changed (or defended) by its members."""
    if comment is None or not user.is_authenticated:
        return False
    if comment.organisation_id is None:
        return True
    return Membership.objects.active().filter(user=user, organisation_id=comment.organisation_id).exists()


@rules.predicate
def is_comment_fresh(user, comment: Comment | None) -> bool:
    """Written less than COMMENT_EDIT_MINUTES ago: the author may still correct it."""
    return comment is not None and timezone.now() - comment.created_at < comment_edit_window()


@rules.predicate
def is_comment_removed(user, comment: Comment | None) -> bool:
    return comment is not None and comment.is_removed


@rules.predicate
def is_comment_hidden(user, comment: Comment | None) -> bool:
    return comment is not None and comment.is_hidden


@rules.predicate
def is_comment_region_coordinator(user, comment: Comment | None) -> bool:
    """Coordinates the primary region of the comment's initiative."""
    if comment is None or not user.is_authenticated:
        return False
    return RegionCoordinator.objects.acting(user).filter(region_id=comment.initiative.primary_region_id).exists()


@rules.predicate
def is_comment_initiative_open(user, comment: Comment | None) -> bool:
    """The comment's initiative takes part in discussions: not archived, not hidden, discussion not closed."""
    if comment is None:
        return False
    initiative = comment.initiative
    return not initiative.is_archived and not initiative.is_hidden and not initiative.discussion_is_closed


# Progress updates. The lead and accepted partners (their active members) post them; each predicate on an update
# takes the update, its initiative through `update.initiative`.


def partner_organisations(initiative: Initiative) -> QuerySet[Organisation]:
    """The organisations that take part: the lead and the accepted partners (the lead's partnership is accepted)."""
    return Organisation.objects.filter(
        pk__in=Partnership.objects.accepted().filter(initiative=initiative).values("organisation")
    )


@rules.predicate
def is_partner_member(user, initiative: Initiative | None) -> bool:
    """An active member of the lead organisation or of an accepted partner."""
    if initiative is None or not user.is_authenticated:
        return False
    return Membership.objects.active().filter(user=user, organisation__in=partner_organisations(initiative)).exists()


@rules.predicate
def is_progress_author(user, update: ProgressUpdate | None) -> bool:
    return update is not None and user.is_authenticated and update.author_id == user.pk


@rules.predicate
def speaks_for_progress_organisation(user, update: ProgressUpdate | None) -> bool:
    """Still an active member of the organisation the update was posted for, and that organisation still takes
    part: what was said on its behalf is changed only by its members, as for comments."""
    if update is None or not user.is_authenticated or update.organisation_id is None:
        return False
    return (
        Membership.objects.active()
        .filter(user=user, organisation_id=update.organisation_id)
        .filter(organisation__in=partner_organisations(update.initiative))
        .exists()
    )


@rules.predicate
def is_progress_hidden(user, update: ProgressUpdate | None) -> bool:
    return update is not None and update.is_hidden


@rules.predicate
def is_progress_initiative_open(user, update: ProgressUpdate | None) -> bool:
    """The update's initiative is neither archived nor hidden by moderation."""
    return update is not None and not update.initiative.is_archived and not update.initiative.is_hidden


@rules.predicate
def is_progress_region_coordinator(user, update: ProgressUpdate | None) -> bool:
    """Coordinates the primary region of the update's initiative."""
    return update is not None and is_initiative_region_coordinator(user, update.initiative)


# Leading a new initiative. The rules (initiatives.lead_initiative, initiatives.start_underway) decide for one
# organisation; `leadable_by` makes the same decisions for every organisation at once, as querysets, for the form's
# choices and the import. tests/initiatives/test_leading.py holds each queryset to its rule.


class Leadable(NamedTuple):
    organisations: QuerySet[Organisation]
    """Those `user` may register an initiative for (initiatives.lead_initiative): their own (is_org_member), those
    in the regions they coordinate (is_organisation_region_coordinator), any for a moderator."""
    underway: QuerySet[Organisation]
    """Those for which they may register an initiative that already runs or ran (initiatives.start_underway):
    those in the regions they coordinate, any for a moderator."""


def leadable_by(user) -> Leadable:
    if not is_verified_person(user):
        return Leadable(Organisation.objects.none(), Organisation.objects.none())
    if is_moderator(user):
        return Leadable(Organisation.objects.all(), Organisation.objects.all())
    own = Membership.objects.active().filter(user=user).values("organisation")
    coordinated = Q(municipality__region__in=RegionCoordinator.objects.acting(user).values("region"))
    return Leadable(Organisation.objects.filter(Q(pk__in=own) | coordinated), Organisation.objects.filter(coordinated))
