"""Writes on what people follow and have read."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require

from .followables import followable_of
from .models import Follow, Notification

# Following


def follow_of(target) -> dict:
    """The lookup of Follow rows that point at `target`; TypeError for something that cannot be followed."""
    followable_of(target)
    return {"target_type": ContentType.objects.get_for_model(target), "target_id": target.pk}


def follow_create(*, user: User, target) -> Follow:
    """`user` follows an initiative, region or theme they may see. Following twice changes nothing."""
    permission_require(user, "agendastad.follow", target)
    follows_add(users=[user], target=target)
    return Follow.objects.get(user=user, **follow_of(target))


def follows_add(*, users: Iterable[User], target) -> None:
    """Automatic follows that another service decided on (creating an initiative, an accepted partnership):
    no permission check of its own. Whoever follows already keeps their one follow."""
    lookup = follow_of(target)
    Follow.objects.bulk_create([Follow(user=user, **lookup) for user in users], ignore_conflicts=True)


def follow_delete(*, user: User, target) -> None:
    """`user` stops following `target`; not following it is fine too."""
    permission_require(user, "agendastad.unfollow", target)
    Follow.objects.filter(user=user, **follow_of(target)).delete()


# Notifications on the site


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    permission_require(user, "agendastad.read_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    permission_require(user, "agendastad.view_notifications")
    return user.notifications.unread().update(read_at=timezone.now())
