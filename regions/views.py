from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import RegionFilter
from .models import LabourMarketRegion
from .selectors import municipalities_by_province, regions_with_counts


class RegionListView(FilterView):
    filterset_class = RegionFilter
    template_name = "regions/labourmarketregion_list.html"

    def get_queryset(self):
        return regions_with_counts()


class RegionDetailView(DetailView):
    model = LabourMarketRegion

    def get_context_data(self, **kwargs):
        return super().get_context_data(provinces=municipalities_by_province(self.object), **kwargs)
