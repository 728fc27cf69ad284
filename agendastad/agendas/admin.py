from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaCommitment, AgendaPriority, PriorityContribution, RegionAgenda


class PriorityInline(admin.StackedInline):
    model = AgendaPriority
    extra = 0
    fields = [
        "order",
        "title_nl",
        "title_en",
        "description",
        "themes",
        "programmes",
        "ambition",
        "ambition_number",
        "ambition_unit",
    ]
    filter_horizontal = ["themes", "programmes"]


class CommitmentInline(admin.TabularInline):
    model = AgendaCommitment
    extra = 0
    fields = ["organisation", "committed_by", "committed_at"]
    readonly_fields = ["organisation", "committed_by", "committed_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RegionAgenda)
class RegionAgendaAdmin(SimpleHistoryAdmin):
    """For moderators: read an agenda, correct its text, take it back to draft. Coordinators write on the site."""

    list_display = ["title_nl", "region", "kind", "first_year", "last_year", "state", "published_at"]
    list_filter = ["state", "kind", "region"]
    search_fields = ["title_nl", "title_en", "region__name"]
    readonly_fields = ["region", "slug", "published_at", "created_by", "version"]
    fields = [
        "region",
        "slug",
        "kind",
        "title_nl",
        "title_en",
        "summary_nl",
        "summary_en",
        "first_year",
        "last_year",
        "state",
        "published_at",
        "created_by",
        "version",
    ]
    inlines = [PriorityInline, CommitmentInline]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        """A moderator's correction counts as a version, so a coordinator's open edit is refused, not lost."""
        if obj.state == "published" and obj.published_at is None:
            obj.published_at = timezone.now()
        if obj.state == "draft":
            obj.published_at = None
        obj.version += 1
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(PriorityContribution)
class PriorityContributionAdmin(admin.ModelAdmin):
    list_display = ["initiative", "priority", "linked_by", "linked_at"]
    search_fields = ["initiative__title", "priority__title_nl"]
    list_filter = ["priority__agenda__region"]
    raw_id_fields = ["initiative", "priority"]
    readonly_fields = ["linked_by", "linked_at"]
