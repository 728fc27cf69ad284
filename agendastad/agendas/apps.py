from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    """Region agendas and the priorities initiatives serve: the floor between initiatives and insight."""

    name = "agendastad.agendas"
    label = "agendas"
    verbose_name = _("Region agendas")
