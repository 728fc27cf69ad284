import django_filters
from django.utils.translation import gettext_lazy as _

from initiatives.models import NationalProgramme, Theme
from regions.models import LabourMarketRegion

from .models import AgendaKind, RegionAgenda


class AgendaFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=LabourMarketRegion.objects.current().defer("boundary"),
        to_field_name="slug",
        label=_("Region"),
        empty_label=_("All regions"),
    )
    kind = django_filters.ChoiceFilter(choices=AgendaKind.choices, label=_("Kind"), empty_label=_("All kinds"))
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="priorities__themes",
        distinct=True,
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=NationalProgramme.objects.all(),
        to_field_name="slug",
        field_name="priorities__programmes",
        distinct=True,
        label=_("National programme"),
        empty_label=_("All programmes"),
    )

    class Meta:
        model = RegionAgenda
        fields = ["region", "kind", "theme", "programme"]
