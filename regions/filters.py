import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import LabourMarketRegion, Municipality


def _provinces():
    return [
        (p, p)
        for p in Municipality.objects.current().order_by("province").values_list("province", flat=True).distinct()
    ]


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Region or municipality"), method="filter_name")
    province = django_filters.ChoiceFilter(
        label=_("Province"), choices=_provinces, method="filter_province", empty_label=_("All provinces")
    )

    class Meta:
        model = LabourMarketRegion
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(municipalities__name__icontains=value, municipalities__retired_in__isnull=True)
        ).distinct()

    def filter_province(self, queryset, name, value):
        return queryset.filter(municipalities__province=value, municipalities__retired_in__isnull=True).distinct()
