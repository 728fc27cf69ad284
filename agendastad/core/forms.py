import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


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


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where it names the form's fields,
    so the page shows each message beside what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
