from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agendastad.accounts.admin import UserAdmin
from agendastad.accounts.models import User
from agendastad.core.admin_actions import action_with_reason, apply_to_each

from . import services
from .models import (
    ContactMessage,
    Invitation,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    RegionAssignment,
    RegionCoordinator,
    Suspension,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never written here, superusers included: reference data comes from CBS through `load_regions`, and
    the other models' writes have rules and side effects (the last-admin guard, notifications) that only their
    services keep, called from this panel by admin actions."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LabourMarketRegion)
class LabourMarketRegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "classification_year", "retired_in"]
    list_filter = ["classification_year", "retired_in"]
    search_fields = ["code", "name"]
    exclude = ["boundary"]


class RegionAssignmentInline(admin.TabularInline):
    """The municipality's region in each CBS classification year loaded, newest first; written by `load_regions`
    only. Part of the municipality's reference data, so whoever may view the municipality sees them."""

    model = RegionAssignment
    extra = 0
    fields = ["year", "region"]
    readonly_fields = fields
    ordering = ["-year"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")

    def has_view_permission(self, request, obj=None) -> bool:
        return self.admin_site.get_model_admin(Municipality).has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "province", "region", "classification_year", "retired_in"]
    list_filter = ["province", "region", "classification_year", "retired_in"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]
    inlines = [RegionAssignmentInline]


class MembershipInline(admin.TabularInline):
    """Read-only beside its organisation: members change through the actions on Memberships."""

    model = Membership
    extra = 0
    fields = ["user", "role", "state", "show_on_profile", "approved_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "municipality", "region", "verified_at"]
    list_filter = ["kind", ("verified_at", admin.EmptyFieldListFilter), "country", "municipality__region"]
    list_select_related = ["municipality__region"]
    search_fields = ["name", "kvk_number", "municipality__name", "place"]
    readonly_fields = ["verified_at", "verified_by", "created_at"]
    raw_id_fields = ["municipality"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]
    actions = ["verify"]  # initiatives/admin.py adds "merge", which moves initiatives too

    def has_add_permission(self, request) -> bool:
        """Registering makes the person registering its first admin: that is the site's form."""
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        """Deleting would take its members, partnerships and initiatives with it: duplicates are merged."""
        return False

    @admin.display(description=_("region"), ordering="municipality__region__name")
    def region(self, organisation: Organisation) -> str:
        region = organisation.region
        return region.name if region else organisation.location

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset) -> None:
        verified = 0
        for organisation in queryset.filter(verified_at__isnull=True):
            try:
                services.organisation_verify(organisation=organisation, user=request.user)
            except PermissionDenied:
                continue
            verified += 1
        self.message_user(
            request,
            ngettext("%(count)d organisation verified.", "%(count)d organisations verified.", verified)
            % {"count": verified},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Each action calls the service the organisation's admins use on the site, so its rules hold here too: the
    last admin stays (under a lock on the organisation), nobody lets themselves in, whoever asked is told."""

    list_display = ["user", "organisation", "role", "state", "created_at"]
    list_filter = ["role", "state"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__display_name", "organisation__name"]
    actions = ["approve", "decline", "make_admin", "make_member", "remove"]

    def _apply(self, request, queryset, service, done: str) -> None:
        return apply_to_each(
            self,
            request,
            queryset.select_related("user", "organisation"),
            apply=lambda membership: service(membership=membership, user=request.user),
            done=lambda count: done % {"count": count},
        )

    @admin.action(description=_("Approve the selected requests to join"))
    def approve(self, request, queryset) -> None:
        return self._apply(request, queryset, services.membership_approve, _("%(count)d approved."))

    @admin.action(description=_("Decline the selected requests to join"))
    def decline(self, request, queryset) -> None:
        return self._apply(request, queryset, services.membership_decline, _("%(count)d declined."))

    @admin.action(description=_("Make the selected members admin"))
    def make_admin(self, request, queryset) -> None:
        def promote(*, membership: Membership, user) -> Membership:
            return services.membership_change_role(membership=membership, user=user, role=Membership.Role.ADMIN)

        return self._apply(request, queryset, promote, _("%(count)d made admin."))

    @admin.action(description=_("Make the selected admins plain members"))
    def make_member(self, request, queryset) -> None:
        def demote(*, membership: Membership, user) -> Membership:
            return services.membership_change_role(membership=membership, user=user, role=Membership.Role.MEMBER)

        return self._apply(request, queryset, demote, _("%(count)d made member."))

    @admin.action(description=_("Remove the selected members from their organisations"))
    def remove(self, request, queryset) -> None:
        return self._apply(request, queryset, services.membership_remove, _("%(count)d removed."))


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "claim", "created_at", "answered_at", "accepted"]
    list_filter = ["role", "claim", "accepted"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "claim",
        "invited_by",
        "created_at",
        "answered_at",
        "accepted",
    ]
    exclude = ["token"]


@admin.register(RegionCoordinator)
class RegionCoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "region", "appointed_by", "appointed_at"]
    list_filter = ["region"]
    list_select_related = ["user", "region", "appointed_by"]
    search_fields = ["user__email", "user__display_name", "region__name"]
    raw_id_fields = ["user"]
    readonly_fields = ["appointed_by", "appointed_at"]
    actions = ["dismiss"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Dismiss the selected coordinators"))
    def dismiss(self, request, queryset) -> None:
        return apply_to_each(
            self,
            request,
            queryset.select_related("user", "region"),
            apply=lambda coordinator: services.coordinator_dismiss(coordinator=coordinator, user=request.user),
            done=lambda count: _("%(count)d dismissed.") % {"count": count},
        )

    def has_add_permission(self, request) -> bool:
        """The model permission opens the form; the rule (which the service asks again for the person chosen)
        decides whether this person appoints at all."""
        return super().has_add_permission(request) and request.user.has_perm("regions.appoint_coordinator")

    def save_model(self, request, obj, form, change) -> None:
        """Adding is appointing, through the service (its rule refuses a moderator appointing themselves)."""
        appointed = services.coordinator_appoint(region=obj.region, person=obj.user, appointed_by=request.user)
        obj.pk, obj.appointed_by, obj.appointed_at = appointed.pk, appointed.appointed_by, appointed.appointed_at


class CurrentFilter(admin.SimpleListFilter):
    title = _("current")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current")), ("no", _("Lifted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.current()
        if self.value() == "no":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    """Suspensions are made with the action on People and lifted here; the rows stay as history."""

    list_display = ["person", "suspended_at", "suspended_by", "lifted_at", "lifted_by"]
    list_filter = [CurrentFilter]
    list_select_related = ["person", "suspended_by", "lifted_by"]
    search_fields = ["person__email", "person__display_name", "reason"]
    readonly_fields = ["person", "reason", "suspended_at", "suspended_by", "lifted_at", "lifted_by"]
    actions = ["lift"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Lift the selected suspensions"))
    def lift(self, request, queryset) -> None:
        lifted = 0
        for suspension in queryset.current().select_related("person"):
            try:
                services.suspension_lift(suspension=suspension, user=request.user)
            except PermissionDenied:
                continue
            lifted += 1
        self.message_user(
            request,
            ngettext("%(count)d suspension lifted.", "%(count)d suspensions lifted.", lifted) % {"count": lifted},
            messages.SUCCESS,
        )


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    """People, with the action only this app knows: suspending them."""

    actions = [*UserAdmin.actions, "suspend"]

    @admin.action(description=_("Suspend the selected people"))
    def suspend(self, request, queryset):
        return action_with_reason(
            self,
            request,
            queryset,
            title=_("Suspend people"),
            explanation=_(
                "Suspended people are signed out and cannot sign in, and what they wrote is hidden, until a "
                'moderator lifts the suspension (Suspensions, action "Lift"). They are told the reason by mail.'
            ),
            apply=lambda person, reason: services.person_suspend(person=person, user=request.user, reason=reason),
            done=lambda count: (
                ngettext("%(count)d person suspended.", "%(count)d people suspended.", count) % {"count": count}
            ),
        )


@admin.register(ContactMessage)
class ContactMessageAdmin(ReadOnlyAdmin):
    """The record of messages sent through the site: who wrote to whom about what, and when; what the rate limits
    count. The text is a private message: it shows only once a recipient reported the message as abuse, for the
    moderator who judges it (and suspends the sender through People when it is abuse)."""

    list_display = ["sent_at", "sender", "target_name", "route", "reported_at"]
    list_filter = [("reported_at", admin.EmptyFieldListFilter), "route", "sent_at"]
    list_select_related = ["sender"]
    search_fields = ["sender__email", "sender__display_name", "target_name"]
    date_hierarchy = "sent_at"

    def get_fields(self, request, obj=None):
        fields = ["sender", "target_name", "page", "route", "recipients", "sent_at", "reported_at", "reported_by"]
        if obj is not None and obj.reported_at is not None:
            fields += ["subject", "text"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)
