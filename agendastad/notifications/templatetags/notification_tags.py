"""Following and notifications in templates: `{% load notification_tags %}`."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from ..delivery import notification_summary
from ..followables import followable_of
from ..models import Notification
from ..selectors import is_following, unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """Usage: {% unread_notification_count as unread %}; one COUNT for a signed-in person, none otherwise."""
    return unread_count(context["request"].user)


@register.inclusion_tag("components/follow_button.html", takes_context=True)
def follow_button(context, target) -> dict:
    """Usage: {% follow_button initiative %} (or a region or theme): follow or stop following, a login link for
    anonymous visitors, nothing for those who may not follow."""
    request = context["request"]
    user = request.user
    word = followable_of(target).word
    following = is_following(user, target)
    return {
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "word": word,
        "following": following,
        "can_follow": not following and user.has_perm("agendastad.follow", target),
        "anonymous": not user.is_authenticated,
        "follow_url": reverse("notifications:follow", args=[word, target.slug]),
        "unfollow_url": reverse("notifications:unfollow", args=[word, target.slug]),
    }


@register.filter
def summary(notification: Notification) -> str:
    """Usage: {{ notification|summary }}; what happened, in one line in the page's language."""
    return mark_safe(notification_summary(notification))  # the subject template escapes what it inserts
