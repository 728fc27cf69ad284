"""The helix badge, a template builtin beside the NL Design System components (settings: TEMPLATES builtins)."""

from django import template

from regions.models import Helix, OrganisationKind

register = template.Library()


@register.inclusion_tag("components/helix_badge.html")
def helix_badge(helix: str) -> dict:
    """Usage: {% helix_badge organisation.helix %}; the helix as a coloured badge with its name."""
    return {"helix": helix, "label": Helix(helix).label}


@register.filter
def sought_label(key: str) -> str:
    """Usage: {{ "helix:knowledge"|sought_label }}; what a sought place (`SoughtPartner.key`) names, in the active
    language: a helix or a kind of organisation. Notifications store the key, so each reader gets their language."""
    what, _, value = str(key).partition(":")
    choices = Helix if what == "helix" else OrganisationKind
    return str(choices(value).label) if value in choices.values else ""


@register.inclusion_tag("components/unverified_badge.html")
def unverified_badge(organisation) -> dict:
    """Usage: {% unverified_badge organisation %}: "not verified yet" beside an organisation that no coordinator or
    moderator has verified, nothing beside a verified one. Wherever an organisation shows as a partner."""
    return {"unverified": not organisation.is_verified}
