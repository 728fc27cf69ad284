from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from agendastad.core.admin_actions import action_with_reason
from agendastad.core.markdown import render_markdown
from regions import admin as regions_admin
from regions.models import Organisation

from . import services
from .models import (
    Comment,
    Initiative,
    ModerationAction,
    NationalProgramme,
    Partnership,
    Report,
    SoughtPartner,
    TargetGroup,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nl", "name_en"]
    search_fields = ["name_nl", "name_en"]
    readonly_fields = ["number", "slug"]


@admin.register(NationalProgramme)
class NationalProgrammeAdmin(admin.ModelAdmin):
    """Kept by moderators: add and change, never delete (a programme that ended is marked as not running)."""

    list_display = ["name_nl", "name_en", "kind", "running"]
    list_filter = ["kind", "running"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


class ReadOnlyObjectsAdmin(admin.ModelAdmin):
    """Listed, searched, read and moderated here, but changed only on the site: its services check the rules,
    refuse a stale edit (optimistic locking), keep the search vector and history, and mail whom it concerns."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request)


class ReadOnlyInline(admin.TabularInline):
    """Shown beside the initiative it belongs to, and like it changed only on the site."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PartnershipInline(ReadOnlyInline):
    model = Partnership
    fields = ["organisation", "role", "state", "created_at", "answered_at"]
    readonly_fields = ["created_at", "answered_at"]


class SoughtPartnerInline(ReadOnlyInline):
    model = SoughtPartner


class ArchivedFilter(admin.SimpleListFilter):
    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return [("yes", _("Archived")), ("no", _("Not archived"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(archived_at__isnull=True)
        return queryset


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin, ReadOnlyObjectsAdmin):
    list_display = ["title", "status", "visibility", "primary_region", "lead_organisation", "created_at"]
    list_filter = ["status", "visibility", ArchivedFilter, "themes", "primary_region"]
    list_select_related = ["primary_region", "lead_organisation"]
    search_fields = ["title", "slug", "lead_organisation__name"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at", "last_activity_at", "archived_at", "version"]
    raw_id_fields = ["lead_organisation", "contact_person"]
    filter_horizontal = ["themes", "regions", "municipalities"]
    exclude = ["search_vector"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PartnershipInline, SoughtPartnerInline]
    actions = ["restore", "hide", "unhide"]
    show_full_result_count = False

    @admin.action(description=_("Hide the selected initiatives, with a reason for their creators"))
    def hide(self, request, queryset):
        return action_with_reason(
            self,
            request,
            queryset,
            title=_("Hide initiatives"),
            explanation=_(
                "Only moderators and the region's coordinators will see them. Each creator is told the reason and "
                "may answer once."
            ),
            apply=lambda initiative, reason: services.initiative_hide(
                initiative=initiative, user=request.user, reason=reason
            ),
            done=lambda count: (
                ngettext("%(count)d initiative hidden.", "%(count)d initiatives hidden.", count) % {"count": count}
            ),
        )

    @admin.action(description=_("Show the selected hidden initiatives again, with a reason for their creators"))
    def unhide(self, request, queryset):
        return action_with_reason(
            self,
            request,
            queryset,
            title=_("Show initiatives again"),
            explanation=_(
                "Everyone will see them again; their open reports are marked handled. Each creator is told the reason."
            ),
            apply=lambda initiative, reason: services.initiative_restore_from_moderation(
                initiative=initiative, user=request.user, reason=reason
            ),
            done=lambda count: (
                ngettext("%(count)d initiative shown again.", "%(count)d initiatives shown again.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Restore the selected archived initiatives"))
    def restore(self, request, queryset) -> None:
        restored = 0
        for initiative in queryset.filter(archived_at__isnull=False):
            try:
                services.initiative_restore(initiative=initiative, user=request.user)
            except PermissionDenied:
                continue
            restored += 1
        self.message_user(
            request,
            ngettext("%(count)d initiative restored.", "%(count)d initiatives restored.", restored)
            % {"count": restored},
            messages.SUCCESS,
        )


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyObjectsAdmin):
    list_display = ["initiative", "organisation", "role", "state", "asked", "created_at", "asked_again_at"]
    list_filter = ["role", "state", "asked"]
    list_select_related = ["initiative", "organisation"]
    search_fields = ["initiative__title", "organisation__name"]
    raw_id_fields = ["initiative", "organisation", "created_by", "answered_by"]


# The discussion. Read mostly: hiding, restoring and removing go through the services (which log and mail), so the
# admin panel's moderation queue can call them later; these changelists stay fast with 100,000 rows.


class CreatedThroughTheSiteAdmin(admin.ModelAdmin):
    """Comments, reports and moderation steps are only created through the services (rules, mail, log)."""

    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(CreatedThroughTheSiteAdmin):
    list_display = ["__str__", "kind", "organisation", "hidden", "created_at", "removed_at"]
    list_filter = ["kind", "hidden", ("removed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["author", "initiative", "organisation"]
    search_fields = ["text", "initiative__title", "author__email", "author__display_name"]
    raw_id_fields = ["initiative", "parent", "author", "organisation", "removed_by"]
    readonly_fields = ["created_at", "edited_at", "removed_at", "removed_by", "hidden"]
    actions = ["hide", "restore"]

    def save_model(self, request, obj, form, change) -> None:
        """A superuser may correct a text here (personal data, say): its page shows the HTML stored with it."""
        obj.text_html = render_markdown(obj.text)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Hide the selected comments, with a reason for their authors"))
    def hide(self, request, queryset):
        return action_with_reason(
            self,
            request,
            queryset.select_related("initiative"),
            title=_("Hide comments"),
            explanation=_(
                "Only moderators, the region's coordinators and the authors will see them. Each author is told the "
                "reason and may answer once."
            ),
            apply=lambda comment, reason: services.comment_hide(comment=comment, user=request.user, reason=reason),
            done=lambda count: (
                ngettext("%(count)d comment hidden.", "%(count)d comments hidden.", count) % {"count": count}
            ),
        )

    @admin.action(description=_("Show the selected hidden comments again, with a reason for their authors"))
    def restore(self, request, queryset):
        return action_with_reason(
            self,
            request,
            queryset.select_related("initiative"),
            title=_("Restore comments"),
            explanation=_(
                "Everyone will see them again; their open reports are marked handled. Each author is told the reason."
            ),
            apply=lambda comment, reason: services.comment_restore(comment=comment, user=request.user, reason=reason),
            done=lambda count: (
                ngettext("%(count)d comment restored.", "%(count)d comments restored.", count) % {"count": count}
            ),
        )


@admin.register(Report)
class ReportAdmin(CreatedThroughTheSiteAdmin):
    list_display = ["__str__", "reason", "reporter", "created_at", "handled_at"]
    list_filter = ["reason", ("handled_at", admin.EmptyFieldListFilter)]
    list_select_related = ["initiative", "comment__author", "comment__initiative", "reporter"]
    search_fields = ["text", "initiative__title", "reporter__email"]
    raw_id_fields = ["initiative", "comment", "reporter", "handled_by"]
    readonly_fields = ["created_at", "handled_at", "handled_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        """Reports are handled by deciding on the item (hide, restore), which marks them handled and tells the
        author; changed or deleted here they would hide or count wrongly, out of the log."""
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(CreatedThroughTheSiteAdmin):
    """The log of who decided what and why: nobody rewrites or deletes it, superusers included."""

    list_display = ["__str__", "action", "actor", "created_at"]
    list_filter = ["action"]
    list_select_related = ["initiative", "comment__author", "comment__initiative", "actor"]
    search_fields = ["reason", "initiative__title", "actor__email"]
    raw_id_fields = ["initiative", "comment", "actor"]
    readonly_fields = ["created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationAdmin(regions_admin.OrganisationAdmin):
    """Organisations, with merging: it moves their initiatives and partnerships as well as their memberships."""

    actions = [*regions_admin.OrganisationAdmin.actions, "merge"]

    @admin.action(description=_("Merge the selected organisations (duplicates) into one"))
    def merge(self, request, queryset):
        """Step one shows the selected organisations to choose which one to keep; step two merges."""
        if queryset.count() < 2:
            self.message_user(request, _("Select at least two organisations to merge."), messages.ERROR)
            return None
        if request.POST.get("post") == "yes":
            choice = request.POST.get("kept", "")
            kept = queryset.filter(pk=int(choice)).first() if choice.isascii() and choice.isdigit() else None
            if kept is None:
                self.message_user(request, _("Choose the organisation to keep."), messages.ERROR)
                return None
            duplicates = list(queryset.exclude(pk=kept.pk))
            try:
                services.organisation_merge(kept=kept, duplicates=duplicates, user=request.user)
            except PermissionDenied:
                self.message_user(request, _("You may not merge organisations."), messages.ERROR)
                return None
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.log_change(request, kept, "Merged: " + ", ".join(f"{d.name} ({d.slug})" for d in duplicates))
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation merged into %(kept)s.",
                    "%(count)d organisations merged into %(kept)s.",
                    len(duplicates),
                )
                % {"count": len(duplicates), "kept": kept},
                messages.SUCCESS,
            )
            return None
        organisations = queryset.select_related("municipality").annotate(
            member_count=Count("memberships", distinct=True), partnership_count=Count("partnerships", distinct=True)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge organisations"),
            "opts": self.model._meta,
            "queryset": organisations,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/regions/organisation/merge.html", context)
