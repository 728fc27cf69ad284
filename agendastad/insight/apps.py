from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """Figures across both apps: the region map, region dashboards, the national overview, the network."""

    name = "agendastad.insight"
    label = "insight"
    verbose_name = _("Insight")
