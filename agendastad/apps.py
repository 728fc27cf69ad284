from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaStadConfig(AppConfig):
    name = "agendastad"
    verbose_name = _("Agenda Stad")
