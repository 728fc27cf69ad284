from django.apps import AppConfig
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from agendastad.notifications.followables import followable_register


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        initiative, theme = self.get_model("Initiative"), self.get_model("Theme")
        followable_register(
            initiative,
            word="initiatief",
            group="initiatives",
            visible_to=lambda user: initiative.objects.visible_to(user).defer("search_vector").order_by(Lower("title")),
            view_permission="initiatives.see_initiative",
        )
        followable_register(theme, word="thema", group="themes")  # in their own order, by number
