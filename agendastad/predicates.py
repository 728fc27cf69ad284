"""Who someone is in relation to a notification or something they can follow. Combined in rules.py."""

import rules

from initiatives.models import Initiative


@rules.predicate
def may_see_target(user, target) -> bool:
    """Regions and themes are public; an initiative only to those who may view it (drafts, archived)."""
    if target is None:
        return False
    if isinstance(target, Initiative):
        return user.has_perm("initiatives.see_initiative", target)
    return True


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and user.is_authenticated and notification.recipient_id == user.pk


@rules.predicate
def is_staff_account(user, person) -> bool:
    """The account acted upon is staff or a superuser: moderators and administrators are changed by superusers."""
    return person is not None and (person.is_staff or person.is_superuser)
