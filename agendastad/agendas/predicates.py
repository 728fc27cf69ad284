"""Who someone is in relation to an agenda or a priority. Combined into permissions in rules.py."""

import rules

from initiatives.models import Initiative
from regions.models import Membership, RegionCoordinator

from .models import RegionAgenda


@rules.predicate
def is_agenda_region_coordinator(user, agenda: RegionAgenda | None) -> bool:
    """Coordinates the agenda's region, in a session that passed the second factor."""
    if agenda is None or not user.is_authenticated:
        return False
    return RegionCoordinator.objects.acting(user).filter(region_id=agenda.region_id).exists()


@rules.predicate
def is_agenda_published(user, agenda: RegionAgenda | None) -> bool:
    return agenda is not None and agenda.is_published


@rules.predicate
def is_admin_of_any_organisation(user) -> bool:
    return user.is_authenticated and Membership.objects.admins().filter(user=user).exists()


@rules.predicate
def acts_for_initiative_lead(user, initiative: Initiative | None) -> bool:
    """An active member of the initiative's lead organisation: who speaks for the initiative."""
    if initiative is None or not user.is_authenticated:
        return False
    return Membership.objects.active().filter(user=user, organisation_id=initiative.lead_organisation_id).exists()


@rules.predicate
def is_initiative_active(user, initiative: Initiative | None) -> bool:
    return initiative is not None and not initiative.is_archived and not initiative.is_hidden
