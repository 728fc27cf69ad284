from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from agendastad.core.text import validate_display_name, validate_visible_text

from .models import User

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
