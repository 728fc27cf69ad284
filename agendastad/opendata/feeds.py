"""Atom feeds of new public initiatives: all of them, a region's, a theme's, each narrowed further by the list's
query parameters (`/initiatieven/feed.xml?missing=business`). Titles in the request's language."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion

from .exports import ATTRIBUTION, LICENCE
from .selectors import newest_public_initiatives


@dataclass(frozen=True)
class FeedSubject:
    """What one request's feed is about; a Feed instance serves every request, so it keeps nothing itself."""

    params: QueryDict
    place: LabourMarketRegion | Theme | None = None


class InitiativeFeed(Feed):
    feed_type = Atom1Feed
    author_name = ATTRIBUTION
    feed_copyright = f"{ATTRIBUTION}, {LICENCE}"

    def get_object(self, request, *args, **kwargs) -> FeedSubject:
        return FeedSubject(request.GET)

    def title(self, obj: FeedSubject) -> str:
        return _("New initiatives · Agenda Stad")

    def subtitle(self, obj: FeedSubject) -> str:
        return _("Initiatives newly registered on Agenda Stad, newest first.")

    def link(self, obj: FeedSubject) -> str:
        return reverse("initiatives:list")

    def items(self, obj: FeedSubject) -> list[Initiative]:
        return list(newest_public_initiatives(obj.params))

    def item_title(self, item: Initiative) -> str:
        return item.title

    def item_description(self, item: Initiative) -> str:
        return item.summary

    def item_pubdate(self, item: Initiative):
        return item.created_at

    def item_updateddate(self, item: Initiative):
        return item.last_activity_at

    def item_author_name(self, item: Initiative) -> str:
        return item.lead_organisation.name

    def item_categories(self, item: Initiative) -> list[str]:
        return [theme.name for theme in item.themes.all()]


class PlaceFeed(InitiativeFeed):
    """A region's or a theme's feed: the list's filter `parameter` set to the place's slug."""

    places: QuerySet
    parameter: str

    def get_object(self, request, *args, **kwargs) -> FeedSubject:
        place = get_object_or_404(self.places, slug=kwargs["slug"])
        params = request.GET.copy()
        params.setlist(self.parameter, [place.slug])
        return FeedSubject(params, place)

    def link(self, obj: FeedSubject) -> str:
        return obj.place.get_absolute_url()


class RegionFeed(PlaceFeed):
    places = LabourMarketRegion.objects.defer("boundary")
    parameter = "region"

    def title(self, obj: FeedSubject) -> str:
        return _("New initiatives in %(region)s · Agenda Stad") % {"region": obj.place.name}

    def subtitle(self, obj: FeedSubject) -> str:
        return _("Initiatives newly registered in the labour-market region %(region)s, newest first.") % {
            "region": obj.place.name
        }


class ThemeFeed(PlaceFeed):
    places = Theme.objects.all()
    parameter = "theme"

    def title(self, obj: FeedSubject) -> str:
        return _("New initiatives on %(theme)s · Agenda Stad") % {"theme": obj.place.name}

    def subtitle(self, obj: FeedSubject) -> str:
        return _("Initiatives newly registered on the theme %(theme)s, newest first.") % {"theme": obj.place.name}
