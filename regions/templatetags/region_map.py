from django import template
from django.core.cache import cache
from django.db.models import Max

from regions.models import LabourMarketRegion
from regions.selectors import region_map_shapes

register = template.Library()


@register.inclusion_tag("components/region_map.html")
def region_map() -> dict:
    """Usage: {% region_map %}; the map of all current regions, each linking to its page.

    The outlines only change when a new classification is loaded, so they are cached per year.
    """
    year = LabourMarketRegion.objects.aggregate(year=Max("classification_year"))["year"]
    return cache.get_or_set(f"region-map-{year}", region_map_shapes, timeout=None)
