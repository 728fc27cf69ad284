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

from agendastad.agendas.models import RegionAgenda
from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion

from .exports import ATTRIBUTION, LICENCE
from .selectors import newest_public_initiatives, newest_published_agendas


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


class AgendaFeed(Feed):
    """Newly published region agendas, most recent first: all of them, or one region's (`RegionAgendaFeed`).
    Drafts never; an agenda taken back to draft leaves the feed."""

    feed_type = Atom1Feed
    author_name = ATTRIBUTION
    feed_copyright = f"{ATTRIBUTION}, {LICENCE}"

    def get_object(self, request, *args, **kwargs) -> LabourMarketRegion | None:
        return None

    def title(self, obj: LabourMarketRegion | None) -> str:
        return _("New region agendas · Agenda Stad")

    def subtitle(self, obj: LabourMarketRegion | None) -> str:
        return _("Region agendas newly published on Agenda Stad, newest first.")

    def link(self, obj: LabourMarketRegion | None) -> str:
        return reverse("agendas:list")

    def items(self, obj: LabourMarketRegion | None) -> list[RegionAgenda]:
        return list(newest_published_agendas(obj))

    def item_title(self, item: RegionAgenda) -> str:
        return f"{item.region.name}: {item.title} ({item.first_year}\u2013{item.last_year})"

    def item_description(self, item: RegionAgenda) -> str:
        return item.summary

    def item_pubdate(self, item: RegionAgenda):
        return item.published_at

    def item_updateddate(self, item: RegionAgenda):
        return item.updated_at

    def item_author_name(self, item: RegionAgenda) -> str:
        return item.region.name

    def item_categories(self, item: RegionAgenda) -> list[str]:
        return [str(item.get_kind_display())]


class RegionAgendaFeed(AgendaFeed):
    def get_object(self, request, *args, **kwargs) -> LabourMarketRegion:
        return get_object_or_404(LabourMarketRegion.objects.defer("boundary"), slug=kwargs["slug"])

    def title(self, obj: LabourMarketRegion) -> str:
        return _("New agendas of %(region)s · Agenda Stad") % {"region": obj.name}

    def subtitle(self, obj: LabourMarketRegion) -> str:
        return _("Agendas newly published by the labour-market region %(region)s, newest first.") % {"region": obj.name}

    def link(self, obj: LabourMarketRegion) -> str:
        return reverse("agendas:region", kwargs={"slug": obj.slug})
