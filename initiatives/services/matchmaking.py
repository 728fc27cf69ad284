"""Active matchmaking: telling fitting organisations what an initiative seeks, and marking a sought place filled
when a partner of that helix or kind joins."""

from collections.abc import Iterable

from agendastad.accounts.models import User
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind

from ..models import Initiative, Partnership, SoughtPartner
from ..selectors import fitting_admins, seeks_in_the_open


def sought_partners_announce(
    *, initiative: Initiative, actor: User | None, places: Iterable[SoughtPartner] | None = None
) -> int:
    """Tell the fitting organisations' admins (`selectors.fitting_admins`) what the initiative seeks: the open
    `places` given (new ones), or all its open places. Nothing while it is a draft, hidden, archived, completed or
    stopped. Each person hears once per initiative and sought place, ever (the event names both: a place removed
    and sought again, or an initiative made public again, tells nobody twice), and once per call: whoever fits
    two new places hears of the first. Answers how many notifications are new. Call it inside the transaction."""
    if not seeks_in_the_open(initiative):
        return 0
    chosen = list(initiative.sought_partners.open() if places is None else places)
    told: set[int] = set()
    new = 0
    for place in chosen:
        if place.is_filled:
            continue
        recipients = [person for person in fitting_admins(initiative, place) if person.pk not in told]
        told.update(person.pk for person in recipients)
        new += notify(
            recipients=recipients,
            kind=NotificationKind.PARTNERS_SOUGHT,
            template="partners_sought",
            actor=actor,
            target=initiative,
            url=initiative.get_absolute_url(),
            context={
                "initiative": {"title": initiative.title, "summary": initiative.summary},
                "region": {"name": initiative.primary_region.name},
                "lead_organisation": {"name": initiative.lead_organisation.name},
                "sought": place.key,
                "note": initiative.sought_note,
            },
            event=f"partners_sought:{initiative.pk}:{place.key}",
        )
    return new


def sought_place_fill(*, partnership: Partnership) -> SoughtPartner | None:
    """An accepted partner that fits an open sought place fills it: a place for its kind of organisation before
    one for its whole helix, and one place per partner (a school that joins does not also fill "business"). The
    lead never fills a place: it was there when the place was sought. Call it inside the transaction."""
    if partnership.role == Partnership.Role.LEAD or partnership.state != Partnership.State.ACCEPTED:
        return None
    kind = partnership.organisation.kind
    places = [
        place
        for place in partnership.initiative.sought_partners.open().select_for_update().order_by("pk")
        if place.fits(kind)
    ]
    if not places:
        return None
    place = min(places, key=lambda place: 0 if place.kind else 1)
    place.filled_by = partnership
    place.save(update_fields=["filled_by"])
    return place
