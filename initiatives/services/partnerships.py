"""Partnerships: invitations and requests to join an initiative, their answers, asking again and withdrawing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind
from agendastad.notifications.selectors import followers_of
from agendastad.notifications.services import follows_add
from regions.models import Membership, Organisation
from regions.selectors import organisation_coordinators, organisation_has_admin

from ..models import Initiative, Partnership
from ._common import _touch
from .matchmaking import sought_place_fill


def _partnership_open(
    *,
    initiative: Initiative,
    organisation: Organisation,
    role: str,
    user: User,
    note: str,
    state: str,
) -> Partnership:
    """Create an invitation or a request and tell whoever answers it."""
    if role == Partnership.Role.LEAD:
        raise ValidationError({"role": [_("An initiative has one lead organisation.")]})
    existing = initiative.partnerships.filter(organisation=organisation).first()
    if existing is not None and existing.state == Partnership.State.DECLINED:
        raise ValidationError({"organisation": [_declined_explanation(existing)]})
    if existing is not None:
        raise ValidationError({"organisation": [_("This organisation already takes part or has been asked.")]})
    partnership = Partnership(
        initiative=initiative,
        organisation=organisation,
        role=role,
        state=state,
        asked=state,
        note=note.strip(),
        created_by=user,
    )
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        _touch(initiative)
        _tell_answerers(partnership, user)
    return partnership


def _declined_explanation(partnership: Partnership) -> str:
    ask_again_from = partnership.ask_again_from
    if ask_again_from is None:
        return _("This organisation declined twice: it cannot be asked again.")
    return _(
        "This organisation declined on %(date)s. It can be asked once more, with a new note, from %(again)s: "
        "on the initiative's page under Partners."
    ) % {"date": date_format(partnership.declined_at or partnership.answered_at), "again": date_format(ask_again_from)}


def _admins(organisation: Organisation):
    return User.objects.filter(memberships__in=organisation.memberships.admins())


def answering_organisation(partnership: Partnership) -> Organisation:
    """An invitation is answered by the invited organisation, a request by the lead."""
    if partnership.asked_by_organisation:
        return partnership.initiative.lead_organisation
    return partnership.organisation


def _context(partnership: Partnership, **context) -> dict:
    initiative = partnership.initiative
    return {
        "initiative": {"title": initiative.title, "lead_organisation": {"name": initiative.lead_organisation.name}},
        "organisation": {"name": partnership.organisation.name},
        "note": partnership.note,
        "again": partnership.asked_again_at is not None,
        **context,
    }


def _tell_answerers(partnership: Partnership, user: User) -> None:
    """The admins of the answering organisation; for an invitation to an organisation without an admin, the
    coordinators of its region instead, who can invite someone to claim it."""
    answering = answering_organisation(partnership)
    event = f"partnership_{partnership.state}:{partnership.pk}:{'again' if partnership.asked_again_at else 'first'}"
    if organisation_has_admin(answering) or partnership.state == Partnership.State.REQUESTED:
        notify(
            recipients=_admins(answering),
            kind=NotificationKind.PARTNERSHIP,
            template=f"partnership_{partnership.state}",
            actor=user,
            target=partnership,
            url=partnership_answer_path(partnership),
            context=_context(partnership),
            event=event,
        )
        return
    notify(
        recipients=organisation_coordinators(answering),
        kind=NotificationKind.PARTNERSHIP,
        template="partnership_invited_unclaimed",
        actor=user,
        target=partnership,
        url=answering.get_absolute_url(),
        context=_context(partnership),
        event=f"{event}:unclaimed",
    )


def partnership_answer_path(partnership: Partnership) -> str:
    return reverse("initiatives:answer", kwargs={"slug": partnership.initiative.slug, "pk": partnership.pk})


def _notify_admins(
    organisation: Organisation, partnership: Partnership, user: User, *, template: str, **context
) -> None:
    notify(
        recipients=_admins(organisation),
        kind=NotificationKind.PARTNERSHIP,
        template=template,
        actor=user,
        target=partnership,
        url=partnership.initiative.get_absolute_url(),
        context=_context(partnership, **context),
        event=f"{template}:{partnership.pk}:{'again' if partnership.asked_again_at else 'first'}",
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
    )


def _answer(partnership: Partnership, user: User, *, accept: bool) -> Partnership:
    permission_require(user, "initiatives.answer_partnership", partnership)
    asked_by_lead = partnership.state == Partnership.State.INVITED
    partnership.state = Partnership.State.ACCEPTED if accept else Partnership.State.DECLINED
    partnership.answered_at = timezone.now()
    partnership.answered_by = user
    if not accept and partnership.declined_at is None:
        partnership.declined_at = partnership.answered_at
    told = partnership.initiative.lead_organisation if asked_by_lead else partnership.organisation
    with transaction.atomic():
        partnership.save(update_fields=["state", "answered_at", "answered_by", "declined_at"])
        _touch(partnership.initiative)
        if accept:
            follows_add(users=_admins(partnership.organisation), target=partnership.initiative)
            sought_place_fill(partnership=partnership)
            _notify_organisation_followers(partnership, user)
        _notify_admins(told, partnership, user, template="partnership_answered", accepted=accept)
    return partnership


def _notify_organisation_followers(partnership: Partnership, user: User) -> None:
    """Whoever follows the organisation hears that it joined an initiative, when everyone may see it."""
    initiative = partnership.initiative
    if not Initiative.objects.public().filter(pk=initiative.pk).exists():
        return
    notify(
        recipients=followers_of(partnership.organisation),
        kind=NotificationKind.ORGANISATION_PARTNERSHIP,
        template="organisation_joined",
        actor=user,
        target=partnership,
        url=initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title, "summary": initiative.summary},
            "organisation": {"name": partnership.organisation.name},
        },
    )


def partnership_accept(*, partnership: Partnership, user: User) -> Partnership:
    return _answer(partnership, user, accept=True)


def partnership_decline(*, partnership: Partnership, user: User) -> Partnership:
    return _answer(partnership, user, accept=False)


def partnership_ask_again(*, partnership: Partnership, user: User, note: str) -> Partnership:
    """After a decline, the side that asked asks once more, with a new note, once PARTNERSHIP_ASK_AGAIN_DAYS have
    passed; the same side answers as the first time."""
    permission_require(user, "initiatives.ask_partnership_again", partnership)
    note = note.strip()
    if not note:
        raise ValidationError({"note": [_("Say what has changed since the decline.")]})
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if partnership.ask_again_from is None or partnership.ask_again_from > timezone.now():
            raise ValidationError(_declined_explanation(partnership))
        partnership.state = partnership.asked
        partnership.note = note
        partnership.created_by = user
        partnership.asked_again_at = timezone.now()
        partnership.answered_at = None
        partnership.answered_by = None
        partnership.full_clean()
        partnership.save(update_fields=["state", "note", "created_by", "asked_again_at", "answered_at", "answered_by"])
        _touch(partnership.initiative)
        _tell_answerers(partnership, user)
    return partnership


def partnership_withdraw(*, partnership: Partnership, user: User) -> None:
    """The side that asked takes back an open invitation or request. A first ask disappears (it may be asked
    anew); a second one, after a decline, counts as used: the partnership stays declined."""
    permission_require(user, "initiatives.withdraw_partnership", partnership)
    with transaction.atomic():
        if partnership.asked_again_at is None:
            partnership.delete()
        else:
            partnership.state = Partnership.State.DECLINED
            partnership.answered_at = partnership.declined_at
            partnership.save(update_fields=["state", "answered_at"])
        _touch(partnership.initiative)
