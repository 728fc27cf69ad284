from django import template
from django.http import HttpRequest

from initiatives.models import Theme

from ..maps import choropleth, chosen_map, counted_choropleth, counted_map_choice, map_choices, switch_links

register = template.Library()


@register.inclusion_tag("insight/region_choropleth.html")
def region_choropleth(request: HttpRequest, heading_level: int = 2, id: str = "kaart") -> dict:
    """Usage: {% load insight_map %}{% region_choropleth request %}, or with `heading_level=3` under an h2.

    The map of the current labour-market regions shaded by a public figure, with its switches, its legend and
    the figures as a table (the accessible alternative, whose region links are the ones the keyboard reaches;
    the map's own links are for the mouse). The switches are plain links that set `?kaart=` on this page and keep
    its other parameters; an unknown value shows the default map. `id` names the map's anchor (`#kaart`): give
    another one when a page has two maps.
    """
    choices = map_choices(Theme.objects.all())
    choice = chosen_map(request.GET, choices)
    return {
        "map": choropleth(choice),
        "switches": switch_links(request.GET, request.path, choices),
        "heading_level": heading_level,
        "id": id,
    }


@register.inclusion_tag("insight/region_choropleth.html")
def counted_region_choropleth(
    counts: dict[int, int], title: str, explanation: str, heading_level: int = 2, id: str = "kaart"
) -> dict:
    """Usage: {% counted_region_choropleth counts title explanation %}: the current regions shaded by given counts of
    public initiatives ({region pk: count}), with the legend and the table, and no switches."""
    choice = counted_map_choice(title=title, explanation=explanation)
    return {"map": counted_choropleth(choice, counts), "switches": [], "heading_level": heading_level, "id": id}
