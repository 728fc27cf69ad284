from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The public data to take elsewhere: exports of any list, Atom feeds, sitemap, robots.txt, the licence page."""

    name = "agendastad.opendata"
    label = "opendata"
    verbose_name = _("Open data")
