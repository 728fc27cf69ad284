from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, NotificationKind


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
