from django.contrib import admin

from .models import Follow, Notification, NotificationPreference


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "target", "target_type", "created_at"]
    list_select_related = ["user", "target_type"]
    list_filter = ["target_type"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")  # one query per kind of target


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
