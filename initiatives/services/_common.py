"""Small helpers the service modules share."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.ratelimit import rate_limit_take
from agendastad.notifications.selectors import followers_of

from ..models import Initiative, Visibility


def _touch(initiative: Initiative) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=timezone.now())


class RateLimited(ValidationError):
    """Too many comments or reports in too short a time; nothing was saved."""


def _rate_limit(user: User, scope: str) -> None:
    limit = {"comment": settings.COMMENT_RATE_LIMIT, "progress": settings.PROGRESS_RATE_LIMIT}.get(
        scope, settings.REPORT_RATE_LIMIT
    )
    if not rate_limit_take(scope=scope, key=user.pk, limit=limit):
        count, seconds = limit
        if scope == "comment":
            message = _("You can post at most %(count)d comments in %(minutes)d minutes. Please try again later.")
        elif scope == "progress":
            message = _(
                "You can post at most %(count)d progress updates in %(minutes)d minutes. Please try again later."
            )
        else:
            message = _("You can send at most %(count)d reports in %(minutes)d minutes. Please try again later.")
        raise RateLimited(message % {"count": count, "minutes": seconds // 60}, code="rate_limited")


def _followers_who_see(initiative: Initiative) -> list[User]:
    """The initiative's followers who may see it: all of them when it is public, else those the rule lets in."""
    followers = list(followers_of(initiative))
    if initiative.visibility == Visibility.PUBLIC and not initiative.is_archived and not initiative.is_hidden:
        return followers
    return [person for person in followers if person.has_perm("initiatives.see_initiative", initiative)]
