"""Reads about following and notifications, with their joins beside them."""

from django.db.models import Q, QuerySet

from initiatives.models import Initiative

from .models import DEFAULT_FREQUENCIES, Follow, Notification, User
from .services import follow_field


def is_following(user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{follow_field(target): target}).exists()


def follows_of(user: User) -> dict[str, list]:
    """What /mijn/ lists as followed: initiatives (only those the person may still see), regions and themes."""
    follows = (
        Follow.objects.filter(user=user)
        .filter(Q(initiative__isnull=True) | Q(initiative__in=Initiative.objects.visible_to(user)))
        .select_related("initiative", "region", "theme")
        .defer("initiative__search_vector", "region__boundary")
    )
    grouped: dict[str, list] = {"initiatives": [], "regions": [], "themes": []}
    for follow in follows:
        if follow.initiative_id:
            grouped["initiatives"].append(follow.initiative)
        elif follow.region_id:
            grouped["regions"].append(follow.region)
        else:
            grouped["themes"].append(follow.theme)
    for key, targets in grouped.items():
        targets.sort(key=lambda target: str(target.title if key == "initiatives" else target.name).lower())
    return grouped


def followers_of_places(initiative: Initiative):
    """The people who follow one of the initiative's regions or themes, each once."""
    regions = [initiative.primary_region_id, *initiative.regions.values_list("pk", flat=True)]
    themes = initiative.themes.values_list("pk", flat=True)
    following = Follow.objects.filter(Q(region__in=regions) | Q(theme__in=themes)).values("user")
    return User.objects.filter(is_active=True, pk__in=following)


def followers_of(target) -> QuerySet[User]:
    """The active people who follow this initiative, region or theme."""
    following = Follow.objects.filter(**{follow_field(target): target}).values("user")
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
