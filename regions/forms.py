from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agendastad.core.text import validate_visible_text

from .models import HOME_COUNTRY, Invitation, Membership, Municipality, Organisation
from .selectors import classification_year_chosen, classification_years


def https_by_default(field: models.Field, **kwargs) -> forms.Field | None:
    """Web addresses typed without a scheme get https://, the norm for organisations' sites."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ClassificationYearForm(forms.Form):
    """The CBS classification year a dashboard shows (`?year=2025`), offering the years loaded, newest first.

    `.year` is the year to show: the one asked for when it is loaded, else the latest, so a mistyped or
    unknown year never gives an error page. Bind it to `request.GET`.
    """

    year = forms.TypedChoiceField(label=_("Classification"), coerce=int, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        years = classification_years()
        self.year: int | None = classification_year_chosen((data or {}).get("year"), years)
        self.fields["year"].choices = [(year, _("CBS classification %(year)s") % {"year": year}) for year in years]
        self.fields["year"].initial = self.year


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.province})"


class OrganisationForm(forms.ModelForm):
    """Country first, then where in it: a municipality in the Netherlands (which decides the region), a place
    abroad. Both fields are always there, so the form works without JavaScript; the one that does not fit the
    country must stay empty (the model says which), and a KvK number counts only in the Netherlands."""

    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.current().defer("boundary"),
        required=False,
        help_text=_("In the Netherlands: where the organisation is located; this decides its labour-market region."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "municipality",
            "place",
            "website",
            "contact_email",
            "description",
            "kvk_number",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = https_by_default
        help_texts = {
            "kvk_number": _(
                "Chamber of Commerce registration number (8 digits), for businesses in the Netherlands; left out "
                "for an organisation abroad."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].required = False  # left out: the Netherlands, as before there was a choice

    def clean(self):
        cleaned = super().clean()
        if "country" in cleaned and not cleaned["country"]:
            cleaned["country"] = HOME_COUNTRY
        if cleaned.get("country", HOME_COUNTRY) == HOME_COUNTRY:
            cleaned["place"] = ""
        else:  # the Dutch register does not apply: whatever was typed there is left out, mistakes included
            cleaned["kvk_number"] = ""
            self.errors.pop("kvk_number", None)
        return cleaned


class OrganisationRegisterForm(OrganisationForm):
    """Asks for confirmation when an organisation with the same name already exists in the municipality."""

    confirm_distinct = forms.BooleanField(
        label=_("This is a different organisation: register it anyway"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []

    def get_context(self) -> dict:
        """`{{ form }}` offers the confirmation only once a duplicate was found."""
        context = super().get_context()
        if not self.duplicates:
            context["fields"] = [pair for pair in context["fields"] if pair[0].name != "confirm_distinct"]
        return context

    def clean(self):
        cleaned = super().clean()
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        country, place = cleaned.get("country"), (cleaned.get("place") or "").strip()
        if name and country == HOME_COUNTRY and municipality:
            same_place = Organisation.objects.filter(municipality=municipality)
            where = municipality.name
        elif name and country and country != HOME_COUNTRY and place:
            same_place = Organisation.objects.filter(country=country, place__iexact=place)
            where = place
        else:
            return cleaned
        self.duplicates = list(same_place.filter(name__iexact=name.strip()))
        if self.duplicates and not cleaned.get("confirm_distinct"):
            self.add_error(
                "confirm_distinct",
                _(
                    "An organisation with this name is already registered in %(municipality)s. Join it, "
                    "or confirm that yours is a different one."
                )
                % {"municipality": where},
            )
        return cleaned


class InvitationForm(forms.ModelForm):
    """The help text says who receives a mail and how many invitations a day are allowed."""

    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation.is_verified:
            reach = _("The invitation is mailed; it also works for someone who has no account yet.")
        else:
            reach = _(
                "%(organisation)s is not verified yet, so no mail is sent: the person finds the invitation on "
                "their overview once they sign in with this address. After a coordinator of the region has "
                "verified the organisation, invitations are mailed, also to people without an account."
            ) % {"organisation": organisation.name}
        person_count, person_seconds = settings.INVITATION_RATE_LIMIT
        organisation_count, organisation_seconds = settings.INVITATION_ORGANISATION_RATE_LIMIT
        limits = _(
            "You can send %(person_count)d invitations in %(person_hours)d hours, the organisation "
            "%(organisation_count)d in %(organisation_hours)d hours."
        ) % {
            "person_count": person_count,
            "person_hours": person_seconds // 3600,
            "organisation_count": organisation_count,
            "organisation_hours": organisation_seconds // 3600,
        }
        self.fields["email"].help_text = f"{reach} {limits}"


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class LeaveForm(forms.Form):
    """The last admin names a successor from the other approved members."""

    successor = forms.ModelChoiceField(label=_("New admin"), queryset=Membership.objects.none(), required=False)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        others = membership.organisation.memberships.active().exclude(pk=membership.pk).select_related("user")
        self.fields["successor"].queryset = others
        self.fields["successor"].label_from_instance = lambda m: str(m.user)
        self.needs_successor = membership.is_admin and not others.filter(role=Membership.Role.ADMIN).exists()
        if self.needs_successor:
            self.fields["successor"].required = True
            self.fields["successor"].help_text = _("You are the last admin: choose who takes over.")
        else:
            del self.fields["successor"]


class ContactMessageForm(forms.Form):
    """A message through the site: plain text, relayed by mail (regions.services.contact_message_send)."""

    subject = forms.CharField(label=_("Subject"), max_length=150, validators=[validate_visible_text])
    text = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        validators=[validate_visible_text],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text, at most 2,000 characters. Say who you are and what you would like to discuss."),
    )


class ClaimInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "Someone who may speak for the organisation. The invitation is mailed; it also works for someone who has "
            "no account yet. Whoever accepts it becomes the organisation's admin."
        ),
    )
