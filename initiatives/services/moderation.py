"""Reports and moderation. An item is an initiative (comment None) or one of its comments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.mail import absolute_url
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.delivery import localised_path, notify
from agendastad.notifications.models import NotificationKind

from ..models import Comment, Hidden, Initiative, ModerationAction, Report, ReportReason
from ._common import _rate_limit


def _author_of(initiative: Initiative, comment: Comment | None):
    return comment.author if comment is not None else initiative.created_by


def _reports_handle(reports, user: User, *, outcome: str) -> None:
    """Close the item's open reports and tell each reporter the outcome (after the commit, like every mail)."""
    closing = list(reports.open().select_related("initiative", "comment", "reporter"))
    Report.objects.filter(pk__in=[report.pk for report in closing]).update(handled_at=timezone.now(), handled_by=user)
    for report in closing:
        report_outcome_notify(report, outcome=outcome, decided_by=user)


def report_create(
    *, user: User, initiative: Initiative, reason: str, text: str = "", comment: Comment | None = None
) -> Report:
    """Report an initiative or comment, once per person. At REPORT_HIDE_THRESHOLD open reports by different
    people whose reports carry weight (`ReportQuerySet.carrying_weight`) the item is hidden until a moderator or
    the region's coordinator decides; below that it waits in the moderation queue."""
    if comment is not None:
        permission_require(user, "initiatives.report_comment", comment)
        initiative = comment.initiative
    else:
        permission_require(user, "initiatives.report_initiative", initiative)
    report = Report(initiative=initiative, comment=comment, reporter=user, reason=reason, text=text.strip())
    if reason == ReportReason.OTHER and not report.text:
        raise ValidationError({"text": [_("Explain what is wrong when you choose “Something else”.")]})
    already = _("You have already reported this. A moderator will look at it.")
    if Report.objects.for_item(initiative=initiative, comment=comment).filter(reporter=user).exists():
        raise ValidationError(already, code="already_reported")
    report.full_clean(validate_constraints=False)
    _rate_limit(user, "report")
    try:
        with transaction.atomic():
            report.save()
            _hide_when_reported_enough(initiative, comment)
    except IntegrityError as error:  # the same person reporting twice at the same moment
        raise ValidationError(already, code="already_reported") from error
    return report


def _hide_when_reported_enough(initiative: Initiative, comment: Comment | None) -> None:
    item = comment if comment is not None else initiative
    model = Comment if comment is not None else Initiative
    weighty = Report.objects.for_item(initiative=initiative, comment=comment).open().carrying_weight()
    reporters = weighty.values("reporter").distinct().count()
    if reporters < settings.REPORT_HIDE_THRESHOLD:
        return  # it waits in the moderation queue with its open reports
    if model.objects.filter(pk=item.pk, hidden=Hidden.NO).update(hidden=Hidden.PENDING):
        item.hidden = Hidden.PENDING
        action = ModerationAction.objects.create(
            initiative=initiative,
            comment=comment,
            action=ModerationAction.Action.AUTO_HIDE,
            reason=_("Reported by %(count)d people.") % {"count": reporters},
        )
        moderation_author_notify(action)


def _moderate(
    *, initiative: Initiative, comment: Comment | None, user: User, reason: str, hide: bool
) -> ModerationAction:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give a reason: the author is told.")]})
    item = comment if comment is not None else initiative
    action = ModerationAction(
        initiative=initiative,
        comment=comment,
        action=ModerationAction.Action.HIDE if hide else ModerationAction.Action.RESTORE,
        actor=user,
        reason=reason.strip(),
    )
    action.full_clean(validate_constraints=False)
    with transaction.atomic():
        item.hidden = Hidden.HIDDEN if hide else Hidden.NO
        type(item).objects.filter(pk=item.pk).update(hidden=item.hidden)
        action.save()
        outcome = ReportOutcome.HIDDEN if hide else ReportOutcome.KEPT
        _reports_handle(Report.objects.for_item(initiative=initiative, comment=comment), user, outcome=outcome)
    moderation_author_notify(action)
    return action


def _dismiss(*, initiative: Initiative, comment: Comment | None, user: User, reason: str) -> ModerationAction:
    """No action: the item stays visible and its open reports are closed. The reason is a note for the log (the
    author, who was never told of the reports, is not told either); the reporters hear the outcome."""
    item = comment if comment is not None else initiative
    if item.is_hidden:
        raise ValidationError(_("This item is hidden: restore it to show it again."))
    reports = Report.objects.for_item(initiative=initiative, comment=comment)
    if not reports.open().exists():
        raise ValidationError(_("There are no open reports to close."))
    action = ModerationAction(
        initiative=initiative,
        comment=comment,
        action=ModerationAction.Action.DISMISS,
        actor=user,
        reason=reason.strip(),
    )
    action.full_clean(validate_constraints=False)
    with transaction.atomic():
        action.save()
        _reports_handle(reports, user, outcome=ReportOutcome.KEPT)
    return action


def comment_dismiss_reports(*, comment: Comment, user: User, reason: str = "") -> ModerationAction:
    """Keep a reported comment visible and close its open reports (a moderator or the region's coordinator)."""
    permission_require(user, "initiatives.moderate_comment", comment)
    return _dismiss(initiative=comment.initiative, comment=comment, user=user, reason=reason)


def initiative_dismiss_reports(*, initiative: Initiative, user: User, reason: str = "") -> ModerationAction:
    """Keep a reported initiative visible and close its open reports (a moderator or the region's coordinator)."""
    permission_require(user, "initiatives.moderate_initiative", initiative)
    return _dismiss(initiative=initiative, comment=None, user=user, reason=reason)


def comment_remove(*, comment: Comment, user: User, reason: str = "") -> Comment:
    """Remove a comment (its author, or a moderator): the thread keeps a placeholder, so replies keep their
    context. A moderator's removal is logged with its reason and the author is told."""
    permission_require(user, "initiatives.remove_comment", comment)
    by_moderator = comment.author_id != user.pk
    if by_moderator and not reason.strip():
        raise ValidationError({"reason": [_("Tell the author why the comment is removed.")]})
    action = ModerationAction(
        initiative=comment.initiative,
        comment=comment,
        action=ModerationAction.Action.REMOVE,
        actor=user,
        reason=reason.strip(),
    )
    action.full_clean(validate_constraints=False)
    with transaction.atomic():
        comment.removed_at = timezone.now()
        comment.removed_by = user
        comment.save(update_fields=["removed_at", "removed_by"])
        action.save()
        reports = Report.objects.for_item(initiative=comment.initiative, comment=comment)
        _reports_handle(reports, user, outcome=ReportOutcome.REMOVED)
    if by_moderator:
        moderation_author_notify(action)
    return comment


def comment_hide(*, comment: Comment, user: User, reason: str) -> ModerationAction:
    """A moderator or the region's coordinator hides a comment; the author is told why and may appeal once."""
    permission_require(user, "initiatives.moderate_comment", comment)
    return _moderate(initiative=comment.initiative, comment=comment, user=user, reason=reason, hide=True)


def comment_restore(*, comment: Comment, user: User, reason: str) -> ModerationAction:
    """Show a hidden comment again; its open reports are marked handled (they stay in the log)."""
    permission_require(user, "initiatives.moderate_comment", comment)
    if not comment.is_hidden:
        raise ValidationError(_("This comment is not hidden."))
    return _moderate(initiative=comment.initiative, comment=comment, user=user, reason=reason, hide=False)


def initiative_hide(*, initiative: Initiative, user: User, reason: str) -> ModerationAction:
    """Hide an initiative from everyone but moderators and its region's coordinators, like an archived one."""
    permission_require(user, "initiatives.moderate_initiative", initiative)
    return _moderate(initiative=initiative, comment=None, user=user, reason=reason, hide=True)


def initiative_restore_from_moderation(*, initiative: Initiative, user: User, reason: str) -> ModerationAction:
    permission_require(user, "initiatives.moderate_initiative", initiative)
    if not initiative.is_hidden:
        raise ValidationError(_("This initiative is not hidden."))
    return _moderate(initiative=initiative, comment=None, user=user, reason=reason, hide=False)


def moderation_decide(
    *, user, initiative: Initiative, comment: Comment | None = None, decision: str, reason: str
) -> ModerationAction | Comment:
    """The decision on an item's moderation page (`/…/modereren/`): `hide`, `restore`, `dismiss` (no action: keep
    it visible and close its reports) or, for a comment, `remove`, each through its service above (which checks
    the rule, logs it and tells the author and the reporters what was decided)."""
    if comment is None:
        decide = {
            "hide": initiative_hide,
            "restore": initiative_restore_from_moderation,
            "dismiss": initiative_dismiss_reports,
        }.get(decision)
        item = {"initiative": initiative}
    else:
        decide = {
            "hide": comment_hide,
            "restore": comment_restore,
            "dismiss": comment_dismiss_reports,
            "remove": comment_remove,
        }.get(decision)
        item = {"comment": comment}
    if decide is None:
        raise ValidationError({"decision": [_("Choose one of the decisions offered.")]})
    return decide(**item, user=user, reason=reason)


def moderation_author_notify(action: ModerationAction) -> None:
    """Tell the author of the moderated initiative or comment what was decided and why, with a link to
    answer, as their notification preferences ask."""
    author = _author_of(action.initiative, action.comment)
    if author is None:
        return
    if action.comment is not None:
        appeal_path = reverse("initiatives:comment_appeal", args=[action.initiative.slug, action.comment.pk])
    else:
        appeal_path = reverse("initiatives:appeal", args=[action.initiative.slug])
    notify(
        recipients=[author],
        kind=NotificationKind.MODERATION,
        template="moderation_decision",
        actor=action.actor,
        target=action,
        url=action.initiative.get_absolute_url(),
        context={
            "action": {"action": action.action, "reason": action.reason},
            "initiative": {"title": action.initiative.title},
            "comment": action.comment is not None,
            "hidden": action.action != ModerationAction.Action.RESTORE,
            "appeal_url": absolute_url(localised_path(appeal_path, author.language)),
        },
    )


class ReportOutcome:
    """What became of the item a person reported, as the reporter is told."""

    HIDDEN = "hidden"
    REMOVED = "removed"
    KEPT = "kept"


def report_outcome_notify(report: Report, *, outcome: str, decided_by: User) -> None:
    """Tell the reporter what became of what they reported: hidden, removed, or kept visible. Never who else
    reported it, who decided, or the reason the author was given (it may name what the author wrote)."""
    if report.reporter_id == decided_by.pk:
        return
    initiative, comment = report.initiative, report.comment
    notify(
        recipients=[report.reporter],
        kind=NotificationKind.REPORT_OUTCOME,
        template="report_outcome",
        actor=None,
        target=report,
        url=comment.get_absolute_url() if comment is not None else initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title},
            "comment": comment is not None,
            "outcome": outcome,
            "reported_at": report.created_at.date().isoformat(),
        },
    )


def moderation_appeal(
    *, user: User, initiative: Initiative, text: str, comment: Comment | None = None
) -> ModerationAction:
    """The author answers the hiding of their initiative or comment, once; moderators see the answer."""
    if comment is not None:
        permission_require(user, "initiatives.appeal_comment", comment)
        initiative = comment.initiative
    else:
        permission_require(user, "initiatives.appeal_initiative", initiative)
    if not text.strip():
        raise ValidationError({"text": [_("Write your answer.")]})
    already = _("You have already answered. A moderator will look at your answer.")
    appeals = ModerationAction.objects.filter(initiative=initiative, action=ModerationAction.Action.APPEAL)
    appeals = appeals.filter(comment=comment) if comment is not None else appeals.filter(comment__isnull=True)
    if appeals.exists():
        raise ValidationError(already, code="already_appealed")
    action = ModerationAction(
        initiative=initiative,
        comment=comment,
        action=ModerationAction.Action.APPEAL,
        actor=user,
        reason=text.strip(),
    )
    action.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            action.save()
    except IntegrityError as error:
        raise ValidationError(already, code="already_appealed") from error
    return action
