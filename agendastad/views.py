from django.views.generic import TemplateView

from initiatives.models import Theme
from regions.selectors import regions_with_counts


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=Theme.objects.all(),
            regions=regions_with_counts(),
            **kwargs,
        )
