"""Writes on people's accounts that allauth does not cover."""

from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agendastad.core.mail import mail_send_transactional
from agendastad.core.service_helpers import permission_require

from .models import User

REACTIVATION_DAYS = 30


def account_log(*, person: User, actor: User, message: str) -> None:
    """A step in the person's history in the admin panel, in the default language (`message` marked with
    gettext_noop)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = _(message)
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[person], action_flag=CHANGE, change_message=text, single_object=True
    )


def user_deactivate(*, user: User) -> User:
    """The person asked to delete their account: deactivate it and confirm by mail in their language.

    Nothing is removed yet. For REACTIVATION_DAYS days a moderator can reactivate the account in
    the admin panel (People, action "Reactivate"); the request shows in the person's history
    there with its date.
    """
    if not user.is_active:
        raise ValidationError(_("This account has already been deactivated."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        account_log(
            person=user,
            actor=user,
            message=gettext_noop("Deactivated at their own request (account deletion request)."),
        )
        mail_send_transactional(
            to=user.email,
            language=user.language,
            template="account_deactivated",
            context={"user": user, "days": REACTIVATION_DAYS},
        )
    return user


def user_reactivate(*, person: User, user: User) -> User:
    """`person` asked to delete their account and changed their mind: a moderator lets them in again. A suspended
    person is let in by lifting the suspension instead, and staff accounts are for superusers."""
    permission_require(user, "agendastad.reactivate_account", person)
    if person.is_active:
        raise ValidationError(_("%(person)s is active already.") % {"person": person})
    with transaction.atomic():
        person.is_active = True
        person.save(update_fields=["is_active"])
        account_log(
            person=person,
            actor=user,
            message=gettext_noop("Reactivated: they changed their mind about deleting the account."),
        )
    return person


def user_session_end(*, user: User, session: UserSession) -> None:
    """Sign out one of the person's own sessions (a browser or device in the list of sessions): the session is
    deleted from the session store, so that browser is signed out at its next request."""
    permission_require(user, "agendastad.end_session", session)
    get_usersessions_adapter().end_sessions([session])
