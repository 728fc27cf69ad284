"""The account pages allauth does not have: the deletion request, and activating the authenticator app."""

from allauth.account.internal.flows.login import record_authentication
from allauth.decorators import rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.view_mixins import RequestSubjectMixin

from .forms import AccountDeleteForm
from .second_factor import SECOND_FACTOR
from .services import REACTIVATION_DAYS, user_deactivate, user_session_end


@method_decorator(login_required, name="dispatch")  # before the rate limit, which counts per person
@method_decorator(rate_limit(action="reauthenticate"), name="dispatch")
class UserDeactivateView(FormView):
    """The account deletion request: with their password a person deactivates their account and is signed out."""

    form_class = AccountDeleteForm
    template_name = "account/delete.html"
    extra_context = {"days": REACTIVATION_DAYS}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user_deactivate(user=self.request.user)
        logout(self.request)
        messages.success(
            self.request,
            _("Your account has been deactivated and you have been signed out. We have sent you a confirmation."),
        )
        return redirect("home")


class TOTPActivateView(ActivateTOTPView):
    """allauth's activation of the authenticator app, where the code that proves it works counts as the second
    factor for the rest of the session: a coordinator who sets it up can go on at once."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        authenticator = Authenticator.objects.get(user_id=user.pk, type=Authenticator.Type.TOTP)
        record_authentication(self.request, user, SECOND_FACTOR, id=authenticator.pk, type=authenticator.type)
        return response


class UserSessionEndView(PermissionRequiredMixin, RequestSubjectMixin, View):
    """Sign out one session from the list of sessions (POST). Someone else's session is not found (404), as if
    it did not exist; the current one signs the person out here too."""

    http_method_names = ["post"]
    permission_required = "agendastad.end_session"

    def get_queryset(self):
        """Only the person's own sessions; an anonymous visitor is sent to sign in first, as everywhere."""
        if not self.request.user.is_authenticated:
            return UserSession.objects.all()
        return UserSession.objects.filter(user_id=self.request.user.pk)

    def post(self, request, *args, **kwargs):
        current = self.object.session_key == request.session.session_key
        user_session_end(user=request.user, session=self.object)
        if current:
            logout(request)
            return redirect("home")
        messages.success(request, _("That session is signed out."))
        return redirect("usersessions_list")
