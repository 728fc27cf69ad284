from django.forms.renderers import TemplatesSetting


class NLDesignSystemFormRenderer(TemplatesSetting):
    """Renders every form field through one template in NL Design System (Utrecht) markup."""

    field_template_name = "components/form_field.html"
