"""Reads about following and notifications, with their joins beside them."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from agendastad.accounts.models import User

from .followables import FOLLOWABLES
from .models import DEFAULT_FREQUENCIES, Follow, Notification
from .services import follow_of


def is_following(user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **follow_of(target)).exists()


def follows_of(user: User) -> dict[str, list]:
    """What /mijn/ lists as followed, per kind that registered itself (initiatives, regions, themes): only those
    the person may still see, in the order its registration gives."""
    followed = Follow.objects.filter(user=user)
    grouped: dict[str, list] = {}
    for followable in FOLLOWABLES.values():
        content_type = ContentType.objects.get_for_model(followable.model)
        ids = followed.filter(target_type=content_type).values("target_id")
        grouped[followable.group] = list(followable.visible_to(user).filter(pk__in=ids))
    return grouped


def followers_of_any(targets: Iterable[tuple[type[Model], Iterable[int]]]) -> QuerySet[User]:
    """The active people who follow one of these (model, ids) pairs, each once: say an initiative's regions and
    themes."""
    condition = Q(pk__in=[])
    for model, ids in targets:
        condition |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids)
    return User.objects.filter(is_active=True, pk__in=Follow.objects.filter(condition).values("user"))


def followers_of(target) -> QuerySet[User]:
    """The active people who follow this initiative, region or theme."""
    following = Follow.objects.filter(**follow_of(target)).values("user")
    return User.objects.filter(is_active=True, pk__in=following)


def notifications_of(user: User):
    """A person's own notifications, newest first, with who caused them."""
    return user.notifications.select_related("actor").order_by("-created_at", "-id")


def unread_count(user) -> int:
    """One COUNT on a partial index; no query at all for anonymous visitors."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def preferences_of(user: User) -> dict[str, str]:
    """kind → frequency for every kind: the person's choice, or the default."""
    return {**DEFAULT_FREQUENCIES, **dict(user.notification_preferences.values_list("kind", "frequency"))}
