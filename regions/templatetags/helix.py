"""The helix badge, a template builtin beside the NL Design System components (settings: TEMPLATES builtins)."""

from django import template

from regions.models import Helix

register = template.Library()


@register.inclusion_tag("components/helix_badge.html")
def helix_badge(helix: str) -> dict:
    """Usage: {% helix_badge organisation.helix %}; the helix as a coloured badge with its name."""
    return {"helix": helix, "label": Helix(helix).label}


@register.inclusion_tag("components/unverified_badge.html")
def unverified_badge(organisation) -> dict:
    """Usage: {% unverified_badge organisation %}: "not verified yet" beside an organisation that no coordinator or
    moderator has verified, nothing beside a verified one. Wherever an organisation shows as a partner."""
    return {"unverified": not organisation.is_verified}
