from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import NationalProgramme, Theme
from regions.models import LabourMarketRegion, Membership, Organisation

from .models import AgendaPriority, PriorityContribution, RegionAgenda
from .selectors import linkable_priorities
from .services import AgendaData, PriorityData


class AgendaForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RegionAgenda
        fields = ["kind", "title_nl", "title_en", "summary_nl", "summary_en", "first_year", "last_year"]
        widgets = {"summary_nl": forms.Textarea(attrs={"rows": 4}), "summary_en": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year is before the first year."))
        return cleaned

    def _post_clean(self) -> None:
        """The service validates the agenda itself; the form only checks its fields."""


class PriorityForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Themes")
    )
    partner_regions = forms.ModelMultipleChoiceField(
        LabourMarketRegion.objects.current().defer("boundary"),
        widget=forms.SelectMultiple,
        required=False,
        label=_("Partner regions"),
        help_text=_("Other regions that work on this priority with this one."),
    )
    programmes = forms.ModelMultipleChoiceField(
        NationalProgramme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("National programmes"),
        help_text=_("The national programmes and deals this priority works out in the region."),
    )

    class Meta:
        model = AgendaPriority
        fields = [
            "title_nl",
            "title_en",
            "description",
            "themes",
            "ambition",
            "ambition_number",
            "ambition_unit",
            "partner_regions",
            "programmes",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        linked = self.instance.programmes.values("pk") if self.instance.pk else []
        self.fields["programmes"].queryset = NationalProgramme.objects.filter(Q(running=True) | Q(pk__in=linked))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title_nl") and not cleaned.get("themes") and not cleaned.get("DELETE"):
            self.add_error("themes", _("Choose at least one theme."))
        return cleaned

    def _post_clean(self) -> None:
        """Validated by the service, with its agenda."""


PriorityFormSet = forms.inlineformset_factory(
    RegionAgenda, AgendaPriority, form=PriorityForm, extra=3, can_delete=True, max_num=20, validate_max=True
)


def agenda_data(form: AgendaForm, formset) -> AgendaData:
    """What the person filled in, for the services: priorities without a title are left out, deleted ones too."""
    priorities = [
        PriorityData(
            pk=priority.cleaned_data["id"].pk if priority.cleaned_data.get("id") else None,
            title_nl=priority.cleaned_data["title_nl"],
            title_en=priority.cleaned_data.get("title_en", ""),
            description=priority.cleaned_data.get("description", ""),
            themes=list(priority.cleaned_data.get("themes") or []),
            ambition=priority.cleaned_data.get("ambition", ""),
            ambition_number=priority.cleaned_data.get("ambition_number"),
            ambition_unit=priority.cleaned_data.get("ambition_unit", ""),
            partner_regions=list(priority.cleaned_data.get("partner_regions") or []),
            programmes=list(priority.cleaned_data.get("programmes") or []),
        )
        for priority in formset.forms
        if priority.cleaned_data.get("title_nl") and not priority.cleaned_data.get("DELETE")
    ]
    fields = {name: form.cleaned_data[name] for name in AgendaForm.Meta.fields}
    return AgendaData(**fields, priorities=priorities)


class CommitmentForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"), empty_label=None)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=Membership.objects.admins().filter(user_id=user.pk).values("organisation")
        )


class ContributionForm(forms.Form):
    priorities = forms.ModelMultipleChoiceField(
        AgendaPriority.objects.none(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Priorities")
    )

    def __init__(self, *args, initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choosable = linkable_priorities(initiative)
        field = self.fields["priorities"]
        field.queryset = choosable
        field.label_from_instance = lambda priority: f"{priority.agenda.region}: {priority.agenda}, {priority}"
        field.initial = list(
            PriorityContribution.objects.filter(initiative=initiative, priority__in=choosable).values_list(
                "priority", flat=True
            )
        )
