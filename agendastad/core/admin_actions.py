"""Admin actions that call a service for each selected item, reporting what it refuses per item."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .text import validate_visible_text


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
