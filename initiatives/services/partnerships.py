"""Partnerships: invitations and requests to join an initiative, and their answers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind
from agendastad.notifications.selectors import followers_of
from agendastad.notifications.services import follows_add
from regions.models import Membership, Organisation

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
