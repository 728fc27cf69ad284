"""Who someone is in relation to a notification or something they can follow. Combined in rules.py."""

import rules

from .followables import FOLLOWABLES


@rules.predicate
def may_see_target(user, target) -> bool:
    """What registered itself as followable, as far as its own view rule lets this person see it (an initiative's
    draft, an archived one); regions and themes are public."""
    if target is None:
        return False
    for followable in FOLLOWABLES.values():
        if isinstance(target, followable.model):
            return followable.view_permission is None or user.has_perm(followable.view_permission, target)
    return False


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and user.is_authenticated and notification.recipient_id == user.pk
