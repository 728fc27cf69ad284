"""Model fields shared by the apps."""

from django.core import validators
from django.db import models

from .markdown import validate_markdown_nesting


class BoundedTextField(models.TextField):
    """A TextField whose `max_length` model validation enforces too (Django's own only passes it to the form
    widget), so that the admin, the spreadsheet import and the services hold the limit as forms do."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))


class MarkdownField(BoundedTextField):
    """Markdown, bounded in length and in how deep its lists and quotes lie, in the model and in its form field.
    The services store the rendered HTML beside it (`agendastad.core.markdown.render_markdown`)."""

    default_validators = [validate_markdown_nesting]

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.validators.append(validate_markdown_nesting)
        return field
