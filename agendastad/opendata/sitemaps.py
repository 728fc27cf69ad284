"""sitemap.xml: the public pages, each in Dutch and in English with the other as its alternate.

Only what anyone may see: public initiatives (never drafts, hidden or archived ones), current regions, the
themes, and verified organisations (an organisation nobody has checked yet is left for search engines to find
later, so a made-up one gains nothing from being listed).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from initiatives.models import Initiative, Theme
from regions.models import LabourMarketRegion, Organisation


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "initiatives:list",
            "initiatives:theme_list",
            "initiatives:matchmaking",
            "regions:list",
            "regions:organisation_list",
            "insight:overview",
            "insight:network",
            "opendata:index",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class InitiativeSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Initiative]:
        return Initiative.objects.public().only("slug", "last_activity_at").order_by("pk")

    def lastmod(self, item: Initiative):
        return item.last_activity_at


class RegionSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[LabourMarketRegion]:
        return LabourMarketRegion.objects.current().only("slug").order_by("pk")


class ThemeSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Theme]:
        return Theme.objects.only("slug").order_by("number")


class OrganisationSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.verified().only("slug").order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "initiatives": InitiativeSitemap,
    "regions": RegionSitemap,
    "themes": ThemeSitemap,
    "organisations": OrganisationSitemap,
}
