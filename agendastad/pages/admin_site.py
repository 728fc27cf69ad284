"""The admin panel at /beheer/: signing in goes through allauth, and staff need two-factor authentication."""

from functools import update_wrapper

from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from agendastad.accounts.models import passed_second_factor
from agendastad.accounts.second_factor import has_authenticator_app
from initiatives.selectors import moderation_queue


class AgendaStadAdminSite(admin.AdminSite):
    """Only active staff in a session that passed the second factor get in, superusers included.

    Django's own login form is never shown: `secure_admin_login` sends anyone who is not signed in
    to allauth's login page (with its rate limits and two-factor step) and refuses non-staff.
    Staff without an authenticator app are sent to set one up, staff with one who have not used it in this
    session (they set it up in another) to enter a code from it. The first screen is the moderation queue.
    """

    site_header = "Agenda Stad"
    site_title = "Agenda Stad"

    index_template = "admin/agendastad_index.html"

    def index(self, request, extra_context=None):
        """The moderation queue comes first: what waits for a decision, oldest first."""
        return super().index(request, {"moderation_queue": moderation_queue(request.user), **(extra_context or {})})

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and passed_second_factor(request.user)

    def admin_view(self, view, cacheable=False):
        """A NUL byte in the query string (a filter, a search) cannot reach PostgreSQL: the page is asked again
        without it, the way Django answers a filter it cannot use (`?e=1`), instead of failing with a 500."""
        protected = super().admin_view(view, cacheable)

        def without_nul(request, *args, **kwargs):
            if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
                return redirect(f"{request.path}?{ERROR_FLAG}=1")
            return protected(request, *args, **kwargs)

        return update_wrapper(without_nul, protected)

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
        if not passed_second_factor(request.user):
            next_url = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return super().login(request, extra_context)
