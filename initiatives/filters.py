import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from regions.filters import ClassifiedChoiceFilter
from regions.models import Helix, LabourMarketRegion, Municipality, Organisation, OrganisationKind
from regions.selectors import places_matching

from .models import Initiative, NationalProgramme, Partnership, Status, TargetGroup, Theme
from .selectors import complete_triple_helix, covers_helix, has_partner_abroad, search, seeks_helix

SORTS = {
    "relevance": None,
    "newest": ["-created_at", "-pk"],
    "active": ["-last_activity_at", "-pk"],
    "quiet": ["last_activity_at", "pk"],
    "title": ["title", "pk"],
}


class InitiativeFilter(django_filters.FilterSet):
    """Every filter narrows the queryset it is given (which is already limited to what the person may see)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    region = ClassifiedChoiceFilter(
        label=_("Region"),
        queryset=LabourMarketRegion.objects.defer("boundary"),
        offered=LabourMarketRegion.objects.current().defer("boundary"),
        to_field_name="slug",
        method="filter_region",
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
    )
    programme = django_filters.ModelMultipleChoiceFilter(
        label=_("National programme"),
        queryset=NationalProgramme.objects.all(),
        to_field_name="slug",
        method="filter_programme",
    )
    target_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Helps take part"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        method="filter_target_group",
    )
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices)
    helix = django_filters.MultipleChoiceFilter(
        label=_("Helix present"), choices=Helix.choices, method="filter_helix_present"
    )
    missing = django_filters.MultipleChoiceFilter(
        label=_("Helix missing"), choices=Helix.choices, method="filter_helix_missing"
    )
    complete = django_filters.BooleanFilter(
        label=_("Triple helix complete"),
        method="filter_complete",
        widget=forms.Select(choices=[("", _("Either")), ("true", _("Complete")), ("false", _("Not complete"))]),
    )
    cross_border = django_filters.BooleanFilter(
        label=_("Cross-border cooperation"),
        method="filter_cross_border",
        widget=forms.Select(
            choices=[("", _("Either")), ("true", _("With a partner abroad")), ("false", _("Without a partner abroad"))]
        ),
    )
    organisation = django_filters.ModelMultipleChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_organisation",
        widget=forms.MultipleHiddenInput,
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of organisation taking part"), choices=OrganisationKind.choices, method="filter_kind"
    )
    sought = django_filters.MultipleChoiceFilter(
        label=_("Partner sought"), choices=Helix.choices, method="filter_sought"
    )
    municipality = ClassifiedChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.defer("boundary"),
        offered=Municipality.objects.current().defer("boundary"),
        to_field_name="code",
        method="filter_municipality",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("relevance", _("Relevance")),
            ("newest", _("Newest")),
            ("active", _("Recently active")),
            ("quiet", _("Longest without activity")),
            ("title", _("Title")),
        ],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in ("region", "municipality"):
            self.filters[name].offer_chosen(self.data)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "sort" not in self.form.cleaned_data or not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", "")
        return queryset

    def filter_search(self, queryset, name, value):
        """Full-text search, which also finds the initiatives in a municipality or region the whole text names, by
        its CBS name or the name people use ("Den Haag", "Den Bosch"); `places` tells the page which."""
        self.places = places_matching(value, whole=True, provinces=False)
        return search(queryset, value, places=self.places)

    def filter_region(self, queryset, name, regions):
        if not regions:  # nothing chosen arrives as an empty queryset, which is not an empty value to django-filter
            return queryset
        primary = Initiative.objects.filter(primary_region__in=regions).order_by().values("pk")
        further = (
            Initiative.regions.through.objects.filter(labourmarketregion__in=regions).order_by().values("initiative")
        )
        return queryset.filter(pk__in=primary.union(further, all=True))

    def filter_theme(self, queryset, name, themes):
        if not themes:
            return queryset
        links = Initiative.themes.through.objects.filter(initiative=OuterRef("pk"), theme__in=themes)
        return queryset.filter(Exists(links))

    def filter_programme(self, queryset, name, programmes):
        if not programmes:
            return queryset
        links = Initiative.programmes.through.objects.filter(
            initiative=OuterRef("pk"), nationalprogramme__in=programmes
        )
        return queryset.filter(Exists(links))

    def filter_target_group(self, queryset, name, groups):
        if not groups:
            return queryset
        links = Initiative.target_groups.through.objects.filter(initiative=OuterRef("pk"), targetgroup__in=groups)
        return queryset.filter(Exists(links))

    def filter_municipality(self, queryset, name, municipalities):
        if not municipalities:
            return queryset
        links = Initiative.municipalities.through.objects.filter(
            initiative=OuterRef("pk"), municipality__in=municipalities
        )
        return queryset.filter(Exists(links))

    def filter_helix_present(self, queryset, name, helices):
        for helix in helices:
            queryset = queryset.filter(covers_helix(helix))
        return queryset

    def filter_helix_missing(self, queryset, name, helices):
        for helix in helices:
            queryset = queryset.filter(~covers_helix(helix))
        return queryset

    def filter_complete(self, queryset, name, value):
        return queryset.filter(complete_triple_helix() if value else ~complete_triple_helix())

    def filter_cross_border(self, queryset, name, value):
        return queryset.filter(has_partner_abroad() if value else ~has_partner_abroad())

    def filter_organisation(self, queryset, name, organisations):
        if not organisations:
            return queryset
        taking_part = Partnership.objects.accepted().filter(initiative=OuterRef("pk"), organisation__in=organisations)
        return queryset.filter(Exists(taking_part))

    def filter_kind(self, queryset, name, kinds):
        taking_part = Partnership.objects.accepted().filter(initiative=OuterRef("pk"), organisation__kind__in=kinds)
        return queryset.filter(Exists(taking_part))

    def filter_sought(self, queryset, name, helices):
        condition = Q()
        for helix in helices:
            condition |= Q(seeks_helix(helix))
        return queryset.filter(condition)

    def filter_sort(self, queryset, name, value):
        searching = bool(self.form.cleaned_data.get("q", "").strip())
        if value == "relevance" or (not value and searching):
            return queryset.order_by("-rank", "-pk") if searching else queryset.order_by(*SORTS["newest"])
        return queryset.order_by(*SORTS.get(value or "newest", SORTS["newest"]))


class MatchmakingFilter(django_filters.FilterSet):
    region = InitiativeFilter.base_filters["region"]
    theme = InitiativeFilter.base_filters["theme"]
    sought = InitiativeFilter.base_filters["sought"]

    class Meta:
        model = Initiative
        fields: list[str] = []

    filter_region = InitiativeFilter.filter_region
    filter_theme = InitiativeFilter.filter_theme
    filter_sought = InitiativeFilter.filter_sought
