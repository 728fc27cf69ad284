from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AgendaStadConfig(AppConfig):
    name = "agendastad"
    verbose_name = _("Agenda Stad")


class AgendaStadAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site as `admin.site`, so every app's @admin.register lands on it."""

    default = False  # this module's default app config stays AgendaStadConfig
    default_site = "agendastad.admin_site.AgendaStadAdminSite"
