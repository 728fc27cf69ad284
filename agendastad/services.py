"""Writes on people's accounts that allauth does not cover, and on what they follow and have read."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .mail import mail_send_transactional
from .models import Follow, Notification, User
from .service_helpers import permission_require

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


# Following

FOLLOW_FIELDS = {
    "initiatives.initiative": "initiative",
    "regions.labourmarketregion": "region",
    "initiatives.theme": "theme",
}
"""What can be followed, and the field of Follow that points at it."""


def follow_field(target) -> str:
    try:
        return FOLLOW_FIELDS[target._meta.label_lower]
    except (KeyError, AttributeError) as error:
        raise TypeError(f"{target!r} cannot be followed") from error


def follow_create(*, user: User, target) -> Follow:
    """`user` follows an initiative, region or theme they may see. Following twice changes nothing."""
    permission_require(user, "agendastad.follow", target)
    follows_add(users=[user], target=target)
    return Follow.objects.get(user=user, **{follow_field(target): target})


def follows_add(*, users: Iterable[User], target) -> None:
    """Automatic follows that another service decided on (creating an initiative, an accepted partnership):
    no permission check of its own. Whoever follows already keeps their one follow."""
    field = follow_field(target)
    Follow.objects.bulk_create([Follow(user=user, **{field: target}) for user in users], ignore_conflicts=True)


def follow_delete(*, user: User, target) -> None:
    """`user` stops following `target`; not following it is fine too."""
    permission_require(user, "agendastad.unfollow", target)
    Follow.objects.filter(user=user, **{follow_field(target): target}).delete()


# Notifications on the site


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    permission_require(user, "agendastad.read_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    permission_require(user, "agendastad.view_notifications")
    return user.notifications.unread().update(read_at=timezone.now())
