"""Progress updates on an initiative's timeline: posting, correcting, deleting and hiding them, and telling the
initiative's followers."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind
from regions.models import Membership, Organisation

from ..models import Initiative, ProgressUpdate
from ..predicates import partner_organisations
from ._common import _followers_who_see, _rate_limit, _touch


def progress_organisations(*, user: User, initiative: Initiative) -> list[Organisation]:
    """The organisations this person may post an update for: those they are an active member of that lead the
    initiative or take part in it as accepted partners, the lead first."""
    if not user.is_authenticated:
        return []
    mine = Membership.objects.active().filter(user=user).values("organisation")
    organisations = partner_organisations(initiative).filter(pk__in=mine)
    return sorted(
        organisations, key=lambda organisation: (organisation.pk != initiative.lead_organisation_id, organisation.name)
    )


def _clean(update: ProgressUpdate) -> None:
    update.text = update.text.strip()
    update.link = update.link.strip()
    update.full_clean(exclude=["initiative", "author", "organisation"], validate_constraints=False)


def progress_post(
    *,
    initiative: Initiative,
    user: User,
    organisation: Organisation,
    text: str,
    link: str = "",
    submission_key: UUID | None = None,
) -> ProgressUpdate:
    """Post a progress update for `organisation` (the lead or an accepted partner this person is a member of). It
    counts as activity of the initiative, and its followers hear of it as their preference for "progress of
    initiatives I follow" asks. A retried POST (same form key and text) answers the update already posted."""
    permission_require(user, "initiatives.post_progress", initiative)
    if organisation not in progress_organisations(user=user, initiative=initiative):
        raise ValidationError(
            {"organisation": [_("Post on behalf of an organisation of yours that takes part in this initiative.")]}
        )
    update = ProgressUpdate(
        initiative=initiative,
        author=user,
        organisation=organisation,
        text=text,
        link=link,
        submission_key=submission_key,
    )
    _clean(update)
    if submission_key is not None:
        earlier = _update_of_submission(update)
        if earlier is not None:
            return earlier
        if ProgressUpdate.objects.filter(author=user, submission_key=submission_key).exists():
            update.submission_key = None
    _rate_limit(user, "progress")
    try:
        with transaction.atomic():
            update.save()
            _touch(initiative)
            progress_posted_notify(update)
    except IntegrityError:  # the same POST twice at the same moment: the other one saved it
        earlier = _update_of_submission(update)
        if earlier is None:
            raise
        return earlier
    return update


def _update_of_submission(update: ProgressUpdate) -> ProgressUpdate | None:
    return ProgressUpdate.objects.filter(
        initiative=update.initiative, author=update.author, submission_key=update.submission_key, text=update.text
    ).first()


def progress_posted_notify(update: ProgressUpdate) -> None:
    """Tell the initiative's followers who may see it (never the author)."""
    initiative = update.initiative
    notify(
        recipients=_followers_who_see(initiative),
        kind=NotificationKind.FOLLOWED_PROGRESS,
        template="progress_posted",
        actor=update.author,
        target=update,
        url=update.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title},
            "organisation": {"name": update.organisation.name if update.organisation else ""},
            "update": {"text": update.text, "link": update.link},
        },
    )


def progress_edit(*, update: ProgressUpdate, user: User, text: str, link: str = "") -> ProgressUpdate:
    """The author corrects their update; the timeline marks it as edited. Followers are not told again."""
    permission_require(user, "initiatives.edit_progress", update)
    update.text, update.link = text, link
    _clean(update)
    update.edited_at = timezone.now()
    update.save(update_fields=["text", "link", "edited_at"])
    return update


def progress_delete(*, update: ProgressUpdate, user: User) -> None:
    """The author takes their update off the timeline for good."""
    permission_require(user, "initiatives.delete_progress", update)
    update.delete()


def progress_hide(*, update: ProgressUpdate, user: User, reason: str) -> ProgressUpdate:
    """A moderator or the region's coordinator hides an update from the timeline; the author is told why."""
    permission_require(user, "initiatives.moderate_progress", update)
    if update.is_hidden:
        raise ValidationError(_("This progress update is already hidden."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give a reason: the author is told.")]})
    update.hidden_at, update.hidden_by, update.hidden_reason = timezone.now(), user, reason.strip()
    update.full_clean(exclude=["initiative", "author", "organisation"], validate_constraints=False)
    update.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _author_notify(update, user, hidden=True)
    return update


def progress_restore(*, update: ProgressUpdate, user: User, reason: str) -> ProgressUpdate:
    """Show a hidden update again; the author is told."""
    permission_require(user, "initiatives.moderate_progress", update)
    if not update.is_hidden:
        raise ValidationError(_("This progress update is not hidden."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give a reason: the author is told.")]})
    update.hidden_at, update.hidden_by, update.hidden_reason = None, None, ""
    update.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _author_notify(update, user, hidden=False, reason=reason.strip())
    return update


def _author_notify(update: ProgressUpdate, user: User, *, hidden: bool, reason: str = "") -> None:
    if update.author is None:
        return
    notify(
        recipients=[update.author],
        kind=NotificationKind.MODERATION,
        template="progress_moderated",
        actor=user,
        target=update,
        url=update.initiative.get_absolute_url(),
        context={
            "initiative": {"title": update.initiative.title},
            "hidden": hidden,
            "reason": update.hidden_reason if hidden else reason,
        },
        event=f"progress_moderated:{update.pk}:{timezone.now().isoformat()}",
    )
