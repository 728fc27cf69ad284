from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom floor: NL Design System components, mail, text and field helpers. Imports no other app of ours."""

    name = "agendastad.core"
    label = "core"
    verbose_name = _("Components")
