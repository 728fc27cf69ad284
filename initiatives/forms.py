from collections.abc import Sequence

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agendastad.core.forms import SubmissionKeyField
from agendastad.core.markdown import validate_markdown_nesting
from agendastad.core.text import validate_visible_text
from regions.forms import https_by_default
from regions.models import (
    Helix,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
)

from .data import DATA_FIELDS, MODEL_FORM_FIELDS, InitiativeData
from .models import (
    START_REFUSED,
    STARTING_STATUSES,
    UNDERWAY_STATUSES,
    WEB_LINK,
    CommentKind,
    Initiative,
    NationalProgramme,
    Partnership,
    ReportReason,
    Status,
)
from .predicates import leadable_by
from .spreadsheets import SpreadsheetError, SpreadsheetRow, read_rows


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.region.name})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class InitiativeForm(forms.ModelForm):
    """The fields of an initiative; the service checks what crosses fields (municipalities, contact person)."""

    lead_organisation = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects.none())
    municipalities = MunicipalityChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.current()
        .select_related("region")
        .defer("boundary", "region__boundary")
        .order_by("name"),
        required=False,
        help_text=_("Only municipalities in the chosen regions."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Further regions"),
        queryset=LabourMarketRegion.objects.current(),
        required=False,
        help_text=_("For initiatives that cross the borders of their region."),
    )
    sought_helices = forms.MultipleChoiceField(
        label=_("Partners sought from these helices"),
        choices=Helix.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sought_kinds = forms.MultipleChoiceField(
        label=_("Or these kinds of organisation"), choices=OrganisationKind.choices, required=False
    )
    contact_person = PersonChoiceField(
        label=_("Contact person"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("A member of the lead organisation."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission = SubmissionKeyField()

    class Meta:
        model = Initiative
        fields = MODEL_FORM_FIELDS  # the others are declared above
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "sought_note": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "programmes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        formfield_callback = https_by_default

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["primary_region"].queryset = LabourMarketRegion.objects.current()
        linked = self.instance.programmes.values("pk") if self.instance.pk else []
        self.fields["programmes"].queryset = NationalProgramme.objects.filter(Q(running=True) | Q(pk__in=linked))
        self.fields["budget"].min_value = 0  # the widget's min; the validator below is what refuses
        self.fields["budget"].validators.append(MinValueValidator(0))
        if self.instance.pk:  # an edit is guarded by its version: a retry is refused as a conflict
            self._offer_retired_kept()
            del self.fields["lead_organisation"]
            del self.fields["submission"]
            lead_ids = [self.instance.lead_organisation_id]
            self.fields["version"].initial = self.instance.version
            self.fields["regions"].initial = list(self.instance.regions.all())
            self.fields["municipalities"].initial = list(self.instance.municipalities.all())
            sought = list(self.instance.sought_partners.all())
            self.fields["sought_helices"].initial = [s.helix for s in sought if s.helix]
            self.fields["sought_kinds"].initial = [s.kind for s in sought if s.kind]
            self.fields["contact_person"].initial = self.instance.contact_person_id
            self.fields["status"].help_text = _("Changes follow the life of an initiative: idea, proposal, running…")
        else:
            leadable = leadable_by(user)
            self.fields["lead_organisation"].queryset = leadable.organisations.order_by("name")
            lead_ids = leadable.organisations.values("pk")
            underway = UNDERWAY_STATUSES if leadable.underway.exists() else ()
            self.fields["status"].choices = [(s.value, s.label) for s in (*STARTING_STATUSES, *underway)]
        members = Membership.objects.active().filter(organisation__in=lead_ids).values("user")
        self.fields["contact_person"].queryset = (
            get_user_model().objects.filter(pk__in=members).order_by("display_name", "email")
        )

    def _offer_retired_kept(self) -> None:
        """The regions and municipalities offered are the current ones, plus those this initiative refers to that
        a newer CBS classification retired: otherwise saving the form would silently drop them."""
        initiative = self.instance
        kept = Q(pk__in=initiative.regions.values("pk")) | Q(pk=initiative.primary_region_id)
        regions = LabourMarketRegion.objects.filter(Q(retired_in__isnull=True) | kept)
        self.fields["primary_region"].queryset = regions
        self.fields["regions"].queryset = regions
        self.fields["municipalities"].queryset = (
            Municipality.objects.filter(Q(retired_in__isnull=True) | Q(pk__in=initiative.municipalities.values("pk")))
            .select_related("region")
            .order_by("name")
        )

    def clean(self):
        """The status is offered when the person may start some organisation's initiative with it; whether
        they may for the chosen one is the rule initiatives.start_underway, which the service asks too."""
        cleaned = super().clean()
        lead, status = cleaned.get("lead_organisation"), cleaned.get("status")
        if (
            lead is not None
            and status in UNDERWAY_STATUSES
            and not self.user.has_perm("initiatives.start_underway", lead)
        ):
            self.add_error("status", START_REFUSED)
        return cleaned

    def initiative_data(self) -> InitiativeData:
        data = self.cleaned_data
        return InitiativeData(**{name: data.get(name) for name in DATA_FIELDS if name in self.fields})

    def _post_clean(self):
        """Model validation happens in the service, with the relations it needs."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)


class PartnerInviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        help_text=_(
            "Its admins receive the invitation. When nobody manages the organisation yet, the coordinators of its "
            "region are told, who can find someone to manage it."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Partnership.Role.choices if c[0] != Partnership.Role.LEAD]
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown to those who answer: why you invite this organisation and what you hope it brings."),
    )


class PartnerPickForm(PartnerInviteForm):
    """The invitation form of the partner picker: the organisations found offered as radio buttons, each saying its
    kind and place, and whether anyone manages it yet. (The POST is checked by PartnerInviteForm, against all.)"""

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.widget = forms.RadioSelect()
        field.label = _("Organisation to invite")
        field.choices = [(organisation.slug, _picker_label(organisation)) for organisation in offered]


def _picker_label(organisation: Organisation) -> str:
    label = _("%(name)s (%(kind)s, %(place)s)") % {
        "name": organisation.name,
        "kind": organisation.get_kind_display(),
        "place": organisation.location,
    }
    if not getattr(organisation, "has_admin", True):
        label = _("%(label)s: nobody manages it yet, its region's coordinators are told") % {"label": label}
    return label


class AskAgainForm(forms.Form):
    note = forms.CharField(
        label=_("What has changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown to those who answer. You can ask again only once."),
    )


class PartnerRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Partnership.Role.choices if c[0] != Partnership.Role.LEAD]
    )
    note = forms.CharField(
        label=_("What you offer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown to the admins of the lead organisation, who answer."),
    )

    def __init__(self, *args, user, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        taken = initiative.partnerships.values("organisation")
        admin_of = Membership.objects.admins().filter(user=user).values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=admin_of).exclude(pk__in=taken)


class InitiativeImportForm(forms.Form):
    """Step 1 of an import: the file. Reading it (not yet checking its rows) happens here."""

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv file (UTF-8) or an .xlsx file, with one initiative per row under a row of column names."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> list[SpreadsheetRow]:
        try:
            return read_rows(self.cleaned_data["file"])
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error


class InitiativeImportConfirmForm(forms.Form):
    """Step 2: import the rows of the preview, which wait in the session under this token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class InitiativeExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel (.xlsx)")], required=False)


class CommentForm(forms.Form):
    """A comment or a reply. `organisations` are those the person may speak for, read once per page, so that
    the twenty reply forms of a thread page add no queries."""

    kind = forms.ChoiceField(label=_("What do you bring in?"), choices=CommentKind.choices)
    text = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        validators=[validate_visible_text, validate_markdown_nesting],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    organisation = forms.TypedChoiceField(
        label=_("On behalf of"), required=False, coerce=int, empty_value=None, choices=()
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission = SubmissionKeyField()

    def __init__(self, *args, organisations: Sequence[Organisation] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        if self.organisations:
            self.fields["organisation"].choices = [("", _("Only myself"))] + [
                (organisation.pk, organisation.name) for organisation in organisations
            ]
        else:
            del self.fields["organisation"]

    def clean_organisation(self) -> Organisation | None:
        pk = self.cleaned_data.get("organisation")
        return self.organisations.get(pk) if pk is not None else None


class CommentEditForm(forms.Form):
    kind = CommentForm.base_fields["kind"]
    text = CommentForm.base_fields["text"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=2000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you choose “Something else”."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and cleaned.get("text") == "":
            self.add_error("text", _("Explain what is wrong when you choose “Something else”."))
        return cleaned


class ModerationForm(forms.Form):
    """Hide, restore, remove, or keep visible and close the reports, with the reason the author is told (the
    service asks for it where the author is told; keeping an item visible only notes it in the log)."""

    DECISIONS = [
        ("hide", _("Hide")),
        ("dismiss", _("No action: keep it visible and close the reports")),
        ("restore", _("Restore")),
        ("remove", _("Remove")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The author receives this reason by mail when you hide, restore or remove. When you keep the item "
            "visible it is a note in the log; the reporters are told the outcome, never the reason."
        ),
    )

    def __init__(self, *args, decisions: Sequence[str] = ("hide", "restore"), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [choice for choice in self.DECISIONS if choice[0] in decisions]


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=2000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can answer once. A moderator reads your answer and decides again."),
    )


class ProgressForm(forms.Form):
    """A progress update: for which of the person's taking-part organisations, the text, an optional web link.
    `organisations` are read once for the page (`services.progress_organisations`)."""

    organisation = forms.TypedChoiceField(label=_("On behalf of"), coerce=int, choices=())
    text = forms.CharField(
        label=_("What happened?"),
        max_length=1000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short update for the followers of this initiative, in at most 1000 characters. Plain text."),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[WEB_LINK],
        help_text=_("A web page with more, such as a report or photos."),
    )
    submission = SubmissionKeyField()

    def __init__(self, *args, organisations: Sequence[Organisation] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        self.fields["organisation"].choices = [(organisation.pk, organisation.name) for organisation in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean_organisation(self) -> Organisation | None:
        return self.organisations.get(self.cleaned_data.get("organisation"))


class ProgressEditForm(forms.Form):
    text = ProgressForm.base_fields["text"]
    link = ProgressForm.base_fields["link"]


class ProgressModerationForm(forms.Form):
    """Hide a progress update, or show it again, with the reason its author is told."""

    reason = ModerationForm.base_fields["reason"]
