"""Who someone is in relation to an agenda or a priority. Combined into permissions in rules.py, with the
predicates of the floors below (the lead of an initiative, an organisation's admins)."""

import rules

from initiatives.models import Initiative
from regions.models import RegionCoordinator

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
def is_initiative_active(user, initiative: Initiative | None) -> bool:
    """Neither archived nor hidden by moderation: what it serves is shown."""
    return initiative is not None and not initiative.is_archived and not initiative.is_hidden
