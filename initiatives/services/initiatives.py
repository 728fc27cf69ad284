"""Everything that changes initiatives and partnerships. Views, admin and commands all call these."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from uuid import UUID

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.mail import absolute_url
from agendastad.core.markdown import render_markdown
from agendastad.core.ratelimit import rate_limit_take
from agendastad.core.service_helpers import permission_require, unique_slug
from agendastad.notifications.delivery import localised_path, notify
from agendastad.notifications.models import NotificationKind
from agendastad.notifications.selectors import followers_of
from agendastad.notifications.services import follows_add
from regions.models import Membership, Organisation

from ..data import STORED_FIELDS, InitiativeData
from ..models import (
    ALLOWED_TRANSITIONS,
    INITIATIVE_HISTORY,
    SEARCH_CONFIG,
    START_REFUSED,
    STARTING_STATUSES,
    UNDERWAY_STATUSES,
    Comment,
    Hidden,
    Initiative,
    ModerationAction,
    Partnership,
    Report,
    ReportReason,
    SoughtPartner,
    Visibility,
)
from ..selectors import followers_of_places


class EditConflict(Exception):
    """Someone else saved the initiative after this edit began; nothing was overwritten."""


def _validate(initiative: Initiative, data: InitiativeData) -> None:
    errors: dict[str, list[str]] = {}
    if not list(data.themes):
        errors["themes"] = [_("Choose at least one theme.")]
    regions = {data.primary_region.pk, *(region.pk for region in data.regions)}
    outside = [m.name for m in data.municipalities if m.region_id not in regions]
    if outside:
        errors["municipalities"] = [
            _("%(names)s lie outside the chosen regions.") % {"names": ", ".join(sorted(outside))}
        ]
    if (
        data.contact_person is not None
        and not Membership.objects.active()
        .filter(user=data.contact_person, organisation=initiative.lead_organisation_id)
        .exists()
    ):
        errors["contact_person"] = [_("The contact person must be a member of the lead organisation.")]
    exclude = [] if initiative.slug else ["slug"]
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
        exclude.append("end_date")  # and so the database constraint's message, which names no field
    try:
        initiative.full_clean(exclude=exclude or None)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save_relations(initiative: Initiative, data: InitiativeData) -> None:
    initiative.themes.set(data.themes)
    initiative.regions.set([region for region in data.regions if region.pk != data.primary_region.pk])
    initiative.municipalities.set(data.municipalities)
    initiative.sought_partners.all().delete()
    SoughtPartner.objects.bulk_create(
        [SoughtPartner(initiative=initiative, helix=helix) for helix in sorted(set(data.sought_helices))]
        + [SoughtPartner(initiative=initiative, kind=kind) for kind in sorted(set(data.sought_kinds))]
    )


@contextmanager
def _one_version(initiative: Initiative, user: User, history_type: str) -> Iterator[None]:
    """Record a save and the relations set with it as one version: each changed relation would otherwise
    add a version of its own. `history_type` is "+" for a new initiative, "~" for an edit."""
    initiative.skip_history_when_saving = True
    try:
        yield
    finally:
        del initiative.skip_history_when_saving
    initiative._history_user = user
    INITIATIVE_HISTORY.create_historical_record(initiative, history_type)


def search_vectors_refresh(initiatives) -> None:
    """Recompute the stored full-text vectors (PostgreSQL only): title weighs most, then summary, then text."""
    if connection.vendor != "postgresql":
        return
    initiatives.update(
        search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def initiative_create(
    *, user: User, lead_organisation: Organisation, data: InitiativeData, submission_key: UUID | None = None
) -> Initiative:
    """Register an initiative led by `lead_organisation`; its lead partnership is created with it.

    `submission_key` (the form's one-time key) makes a retried POST harmless: when this person already created
    an initiative with the same title from that form, that one is answered and nothing is created or announced
    again. Another title with a used key (the form brought back by the back button) is a new initiative."""
    permission_require(user, "initiatives.register_initiative")
    permission_require(user, "initiatives.lead_initiative", lead_organisation)
    if data.status not in STARTING_STATUSES and not (
        data.status in UNDERWAY_STATUSES and user.has_perm("initiatives.start_underway", lead_organisation)
    ):
        raise ValidationError({"status": [START_REFUSED]})
    same_form = Initiative.objects.filter(created_by=user, submission_key=submission_key)
    if submission_key is not None:
        earlier = same_form.filter(title=data.title).first()
        if earlier is not None:
            return earlier
        if same_form.exists():
            submission_key = None
    initiative = Initiative(
        lead_organisation=lead_organisation,
        created_by=user,
        submission_key=submission_key,
        **{name: getattr(data, name) for name in STORED_FIELDS},
    )
    _validate(initiative, data)
    initiative.description_html = render_markdown(initiative.description)
    try:
        return _initiative_save_new(initiative, user, lead_organisation, data)
    except IntegrityError:  # the same POST twice at the same moment: the other one created it
        earlier = same_form.filter(title=data.title).first() if submission_key is not None else None
        if earlier is None:
            raise
        return earlier


def _initiative_save_new(
    initiative: Initiative, user: User, lead_organisation: Organisation, data: InitiativeData
) -> Initiative:
    with transaction.atomic():
        initiative.slug = unique_slug(data.title, taken=Initiative.objects.all(), fallback="initiatief")
        with _one_version(initiative, user, "+"):
            initiative.save()
            _save_relations(initiative, data)
        Partnership.objects.create(
            initiative=initiative,
            organisation=lead_organisation,
            role=Partnership.Role.LEAD,
            state=Partnership.State.ACCEPTED,
            created_by=user,
            answered_at=timezone.now(),
            answered_by=user,
        )
        search_vectors_refresh(Initiative.objects.filter(pk=initiative.pk))
        follows_add(users=[user], target=initiative)
        if initiative.visibility == Visibility.PUBLIC:
            _announce(initiative, user)
    return initiative


def _announce(initiative: Initiative, user: User) -> None:
    """A new public initiative: tell whoever follows one of its regions or themes (each person once)."""
    notify(
        recipients=followers_of_places(initiative),
        kind=NotificationKind.NEW_INITIATIVE,
        template="initiative_published",
        actor=user,
        target=initiative,
        url=initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title, "summary": initiative.summary},
            "region": {"name": initiative.primary_region.name},
        },
    )


def initiative_update(*, initiative: Initiative, user: User, version: int, data: InitiativeData) -> Initiative:
    """Save an edit, unless someone else saved in the meantime: then EditConflict, and nothing changes.

    `version` is the version the person started editing from (a hidden field in the form).
    """
    permission_require(user, "initiatives.edit_initiative", initiative)
    with transaction.atomic():
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if current.version != version:
            raise EditConflict
        was_draft = current.visibility == Visibility.DRAFT
        if data.status != current.status and data.status not in ALLOWED_TRANSITIONS[current.status]:
            raise ValidationError({"status": [_("This status cannot follow the current one.")]})
        for name in STORED_FIELDS:
            setattr(current, name, getattr(data, name))
        _validate(current, data)
        current.description_html = render_markdown(current.description)
        current.version = version + 1  # the row is locked, so no one else raises it meanwhile
        current.updated_at = current.last_activity_at = timezone.now()
        with _one_version(current, user, "~"):
            current.save()
            _save_relations(current, data)
        search_vectors_refresh(Initiative.objects.filter(pk=current.pk))
        if was_draft and current.visibility == Visibility.PUBLIC:
            _announce(current, user)
    current.refresh_from_db()
    return current


def initiative_change_status(*, initiative: Initiative, user: User, status: str) -> Initiative:
    permission_require(user, "initiatives.edit_initiative", initiative)
    with transaction.atomic():
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if status not in ALLOWED_TRANSITIONS[current.status]:
            raise ValidationError(_("This status cannot follow the current one."))
        current.status = status
        current.version += 1  # a plain value, not F(): the version history copies it
        current.updated_at = current.last_activity_at = timezone.now()
        current._history_user = user
        current.save(update_fields=["status", "version", "updated_at", "last_activity_at"])
    initiative.refresh_from_db()
    return initiative


def initiative_archive(*, initiative: Initiative, user: User) -> Initiative:
    """Deleting archives: the initiative disappears from every list but stays, with its history."""
    permission_require(user, "initiatives.archive_initiative", initiative)
    initiative.archived_at = timezone.now()
    initiative._history_user = user
    with transaction.atomic():  # the change and its history row
        initiative.save(update_fields=["archived_at"])
    return initiative


def initiative_restore(*, initiative: Initiative, user: User) -> Initiative:
    permission_require(user, "initiatives.restore_initiative", initiative)
    initiative.archived_at = None
    initiative._history_user = user
    with transaction.atomic():
        initiative.save(update_fields=["archived_at"])
    return initiative


def _touch(initiative: Initiative) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=timezone.now())


def _partnership_open(
    *,
    initiative: Initiative,
    organisation: Organisation,
    role: str,
    user: User,
    note: str,
    state: str,
    told: Organisation,
) -> Partnership:
    """Create an invitation or a request and notify the admins who answer it (`told`)."""
    if role == Partnership.Role.LEAD:
        raise ValidationError({"role": [_("An initiative has one lead organisation.")]})
    if initiative.partnerships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This organisation already takes part or has been asked.")]})
    partnership = Partnership(
        initiative=initiative, organisation=organisation, role=role, state=state, note=note, created_by=user
    )
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        _touch(initiative)
        _notify_admins(told, partnership, user, template=f"partnership_{state}")
    return partnership


def _admins(organisation: Organisation):
    return User.objects.filter(memberships__in=organisation.memberships.admins())


def _notify_admins(
    organisation: Organisation, partnership: Partnership, user: User, *, template: str, **context
) -> None:
    initiative = partnership.initiative
    notify(
        recipients=_admins(organisation),
        kind=NotificationKind.PARTNERSHIP,
        template=template,
        actor=user,
        target=partnership,
        url=initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title, "lead_organisation": {"name": initiative.lead_organisation.name}},
            "organisation": {"name": partnership.organisation.name},
            **context,
        },
    )


def partnership_invite(
    *, initiative: Initiative, organisation: Organisation, role: str, user: User, note: str = ""
) -> Partnership:
    """The lead invites an organisation; that organisation's admins accept or decline."""
    permission_require(user, "initiatives.invite_partner", initiative)
    return _partnership_open(
        initiative=initiative,
        organisation=organisation,
        role=role,
        user=user,
        note=note,
        state=Partnership.State.INVITED,
        told=organisation,
    )


def partnership_request(
    *, initiative: Initiative, organisation: Organisation, role: str, user: User, note: str = ""
) -> Partnership:
    """An organisation's admin asks to join; the lead's admins accept or decline."""
    permission_require(user, "initiatives.request_partnership", initiative)
    if not Membership.objects.admins().filter(user=user, organisation=organisation).exists():
        raise PermissionDenied
    return _partnership_open(
        initiative=initiative,
        organisation=organisation,
        role=role,
        user=user,
        note=note,
        state=Partnership.State.REQUESTED,
        told=initiative.lead_organisation,
    )


def _answer(partnership: Partnership, user: User, *, accept: bool) -> Partnership:
    permission_require(user, "initiatives.answer_partnership", partnership)
    asked_by_lead = partnership.state == Partnership.State.INVITED
    partnership.state = Partnership.State.ACCEPTED if accept else Partnership.State.DECLINED
    partnership.answered_at = timezone.now()
    partnership.answered_by = user
    told = partnership.initiative.lead_organisation if asked_by_lead else partnership.organisation
    with transaction.atomic():
        partnership.save(update_fields=["state", "answered_at", "answered_by"])
        _touch(partnership.initiative)
        if accept:
            follows_add(users=_admins(partnership.organisation), target=partnership.initiative)
        _notify_admins(told, partnership, user, template="partnership_answered", accepted=accept)
    return partnership


def partnership_accept(*, partnership: Partnership, user: User) -> Partnership:
    return _answer(partnership, user, accept=True)


def partnership_decline(*, partnership: Partnership, user: User) -> Partnership:
    return _answer(partnership, user, accept=False)


# Merging duplicate organisations. It lives here rather than in regions because it moves the
# initiatives and partnerships too; regions' admin calls it.

_MEMBERSHIP_STRENGTH = {Membership.State.REQUESTED: 0, Membership.State.ACTIVE: 2}
_PARTNERSHIP_STRENGTH = {
    Partnership.State.DECLINED: 0,
    Partnership.State.INVITED: 1,
    Partnership.State.REQUESTED: 1,
    Partnership.State.ACCEPTED: 2,
}


def _membership_strength(membership: Membership) -> tuple[int, int, bool]:
    return (
        _MEMBERSHIP_STRENGTH[membership.state],
        membership.role == Membership.Role.ADMIN,
        membership.show_on_profile,
    )


def _partnership_strength(partnership: Partnership) -> tuple[bool, int]:
    return (partnership.role == Partnership.Role.LEAD, _PARTNERSHIP_STRENGTH[partnership.state])


def organisation_merge(*, kept: Organisation, duplicates: Iterable[Organisation], user: User) -> Organisation:
    """Merge `duplicates` into `kept`: their memberships, invitations, partnerships, led initiatives and the
    comments written on their behalf move to `kept`, and then they are deleted.

    Where a person or an initiative is linked to both, the stronger link stays (an active admin
    over a member or a request; lead, then accepted, over a pending or declined partnership). `kept`
    takes over what it lacks (website, description, KvK number, verification). Every initiative
    that changes lead gets a version recording who merged. All or nothing.
    """
    permission_require(user, "regions.merge_organisation", kept)
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != kept.pk]
    if not duplicates:
        raise ValidationError(_("Choose at least one other organisation to merge into this one."))
    with transaction.atomic():
        kept = Organisation.objects.select_for_update().get(pk=kept.pk)
        for duplicate in Organisation.objects.select_for_update().filter(pk__in=[d.pk for d in duplicates]):
            _merge_one(kept, duplicate, user)
        kept.full_clean()
        kept.save()
    return kept


def _merge_one(kept: Organisation, duplicate: Organisation, user: User) -> None:
    for name in ("website", "description", "kvk_number"):
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
    if kept.verified_at is None and duplicate.verified_at is not None:
        kept.verified_at, kept.verified_by = duplicate.verified_at, duplicate.verified_by

    memberships = {membership.user_id: membership for membership in kept.memberships.all()}
    for membership in duplicate.memberships.all():
        existing = memberships.get(membership.user_id)
        if existing is None:
            membership.organisation = kept
            membership.save(update_fields=["organisation"])
        elif _membership_strength(membership) > _membership_strength(existing):
            existing.delete()
            membership.organisation = kept
            membership.save(update_fields=["organisation"])
        else:
            membership.delete()

    open_addresses = {
        email.lower() for email in kept.invitations.filter(answered_at__isnull=True).values_list("email", flat=True)
    }
    for invitation in duplicate.invitations.all():
        if invitation.is_open and invitation.email.lower() in open_addresses:
            invitation.delete()  # the same person is invited to `kept` already
        else:
            invitation.organisation = kept
            invitation.save(update_fields=["organisation"])

    partnerships = {partnership.initiative_id: partnership for partnership in kept.partnerships.all()}
    for partnership in duplicate.partnerships.all():
        existing = partnerships.get(partnership.initiative_id)
        if existing is not None and _partnership_strength(existing) >= _partnership_strength(partnership):
            partnership.delete()
            continue
        if existing is not None:
            existing.delete()
        partnership.organisation = kept
        partnership.save(update_fields=["organisation"])

    Comment.objects.filter(organisation=duplicate).update(organisation=kept)

    for initiative in Initiative.objects.filter(lead_organisation=duplicate):
        initiative.lead_organisation = kept
        initiative.version += 1
        initiative.updated_at = timezone.now()
        initiative._history_user = user
        initiative._change_reason = f"Merged {duplicate.name} into {kept.name}"[:100]
        initiative.save(update_fields=["lead_organisation", "version", "updated_at"])
    duplicate.delete()


# Discussion: comments, closing and reopening it, and the mails it causes.


class RateLimited(ValidationError):
    """Too many comments or reports in too short a time; nothing was saved."""


def _rate_limit(user: User, scope: str) -> None:
    limit = settings.COMMENT_RATE_LIMIT if scope == "comment" else settings.REPORT_RATE_LIMIT
    if not rate_limit_take(scope=scope, key=user.pk, limit=limit):
        count, seconds = limit
        if scope == "comment":
            message = _("You can post at most %(count)d comments in %(minutes)d minutes. Please try again later.")
        else:
            message = _("You can send at most %(count)d reports in %(minutes)d minutes. Please try again later.")
        raise RateLimited(message % {"count": count, "minutes": seconds // 60}, code="rate_limited")


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
        _reports_handle(Report.objects.for_item(initiative=comment.initiative, comment=comment), user)
    if by_moderator:
        moderation_author_notify(action)
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


# Reports and moderation. An item is an initiative (comment None) or one of its comments.


def _author_of(initiative: Initiative, comment: Comment | None):
    return comment.author if comment is not None else initiative.created_by


def _reports_handle(reports, user: User) -> None:
    reports.open().update(handled_at=timezone.now(), handled_by=user)


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
        _reports_handle(Report.objects.for_item(initiative=initiative, comment=comment), user)
    moderation_author_notify(action)
    return action


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
    """The decision on an item's moderation page (`/…/modereren/`): `hide`, `restore` or, for a comment,
    `remove`, each through its service above (which checks the rule, logs it and tells the author why)."""
    if comment is None:
        decide = {"hide": initiative_hide, "restore": initiative_restore_from_moderation}.get(decision)
        item = {"initiative": initiative}
    else:
        decide = {"hide": comment_hide, "restore": comment_restore, "remove": comment_remove}.get(decision)
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
