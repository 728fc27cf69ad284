from django import template
from django.utils.safestring import SafeString

from agendastad.core.markdown import markdown_display
from initiatives.selectors import Coverage, coverage_of
from regions.models import Helix

register = template.Library()


@register.inclusion_tag("components/helix_coverage.html")
def helix_coverage(initiative_or_coverage) -> dict:
    """Usage: {% helix_coverage initiative %} or {% helix_coverage region_coverage %}: badges per helix and
    whether the triple helix is complete. An initiative needs `accepted_partnerships` prefetched."""
    if isinstance(initiative_or_coverage, Coverage):
        return {"coverage": initiative_or_coverage}
    return {"coverage": coverage_of(initiative_or_coverage)}


@register.simple_tag
def helix_label(helix: str) -> str:
    """Usage: {% helix_label "business" %}"""
    return Helix(helix).label


@register.filter
def markdown(text: str, html: str) -> SafeString:
    """Usage: {{ initiative.description|markdown:initiative.description_html }}: the HTML stored when the text
    was saved, or the text escaped with its line breaks when there is none. Nothing is rendered here."""
    return markdown_display(text, html)
