from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top floor: pages that compose both apps (home, my overview, error pages) and the admin site."""

    name = "agendastad.pages"
    label = "pages"
    verbose_name = _("Agenda Stad")


class AgendaStadAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site as `admin.site`, so every app's @admin.register lands on it."""

    default = False  # this module's default app config stays PagesConfig
    default_site = "agendastad.pages.admin_site.AgendaStadAdminSite"
