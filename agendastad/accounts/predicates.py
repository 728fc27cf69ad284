"""Who someone is as a person: signed in, verified, staff, a moderator. The apps above build on these."""

import rules
from allauth.account.models import EmailAddress

from .models import passed_second_factor
from .moderators import MODERATORS_GROUP


@rules.predicate
def is_verified_person(user) -> bool:
    """Signed in, active, and with a verified email address."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


@rules.predicate
def is_moderator(user) -> bool:
    """Staff in the Moderators group, in a session that passed the second factor. Superusers count too (on
    the same condition): they can do everything moderators do."""
    if not user.is_authenticated or not user.is_active or not user.is_staff or not passed_second_factor(user):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


@rules.predicate
def is_active_user(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def is_staff_account(user, person) -> bool:
    """The account acted upon is staff or a superuser: moderators and administrators are changed by superusers."""
    return person is not None and (person.is_staff or person.is_superuser)


@rules.predicate
def is_own_session(user, session) -> bool:
    """The signed-in session (allauth's `UserSession`) is this person's own."""
    return user.is_authenticated and session is not None and session.user_id == user.pk
