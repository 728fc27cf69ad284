from django.apps import AppConfig
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from agendastad.notifications.followables import followable_register


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions and organisations")

    def ready(self) -> None:
        region = self.get_model("LabourMarketRegion")
        followable_register(
            region,
            word="regio",
            group="regions",
            visible_to=lambda user: region.objects.defer("boundary").order_by(Lower("name")),
        )
        organisation = self.get_model("Organisation")
        followable_register(
            organisation,
            word="organisatie",
            group="organisations",
            visible_to=lambda user: organisation.objects.defer("description").order_by(Lower("name")),
        )
