from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data generator (`seed_demo`): installed in development and test settings, never in production."""

    name = "agendastad.demo"
    label = "demo"
    verbose_name = _("Demo data")
