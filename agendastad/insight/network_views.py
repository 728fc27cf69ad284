from django.views.generic import DetailView, TemplateView

from regions.models import LabourMarketRegion

from .network import LEGEND, PARTNERS_ELSEWHERE, national_network, region_network


class NetworkView(TemplateView):
    """The national collaboration network."""

    template_name = "insight/network.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            network=national_network(),
            legend=LEGEND,
            regions=LabourMarketRegion.objects.current().only("name", "slug"),
            **kwargs,
        )


class RegionNetworkView(DetailView):
    """The collaboration network of the public initiatives that work in one region."""

    queryset = LabourMarketRegion.objects.defer("boundary")
    template_name = "insight/network_region.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            network=region_network(self.object), legend=LEGEND, elsewhere=PARTNERS_ELSEWHERE, **kwargs
        )
