from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Follow, Notification, NotificationPreference, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    actions = ["suspend"]

    @admin.action(description=_("Suspend the selected people"))
    def suspend(self, request, queryset):
        """Step one asks for the reason the people are told; step two suspends each of them."""
        from regions.services import person_suspend  # regions builds on the user model, not the other way

        form = SuspendForm(request.POST if request.POST.get("post") == "yes" else None)
        if form.is_valid():
            suspended = 0
            for person in queryset:
                try:
                    person_suspend(person=person, user=request.user, reason=form.cleaned_data["reason"])
                except PermissionDenied:
                    self.message_user(
                        request, _("%(person)s cannot be suspended by you.") % {"person": person}, messages.ERROR
                    )
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    suspended += 1
            if suspended:
                self.message_user(
                    request,
                    ngettext("%(count)d person suspended.", "%(count)d people suspended.", suspended)
                    % {"count": suspended},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Suspend people"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/agendastad/user/suspend.html", context)


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The people are told this reason by mail, in their language."),
    )


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "region", "theme", "created_at"]
    list_select_related = ["user", "initiative", "region", "theme"]
    list_filter = ["region", "theme"]
    search_fields = ["user__email", "user__display_name", "initiative__title"]
    raw_id_fields = ["user", "initiative"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """To look into what someone was told and whether the mail went out; notify() creates them."""

    list_display = ["recipient", "kind", "template", "delivery", "created_at", "read_at", "mailed_at", "mail_attempts"]
    list_select_related = ["recipient"]
    list_filter = [
        "kind",
        "delivery",
        ("mailed_at", admin.EmptyFieldListFilter),
        ("read_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["recipient__email", "recipient__display_name", "event"]
    raw_id_fields = ["recipient", "actor"]
    readonly_fields = ["target_type", "target_id", "event", "created_at"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency"]
    list_select_related = ["user"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]
