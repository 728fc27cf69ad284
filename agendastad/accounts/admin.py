from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agendastad.core.admin_actions import apply_to_each

from .models import User
from .services import user_reactivate

# What decides who someone is and what they may do: only superusers change these (agendastad.change_account_rights).
ACCOUNT_RIGHTS = ["email", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People. Superusers get Django's full form; anyone else (moderators read here and suspend) sees the rights,
    address and active flag read-only, no password, and cannot change staff accounts at all."""

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
    actions = ["reactivate"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.has_perm("agendastad.change_account_rights"):
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "password"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.has_perm("agendastad.change_account_rights"):
            return readonly
        return [*readonly, *ACCOUNT_RIGHTS]

    def has_add_permission(self, request) -> bool:
        """A new account comes with an address and a password."""
        return super().has_add_permission(request) and request.user.has_perm("agendastad.change_account_rights")

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and request.user.has_perm("agendastad.change_account", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and request.user.has_perm("agendastad.change_account", obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.has_perm("agendastad.change_account_rights"):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Reactivate the selected accounts (deactivated at their own request)"))
    def reactivate(self, request, queryset) -> None:
        return apply_to_each(
            self,
            request,
            queryset.filter(is_active=False),
            apply=lambda person: user_reactivate(person=person, user=request.user),
            done=lambda count: (
                ngettext("%(count)d account reactivated.", "%(count)d accounts reactivated.", count) % {"count": count}
            ),
        )
