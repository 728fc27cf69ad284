import uuid

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Frequency, NotificationKind, User
from .text import validate_display_name, validate_visible_text


class NLDesignSystemFormRenderer(TemplatesSetting):
    """Renders `{{ form }}` through forms/div.html and every field through one template in NL Design System
    (Utrecht) markup."""

    form_template_name = "forms/div.html"
    field_template_name = "components/form_field.html"


class SubmissionKeyField(forms.UUIDField):
    """A one-time key in a hidden field, fresh on every form that is shown, so that a service can tell a
    retried POST (the same key again: a double click, a retry after an error page) from a new one.
    Usage: `submission = SubmissionKeyField()`; the service stores it unique per author."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


PASSWORD_HELP = _(
    "At least 12 characters. A sentence of a few words is long, easy to remember and hard to guess; "
    "digits or special characters are not required."
)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the name others see and the language of our mails (stored by AccountAdapter)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        help_text=_("The name others see next to what you write, for example your first and last name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_visible_text, validate_display_name],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=User._meta.get_field("language").choices,
        help_text=_("The language of the mails we send you."),
    )
    field_order = ["display_name", "email", "password1", "password2", "language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()
        self.fields["password1"].help_text = PASSWORD_HELP


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where it names the form's fields,
    so the page shows each message beside what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class NotificationPreferencesForm(forms.Form):
    """One choice per kind of notification: mail right away, in a daily or weekly digest, or no mail."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how you want to hear of this."),
                    "invalid_choice": _("Choose how you want to hear of this."),
                },
            )
