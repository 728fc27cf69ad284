"""Merging duplicate organisations. It lives here rather than in regions because it moves the
initiatives and partnerships too; regions' admin calls it."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.selectors import followers_of
from agendastad.notifications.services import follows_add
from regions.models import Membership, Organisation

from ..models import Comment, Initiative, Partnership

_MEMBERSHIP_STRENGTH = {Membership.State.REQUESTED: 0, Membership.State.ACTIVE: 2}
_PARTNERSHIP_STRENGTH = {
    Partnership.State.DECLINED: 0,
    Partnership.State.INVITED: 1,
    Partnership.State.REQUESTED: 1,
    Partnership.State.ACCEPTED: 2,
}


def _membership_strength(membership: Membership) -> tuple[int, int, bool]:
    return (
        _MEMBERSHIP_STRENGTH[membership.state],
        membership.role == Membership.Role.ADMIN,
        membership.show_on_profile,
    )


def _partnership_strength(partnership: Partnership) -> tuple[bool, int]:
    return (partnership.role == Partnership.Role.LEAD, _PARTNERSHIP_STRENGTH[partnership.state])


def organisation_merge(*, kept: Organisation, duplicates: Iterable[Organisation], user: User) -> Organisation:
    """Merge `duplicates` into `kept`: their memberships, invitations, partnerships, led initiatives, the
    comments written on their behalf and their followers move to `kept`, and then they are deleted.

    Where a person or an initiative is linked to both, the stronger link stays (an active admin
    over a member or a request; lead, then accepted, over a pending or declined partnership). `kept`
    takes over what it lacks (website, description, KvK number, verification). Every initiative
    that changes lead gets a version recording who merged. All or nothing.
    """
    permission_require(user, "regions.merge_organisation", kept)
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != kept.pk]
    if not duplicates:
        raise ValidationError(_("Choose at least one other organisation to merge into this one."))
    with transaction.atomic():
        kept = Organisation.objects.select_for_update().get(pk=kept.pk)
        for duplicate in Organisation.objects.select_for_update().filter(pk__in=[d.pk for d in duplicates]):
            _merge_one(kept, duplicate, user)
        kept.full_clean()
        kept.save()
    return kept


def _merge_one(kept: Organisation, duplicate: Organisation, user: User) -> None:
    for name in ("website", "description", "kvk_number"):
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
    if kept.verified_at is None and duplicate.verified_at is not None:
        kept.verified_at, kept.verified_by = duplicate.verified_at, duplicate.verified_by

    memberships = {membership.user_id: membership for membership in kept.memberships.all()}
    for membership in duplicate.memberships.all():
        existing = memberships.get(membership.user_id)
        if existing is None:
            membership.organisation = kept
            membership.save(update_fields=["organisation"])
        elif _membership_strength(membership) > _membership_strength(existing):
            existing.delete()
            membership.organisation = kept
            membership.save(update_fields=["organisation"])
        else:
            membership.delete()

    open_addresses = {
        email.lower() for email in kept.invitations.filter(answered_at__isnull=True).values_list("email", flat=True)
    }
    for invitation in duplicate.invitations.all():
        if invitation.is_open and invitation.email.lower() in open_addresses:
            invitation.delete()  # the same person is invited to `kept` already
        else:
            invitation.organisation = kept
            invitation.save(update_fields=["organisation"])

    partnerships = {partnership.initiative_id: partnership for partnership in kept.partnerships.all()}
    for partnership in duplicate.partnerships.all():
        existing = partnerships.get(partnership.initiative_id)
        if existing is not None and _partnership_strength(existing) >= _partnership_strength(partnership):
            partnership.delete()
            continue
        if existing is not None:
            existing.delete()
        partnership.organisation = kept
        partnership.save(update_fields=["organisation"])

    Comment.objects.filter(organisation=duplicate).update(organisation=kept)

    for initiative in Initiative.objects.filter(lead_organisation=duplicate):
        initiative.lead_organisation = kept
        initiative.version += 1
        initiative.updated_at = timezone.now()
        initiative._history_user = user
        initiative._change_reason = f"Merged {duplicate.name} into {kept.name}"[:100]
        initiative.save(update_fields=["lead_organisation", "version", "updated_at"])
    follows_add(users=followers_of(duplicate), target=kept)  # before its own follows go with it
    duplicate.delete()
