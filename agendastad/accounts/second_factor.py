"""Moderator and coordinator rights count only in a session that passed the second factor.

allauth records every authentication step of a session (`get_authentication_records`): "password" at sign-in,
"mfa" after a code from the authenticator app or a recovery code, at sign-in or when re-authenticating.
`SecondFactorMiddleware` turns that record into `User.second_factor_passed` on the request's person, and the
predicates (`agendastad/accounts/predicates.py: is_moderator`, `RegionCoordinator.objects.acting`) ask for it,
so `rules` stays the one authority and every view, template, service and the admin follow it.

- Activating the authenticator app proves a code from it, so it counts for the rest of that session
  (`agendastad.accounts.views.TOTPActivateView`).
- Removing the last authenticator app ends the rights in the sessions that passed it: the second factor is
  something the person has, not something they once showed.
- A person loaded without a request (a management command, the shell, the people a service reads from the
  database) has not passed it: code outside a request acts with the rights of an ordinary person.
- Superusers follow the same rule.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import auth
from django.utils.functional import SimpleLazyObject

SECOND_FACTOR = "mfa"
"""The method allauth records for a code from an authenticator app or a recovery code."""


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request, user) -> bool:
    """This session proved a second factor for `user`, who still has an authenticator app."""
    if not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    return any(record.get("method") == SECOND_FACTOR for record in records) and has_authenticator_app(user)


def _person_of(request):
    user = auth.get_user(request)
    if user.is_authenticated:
        user.second_factor_passed = session_passed_second_factor(request, user)
    return user


class SecondFactorMiddleware:
    """After AuthenticationMiddleware: the request's person carries whether this session passed the second factor.

    Read lazily, like Django's own `request.user`: a page that never asks who is signed in costs nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: _person_of(request))
        return self.get_response(request)
