"""The API's filters: the list pages' own FilterSets, so the same parameters give the same items, with the
types the OpenAPI schema cannot guess from their filter methods. The API speaks English (docs/api.md), so
its own labels, which only the schema shows, are not translated."""

from copy import deepcopy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters import Filter
from django_filters.fields import ChoiceField
from drf_spectacular.utils import extend_schema_field

from agendastad.agendas.filters import AgendaFilter
from initiatives.filters import InitiativeFilter
from regions.filters import OrganisationFilter
from regions.models import LabourMarketRegion, Municipality


def documented(filter_: Filter, description: str) -> Filter:
    """A copy of `filter_` that the schema describes as a string (an array of them for a multiple choice)."""
    return extend_schema_field({"type": "string", "description": description})(deepcopy(filter_))


class TrueOrFalseField(forms.Field):
    """`true` or `false`; anything else is an error, an empty value too (left out, it is no filter at all)."""

    def clean(self, value: str | None) -> bool | None:
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ValidationError("Either true or false.", code="invalid")
        return value == "true"


class TrueOrFalseFilter(django_filters.Filter):
    """Strict where the list pages' own yes/no filters read anything unknown as "either"."""

    field_class = TrueOrFalseField


def true_or_false(label: str, method: str) -> TrueOrFalseFilter:
    return extend_schema_field({"type": "boolean", "description": label})(TrueOrFalseFilter(label=label, method=method))


class GivenChoiceField(ChoiceField):
    """A choice that, once its parameter is there, must be one of the choices: not the empty "all" of a form."""

    def clean(self, value):
        if value == "":
            raise ValidationError("Give one of the choices, or leave the parameter out.", code="invalid_choice")
        return super().clean(value)


def no_empty_value(filter_: django_filters.ChoiceFilter) -> django_filters.ChoiceFilter:
    """A copy of a list page's single-choice filter that refuses the empty value its form offers as "all"."""
    strict = deepcopy(filter_)
    strict.field_class = GivenChoiceField
    return strict


REPEAT = " Repeat the parameter for several: an item matches any of them."


class InitiativeApiFilter(InitiativeFilter):
    """The list page's filters. Without `sort`: the API pages through a fixed order (newest first)."""

    region = documented(
        InitiativeFilter.base_filters["region"],
        "Slug of a labour-market region the initiative works in (primary or further region)." + REPEAT,
    )
    theme = documented(InitiativeFilter.base_filters["theme"], "Slug of a theme." + REPEAT)
    programme = documented(
        InitiativeFilter.base_filters["programme"], "Slug of a national programme or deal it works out." + REPEAT
    )
    target_group = documented(
        InitiativeFilter.base_filters["target_group"], "Slug of a target group it helps take part." + REPEAT
    )
    organisation = documented(
        InitiativeFilter.base_filters["organisation"],
        "Slug of an organisation taking part (lead or accepted partner)." + REPEAT,
    )
    municipality = documented(
        InitiativeFilter.base_filters["municipality"], "CBS code of a current municipality (GMnnnn)." + REPEAT
    )
    complete = true_or_false(
        "Whether government, education & knowledge and business all take part (the triple helix).", "filter_complete"
    )
    cross_border = true_or_false(
        "Whether an accepted partner (the lead included) is located outside the Netherlands.", "filter_cross_border"
    )
    sort = None


class OrganisationApiFilter(OrganisationFilter):
    """The organisation list page's filters."""

    country = no_empty_value(OrganisationFilter.base_filters["country"])
    helix = no_empty_value(OrganisationFilter.base_filters["helix"])
    kind = no_empty_value(OrganisationFilter.base_filters["kind"])
    verified = true_or_false("Whether a coordinator or moderator verified the organisation.", "filter_verified")

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified_at__isnull=not value)


class AgendaApiFilter(AgendaFilter):
    """The agenda list page's filters (/agendas/)."""

    region = documented(AgendaFilter.base_filters["region"], "Slug of the agenda's labour-market region.")
    kind = no_empty_value(AgendaFilter.base_filters["kind"])
    theme = documented(AgendaFilter.base_filters["theme"], "Slug of a theme one of its priorities is on.")
    programme = documented(
        AgendaFilter.base_filters["programme"], "Slug of a national programme one of its priorities works out."
    )


class ClassifiedFilter(django_filters.FilterSet):
    """Current rows of the CBS classification unless `include_retired` is true."""

    include_retired = true_or_false(
        "Also those that are not in the latest CBS classification any more (retired).", "filter_include_retired"
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset if self.form.cleaned_data.get("include_retired") else queryset.current()

    def filter_include_retired(self, queryset, name, value):
        return queryset


class RegionApiFilter(ClassifiedFilter):
    class Meta:
        model = LabourMarketRegion
        fields: list[str] = []


class MunicipalityApiFilter(ClassifiedFilter):
    region = django_filters.ModelChoiceFilter(
        label="Slug of the labour-market region.",
        queryset=LabourMarketRegion.objects.defer("boundary"),
        to_field_name="slug",
    )
    province = django_filters.CharFilter(label="Name of the province, exactly as in the data (Zuid-Holland).")

    class Meta:
        model = Municipality
        fields: list[str] = []
