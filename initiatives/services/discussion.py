"""Discussion: comments, closing and reopening it, and the mails it causes."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.markdown import render_markdown
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind
from agendastad.notifications.selectors import followers_of
from agendastad.notifications.services import follows_add
from regions.models import Membership, Organisation

from ..models import Comment, Initiative, Visibility
from ._common import _rate_limit, _touch


def comment_create(
    *,
    initiative: Initiative,
    user: User,
    text: str,
    kind: str,
    organisation: Organisation | None = None,
    parent: Comment | None = None,
    submission_key: UUID | None = None,
) -> Comment:
    """Post a comment, or a reply when `parent` is given. Replies go one level deep: a reply to a reply is
    attached to the comment that starts the thread. The writer follows the initiative from now on; the
    parent's author and the initiative's creator are told.

    `submission_key` (the form's one-time key) makes a retried POST harmless: when this person already posted
    the same text with that key, that comment is answered and nothing is saved, counted or mailed again. A
    different text with a used key (a form brought back by the browser's back button) is a new comment."""
    permission_require(user, "initiatives.post_comment", initiative)
    if parent is not None:
        if parent.initiative_id != initiative.pk:
            raise ValidationError({"parent": [_("You can only reply to a comment on this initiative.")]})
        if parent.parent_id is not None:
            parent = parent.parent
    if (
        organisation is not None
        and not Membership.objects.active().filter(user=user, organisation=organisation).exists()
    ):
        raise ValidationError(
            {"organisation": [_("You can only speak on behalf of an organisation you are a member of.")]}
        )
    comment = Comment(
        initiative=initiative,
        parent=parent,
        author=user,
        organisation=organisation,
        kind=kind,
        text=text.strip(),
        submission_key=submission_key,
    )
    comment.full_clean(validate_constraints=False)
    comment.text_html = render_markdown(comment.text)
    if submission_key is not None:
        earlier = _comment_of_submission(comment)
        if earlier is not None:
            return earlier
        if Comment.objects.filter(author=user, submission_key=submission_key).exists():
            comment.submission_key = None
    _rate_limit(user, "comment")
    try:
        with transaction.atomic():
            comment.save()
            _touch(initiative)
            follows_add(users=[user], target=initiative)
            comment_created_notify(comment)
    except IntegrityError:  # the same POST twice at the same moment: the other one saved it
        earlier = _comment_of_submission(comment)
        if earlier is None:
            raise
        return earlier
    return comment


def _comment_of_submission(comment: Comment) -> Comment | None:
    """The comment this author already posted with this form's key and the same text, if any."""
    return Comment.objects.filter(
        initiative=comment.initiative,
        author=comment.author,
        submission_key=comment.submission_key,
        text=comment.text,
    ).first()


def comment_created_notify(comment: Comment) -> None:
    """Tell the author of the comment replied to, the initiative's creator and its followers (each once, and
    never the writer themselves), each as their notification preferences ask: a reply and a comment on one's
    own initiative by default right away, a comment on an initiative one follows in the daily digest. All are
    counted per discussion (`thread`): while one is unread, the next comments add to it instead of a new one.
    Followers who may no longer see a draft are not told about it."""
    initiative = comment.initiative
    notice = {
        "actor": comment.author,
        "target": comment,
        "url": comment.get_absolute_url(),
        "context": {
            "comment": {"author": str(comment.author)},
            "initiative": {"title": initiative.title, "creator": initiative.created_by_id},
        },
        "thread": f"discussion:{initiative.pk}",
    }
    told: set[int] = set()
    parent = comment.parent
    if parent is not None and parent.author is not None and not parent.is_removed:
        told.add(parent.author_id)
        notify(recipients=[parent.author], kind=NotificationKind.COMMENT_REPLY, template="comment_reply", **notice)
    readers = [initiative.created_by] if initiative.created_by is not None else []
    readers += followers_of(initiative).exclude(pk=initiative.created_by_id)
    if initiative.visibility != Visibility.PUBLIC:
        readers = [reader for reader in readers if reader.has_perm("initiatives.see_initiative", initiative)]
    readers = [reader for reader in readers if reader.pk not in told]
    for kind, recipients in (
        (NotificationKind.INITIATIVE_COMMENT, [r for r in readers if r.pk == initiative.created_by_id]),
        (NotificationKind.FOLLOWED_COMMENT, [r for r in readers if r.pk != initiative.created_by_id]),
    ):
        if recipients:
            notify(recipients=recipients, kind=kind, template="comment_on_initiative", **notice)


def comment_update(*, comment: Comment, user: User, text: str, kind: str) -> Comment:
    """The author corrects a comment within COMMENT_EDIT_MINUTES; the page marks it as edited."""
    permission_require(user, "initiatives.edit_comment", comment)
    comment.text = text.strip()
    comment.kind = kind
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.text_html = render_markdown(comment.text)
    comment.save(update_fields=["text", "text_html", "kind", "edited_at"])
    return comment


def _discussion_set(initiative: Initiative, user: User, closed_at) -> Initiative:
    permission_require(user, "initiatives.close_discussion", initiative)
    Initiative.objects.filter(pk=initiative.pk).update(discussion_closed_at=closed_at)
    initiative.discussion_closed_at = closed_at
    return initiative


def initiative_discussion_close(*, initiative: Initiative, user: User) -> Initiative:
    """Nobody can post in a closed discussion; what was written stays."""
    return _discussion_set(initiative, user, timezone.now())


def initiative_discussion_reopen(*, initiative: Initiative, user: User) -> Initiative:
    return _discussion_set(initiative, user, None)
