"""The admin panel at /beheer/: signing in goes through allauth, and staff need two-factor authentication."""

from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class AgendaStadAdminSite(admin.AdminSite):
    """Only active staff with an activated authenticator app get in, superusers included.

    Django's own login form is never shown: `secure_admin_login` sends anyone who is not signed in
    to allauth's login page (with its rate limits and two-factor step) and refuses non-staff.
    Staff without an authenticator app are sent to set one up.
    """

    site_header = "Agenda Stad"
    site_title = "Agenda Stad"

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and has_authenticator_app(request.user)

    @method_decorator(secure_admin_login)
    def login(self, request, extra_context=None):
        if not has_authenticator_app(request.user):
            messages.warning(
                request,
                _(
                    "The admin panel requires two-factor authentication. Set up an authenticator app "
                    "first, then open the admin panel again."
                ),
            )
            return redirect("mfa_activate_totp")
        return super().login(request, extra_context)
