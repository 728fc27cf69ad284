"""What a person who may not see an item hidden by moderation is shown instead of a bare 403 or 404.

`InitiativeSubjectMixin` raises `HiddenItemNotFound` (404: the initiative is out of sight, as a draft would be)
or `HiddenItemRefused` (403: an action on a hidden comment or initiative the person does see), and the project's
error handlers (`agendastad.pages.views`) render `initiatives/hidden_item.html` with `hidden_item_context`, which
says what happened and what the person can do, without the hidden text or the moderator's reason.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from .models import Comment, Hidden, Initiative, ModerationAction, Visibility


class HiddenItem(Exception):
    def __init__(self, initiative: Initiative, comment: Comment | None = None):
        super().__init__("hidden by moderation")
        self.initiative = initiative
        self.comment = comment


class HiddenItemNotFound(HiddenItem, Http404):
    """The initiative of the address is hidden by moderation from this person."""


class HiddenItemRefused(HiddenItem, PermissionDenied):
    """The action is refused because the comment or initiative it is about is hidden by moderation."""


def explains_hiding(initiative: Initiative) -> bool:
    """Whether a person who may not see the initiative is told it is hidden by moderation: only when it was
    public. A hidden draft or an archived initiative stays a plain 404, so nothing about it shows."""
    return initiative.is_hidden and initiative.visibility == Visibility.PUBLIC and not initiative.is_archived


def hidden_item_context(user, hidden: HiddenItem) -> dict:
    """The page's context: which item, whether a moderator still has to look (`pending`), and for its author the
    way to answer (once)."""
    initiative, comment = hidden.initiative, hidden.comment
    item = comment if comment is not None else initiative
    if comment is not None:
        may_appeal = user.has_perm("initiatives.appeal_comment", comment)
        appeal_url = reverse("initiatives:comment_appeal", args=[initiative.slug, comment.pk])
    else:
        may_appeal = user.has_perm("initiatives.appeal_initiative", initiative)
        appeal_url = reverse("initiatives:appeal", args=[initiative.slug])
    appealed = (
        may_appeal
        and ModerationAction.objects.filter(
            initiative=initiative, comment=comment, action=ModerationAction.Action.APPEAL
        ).exists()
    )
    return {
        "hidden_comment": comment is not None,
        "pending": item.hidden == Hidden.PENDING,
        "may_appeal": may_appeal,
        "appealed": appealed,
        "appeal_url": appeal_url,
        "initiative_url": initiative.get_absolute_url() if not initiative.is_hidden else "",
    }
