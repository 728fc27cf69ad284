from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: the user model, allauth's adapter, passwords, the second factor and the Moderators group."""

    name = "agendastad.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
