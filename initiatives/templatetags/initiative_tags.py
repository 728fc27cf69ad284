from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timesince import timesince

from agendastad.core.markdown import markdown_display
from initiatives.models import Status
from initiatives.selectors import Coverage, coverage_of, crosses_border
from regions.models import Helix

register = template.Library()


@register.inclusion_tag("components/helix_coverage.html")
def helix_coverage(initiative_or_coverage) -> dict:
    """Usage: {% helix_coverage initiative %} or {% helix_coverage region_coverage %}: badges per helix and
    whether the triple helix is complete. An initiative needs `accepted_partnerships` prefetched."""
    if isinstance(initiative_or_coverage, Coverage):
        return {"coverage": initiative_or_coverage}
    return {"coverage": coverage_of(initiative_or_coverage)}


@register.inclusion_tag("components/cross_border_badge.html")
def cross_border_badge(initiative) -> dict:
    """Usage: {% cross_border_badge initiative %}: "cross-border" when an accepted partner is located outside the
    Netherlands, nothing otherwise. Needs `accepted_partnerships` prefetched."""
    return {"crosses_border": crosses_border(initiative)}


@register.simple_tag
def helix_label(helix: str) -> str:
    """Usage: {% helix_label "business" %}"""
    return Helix(helix).label


@register.filter
def markdown(text: str, html: str) -> SafeString:
    """Usage: {{ initiative.description|markdown:initiative.description_html }}: the HTML stored when the text
    was saved, or the text escaped with its line breaks when there is none. Nothing is rendered here."""
    return markdown_display(text, html)


@register.inclusion_tag("components/sought_places.html")
def sought_places(initiative, note_length: int = 0) -> dict:
    """Usage: {% sought_places initiative %}; what the initiative still seeks, which places a partner filled, and
    its note (cut to `note_length` characters when given, as on a card). Needs `sought_partners` prefetched
    (`with_list_data` and `initiative_detail` do)."""
    places = list(initiative.sought_partners.all())
    return {
        "open": [place for place in places if not place.is_filled],
        "filled": [place for place in places if place.is_filled],
        "note": initiative.sought_note,
        "note_length": note_length,
    }


@register.filter
def status_label(status: str) -> str:
    """Usage: {{ "running"|status_label }}: the status in the active language (mails store the value)."""
    return Status(status).label if status in Status.values else status


RECENT_DAYS = 30
"""Up to this age an activity is told as "3 days ago"; older ones by their date."""


@register.inclusion_tag("components/last_activity.html")
def last_activity(moment: datetime) -> dict:
    """Usage: {% last_activity initiative.last_activity_at %}: "Last activity: today", "… 3 days ago" (one unit,
    up to RECENT_DAYS) or "… on 4 March 2025", in a <time> element with the machine-readable date."""
    age = timezone.now() - moment
    if age < timedelta(days=1):
        when = None
    elif age < timedelta(days=RECENT_DAYS):
        when = timesince(moment, depth=1)
    else:
        when = ""
    return {"moment": moment, "today": when is None, "ago": when or ""}
