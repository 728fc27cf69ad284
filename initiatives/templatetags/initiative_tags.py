from django import template

from agendastad.markdown import render_markdown
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
def markdown(text: str) -> str:
    """Usage: {{ initiative.description|markdown }}; sanitised HTML from Markdown."""
    return render_markdown(text)
