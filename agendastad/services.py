"""Writes on people's accounts that allauth does not cover."""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .mail import mail_send
from .models import User

REACTIVATION_DAYS = 30


def user_deactivate(*, user: User) -> User:
    """The person asked to delete their account: deactivate it and confirm by mail in their language.

    Nothing is removed yet. For REACTIVATION_DAYS days a moderator can reactivate the account in
    the admin panel (People → the person → Active); the request shows in the person's history
    there with its date.
    """
    if not user.is_active:
        raise ValidationError(_("This account has already been deactivated."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        with translation.override(settings.LANGUAGE_CODE):
            message = _("Deactivated at their own request (account deletion request).")
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=[user], action_flag=CHANGE, change_message=message, single_object=True
        )
        mail_send(
            to=user.email,
            language=user.language,
            template="account_deactivated",
            context={"user": user, "days": REACTIVATION_DAYS},
        )
    return user
