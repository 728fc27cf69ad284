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
    stopped. Each person hears of an initiative once, ever, of the first place that fits them (the event names the
    initiative: a place removed and sought again, a second place of their helix, or an initiative made public or
    restarted again tells nobody twice); an organisation of another helix hears when a place for it is added.
    Answers how many notifications are new. Call it inside the transaction."""
    if not seeks_in_the_open(initiative):
        return 0
    new = 0
    for place in list(initiative.sought_partners.open() if places is None else places):
        if place.is_filled:
            continue
        new += notify(
            recipients=fitting_admins(initiative, place),
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
            event=f"partners_sought:{initiative.pk}",
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
