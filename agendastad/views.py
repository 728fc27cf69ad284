from allauth.account.internal.flows.login import record_authentication
from allauth.decorators import rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from initiatives.models import Theme
from regions.selectors import person_overview, regions_with_counts, second_factor_state

from .forms import AccountDeleteForm
from .second_factor import SECOND_FACTOR
from .selectors import follows_of
from .services import REACTIVATION_DAYS, user_deactivate


def _second_factor_state(request):
    """A request refused before the authentication middleware ran (a NUL in its address) has no person yet."""
    return second_factor_state(getattr(request, "user", AnonymousUser()))


def permission_denied(request, exception=None):
    """403, explaining to a moderator or coordinator without the second factor how their rights start to count."""
    return render(request, "403.html", {"second_factor": _second_factor_state(request)}, status=403)


def page_not_found(request, exception=None):
    """404; a moderator or coordinator without the second factor is told that drafts and hidden items wait for it."""
    return render(request, "404.html", {"second_factor": _second_factor_state(request)}, status=404)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=Theme.objects.all(),
            regions=regions_with_counts(),
            **kwargs,
        )


class MineView(PermissionRequiredMixin, TemplateView):
    """A person's own overview: organisations and roles, what waits for them, their account."""

    permission_required = "regions.view_mine"
    template_name = "mine.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(**person_overview(user), follows=follows_of(user), **kwargs)


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
