from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API under /api/v1/ with its OpenAPI schema."""

    name = "agendastad.api"
    label = "api"
    verbose_name = _("API")
