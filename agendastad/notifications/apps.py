from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Following and notifications. Knows no sender's models: what can be followed registers itself
    (`followables.followable_register`) from its own app's `ready()`."""

    name = "agendastad.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
