"""The admin panel at /beheer/: signing in goes through allauth, and staff need two-factor authentication."""

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .models import passed_second_factor
from .second_factor import has_authenticator_app
from .text import validate_visible_text


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
        from initiatives.selectors import moderation_queue  # the admin site sits above the apps

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


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The people concerned are told this reason, in their language."),
    )


def action_with_reason(
    model_admin: admin.ModelAdmin,
    request,
    queryset,
    *,
    title: str,
    explanation: str,
    apply: Callable[[Any, str], object],
    done: Callable[[int], str],
):
    """An admin action that asks for the reason first (a page of its own), then calls `apply(item, reason)`,
    a service, for each selected item. What a service refuses is reported per item; nothing else changes."""
    form = ReasonForm(request.POST if request.POST.get("post") == "yes" else None)
    if not form.is_valid():
        context = {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "explanation": explanation,
            "opts": model_admin.model._meta,
            "queryset": queryset,
            "form": form,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/action_with_reason.html", context)
    reason = form.cleaned_data["reason"]
    return apply_to_each(model_admin, request, queryset, apply=lambda item: apply(item, reason), done=done)


def apply_to_each(
    model_admin: admin.ModelAdmin, request, queryset, *, apply: Callable[[Any], object], done: Callable[[int], str]
) -> None:
    """Call `apply(item)`, a service, for each selected item. What it refuses is reported per item; then how many
    it did."""
    succeeded = 0
    for item in queryset:
        try:
            apply(item)
        except PermissionDenied:
            model_admin.message_user(request, _("%(item)s: you may not do this.") % {"item": item}, messages.ERROR)
        except ValidationError as error:
            model_admin.message_user(request, f"{item}: {' '.join(error.messages)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        model_admin.message_user(request, done(succeeded), messages.SUCCESS)
    return None
