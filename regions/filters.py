import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceIterator, ModelMultipleChoiceField

from .models import Country, Helix, LabourMarketRegion, Municipality, Organisation, OrganisationKind, kinds_in_helix
from .selectors import places_matching


class _OfferedIterator(ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        self.queryset = field.offered.all()


class ClassifiedChoiceField(ModelMultipleChoiceField):
    """Accepts every row of `queryset` (retired ones included) but offers as options only the `offered` rows."""

    iterator = _OfferedIterator

    def __init__(self, *args, offered, **kwargs):
        self.offered = offered
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        if obj.retired_in:
            return _("%(name)s (until %(year)s)") % {"name": obj, "year": obj.classification_year}
        return str(obj)


class ClassifiedChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Filters by regions or municipalities of any classification year loaded, while the form offers the current
    ones only: a bookmarked link or a retired region's "all initiatives" link (`?municipality=GM0047`) keeps
    finding what refers to the retired one. Give `queryset` (all rows) and `offered` (the current ones); a
    FilterSet adds the chosen retired rows to `offered` with `offer_chosen`, so the form shows them selected."""

    field_class = ClassifiedChoiceField

    def offer_chosen(self, data) -> None:
        """Offer the rows asked for in `data` (a QueryDict) too, so that sending the form again keeps them."""
        chosen = data.getlist(self.field_name) if hasattr(data, "getlist") else []
        if chosen:
            by = self.extra.get("to_field_name") or "pk"
            self.extra["offered"] = self.extra["offered"] | self.queryset.filter(**{f"{by}__in": chosen})


def _provinces():
    provinces = Municipality.objects.current().order_by("province").values_list("province", flat=True).distinct()
    return [(province, province) for province in provinces]


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Region or municipality"), method="filter_name")
    province = django_filters.ChoiceFilter(
        label=_("Province"), choices=_provinces, method="filter_province", empty_label=_("All provinces")
    )

    class Meta:
        model = LabourMarketRegion
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        """Regions whose name or the name of one of their municipalities holds the text, by CBS name or by the name
        people use ("Den Haag", "Den Bosch", "Friesland"; `regions.selectors.places_matching`)."""
        places = places_matching(value)
        return queryset.filter(
            Q(pk__in=places.regions)
            | Q(municipalities__code__in=places.municipalities, municipalities__retired_in__isnull=True)
        ).distinct()

    def filter_province(self, queryset, name, value):
        return queryset.filter(municipalities__province=value, municipalities__retired_in__isnull=True).distinct()


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=LabourMarketRegion.objects.current(),
        field_name="municipality__region",
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices, empty_label=_("All countries"))
    helix = django_filters.ChoiceFilter(
        label=_("Helix"), choices=Helix.choices, method="filter_helix", empty_label=_("All helices")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices, empty_label=_("All kinds"))
    verified = django_filters.BooleanFilter(
        label=_("Verified"), field_name="verified_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_helix(self, queryset, name, value):
        return queryset.filter(kind__in=kinds_in_helix(value))


class PartnerPickerFilter(django_filters.FilterSet):
    """Find an organisation to invite: by name, by place (municipality, town abroad or region) and by kind or
    helix. Searched on the server, so it works without JavaScript; htmx only refreshes the results."""

    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    place = django_filters.CharFilter(label=_("Place or region"), method="filter_place")
    helix = django_filters.ChoiceFilter(
        label=_("Helix"), choices=Helix.choices, method="filter_helix", empty_label=_("All helices")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices, empty_label=_("All kinds"))

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_place(self, queryset, name, value):
        return queryset.filter(
            Q(municipality__name__icontains=value)
            | Q(place__icontains=value)
            | Q(municipality__region__name__icontains=value)
        )

    def filter_helix(self, queryset, name, value):
        return queryset.filter(kind__in=kinds_in_helix(value))
