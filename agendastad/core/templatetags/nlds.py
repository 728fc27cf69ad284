"""Template tags for NL Design System (Utrecht) components; loaded in every template as builtins."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.urls import translate_url

register = template.Library()

WIDGET_CLASSES = [
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
]


MESSAGE_LEVEL_ALERT_TYPES = {"success": "ok", "debug": "info"}


@register.inclusion_tag("components/heading.html")
def heading(level: int, text: str, id: str = "") -> dict:
    """Usage: {% heading 2 _("Themes") id="themes" %}"""
    return {"level": level, "text": text, "id": id}


@register.inclusion_tag("components/button.html")
def button(
    label: str, type: str = "submit", appearance: str = "primary-action", name: str = "", value: str = ""
) -> dict:
    """Usage: {% button _("Search") %} or {% button _("Delete") appearance="secondary-action" name="delete" %}"""
    return {"label": label, "type": type, "appearance": appearance, "name": name, "value": value}


@register.inclusion_tag("components/button_link.html")
def button_link(href: str, text: str, appearance: str = "primary-action", id: str = "") -> dict:
    """Usage: {% button_link create_url _("Register an initiative") %} or with appearance="secondary-action";
    a link that looks like a button, for going somewhere rather than submitting a form."""
    return {"href": href, "text": text, "appearance": appearance, "id": id}


@register.inclusion_tag("components/breadcrumb.html")
def breadcrumb(*hrefs_and_texts: str) -> dict:
    """Usage: {% breadcrumb mine_url _("My overview") list_url _("Notifications") %}; the pages above
    this one, from the top down, as pairs of address and name."""
    if len(hrefs_and_texts) % 2:
        raise template.TemplateSyntaxError("breadcrumb takes pairs of address and name")
    return {"links": list(zip(hrefs_and_texts[::2], hrefs_and_texts[1::2], strict=True))}


@register.inclusion_tag("components/link.html")
def link(href: str, text: str, current: bool = False, lang: str = "", hreflang: str = "") -> dict:
    """Usage: {% link region.get_absolute_url region.name %}; current=True marks the page you are on."""
    return {"href": href, "text": text, "current": current, "lang": lang, "hreflang": hreflang}


@register.inclusion_tag("components/alert.html")
def alert(message: str, type: str = "info") -> dict:
    """Usage: {% alert _("Saved.") type="ok" %}; type is info, ok, warning or error (or a messages level tag)."""
    return {"message": message, "type": MESSAGE_LEVEL_ALERT_TYPES.get(type, type)}


@register.inclusion_tag("components/card.html")
def card(title: str, href: str, text: str = "", meta: str = "", heading_level: int = 3) -> dict:
    """Usage: {% card theme.name theme.get_absolute_url text=theme.description meta=_("Theme 1") %}"""
    return {"title": title, "href": href, "text": text, "meta": meta, "heading_level": heading_level}


@register.simple_tag
def form_field(field: BoundField) -> str:
    """Usage: {% form_field form.email %}; renders label, help, errors and input in Utrecht markup."""
    return field.as_field_group()


@register.filter
def nlds_widget(field: BoundField) -> str:
    """Render the field's widget with Utrecht classes, and link its help text and errors to it."""
    widget = field.field.widget
    classes = next(css for cls, css in WIDGET_CLASSES if isinstance(widget, cls))
    attrs = {"class": classes + (" utrecht-textbox--invalid" if field.errors and "textbox" in classes else "")}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    """True for fields that render several inputs (radio buttons, checkboxes) and need a fieldset."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.inclusion_tag("components/link.html", takes_context=True)
def nav_link(context, href: str, text: str, exact: bool = False) -> dict:
    """Usage: {% nav_link regions_url _("Regions") %}; marked current on that page and the pages below it,
    or with `exact=True` on that page only (for a link whose pages below have a link of their own)."""
    path = context["request"].path
    return {"href": href, "text": text, "current": path == href if exact else path.startswith(href)}


@register.simple_tag(takes_context=True)
def alternate_url(context, language_code: str) -> str:
    """Usage: {% alternate_url "en" %}; the current page in another language."""
    return translate_url(context["request"].get_full_path(), language_code)
