from django.views.generic import TemplateView

from agendastad.agendas.selectors import agenda_partnerships

from .national import QUARTERS, national_overview
from .participation import target_group_matrix


class OverviewView(TemplateView):
    """The national overview: where the country's initiatives are, which helices they lack, since when, and
    which regions work together across their borders."""

    template_name = "insight/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=national_overview(),
            quarter_count=QUARTERS,
            target_groups=target_group_matrix(),
            agenda_partnerships=agenda_partnerships(),
            **kwargs,
        )
