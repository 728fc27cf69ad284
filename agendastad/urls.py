from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.defaults import bad_request as django_bad_request

from agendastad.accounts import views as account_views
from agendastad.api import views as api_views
from agendastad.core.page_cache import public_page
from agendastad.opendata.sitemaps import SITEMAPS
from agendastad.opendata.views import RobotsView
from agendastad.pages import views
from agendastad.pages.urls import region_pages
from regions import urls as regions_urls

admin.site.site_header = "Agenda Stad"
admin.site.site_title = "Agenda Stad"

urlpatterns = i18n_patterns(
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("", include((regions_urls.urlpatterns + region_pages, regions_urls.app_name))),
    path("mijn/", views.MineView.as_view(), name="mine"),
    path("", include("agendastad.notifications.urls")),
    path("account/verwijderen/", account_views.UserDeactivateView.as_view(), name="account_delete"),
    path("account/sessions/<int:pk>/afmelden/", account_views.UserSessionEndView.as_view(), name="usersession_end"),
    path("account/2fa/totp/activate/", account_views.TOTPActivateView.as_view(), name="mfa_activate_totp"),
    path("account/", include("allauth.urls")),
    path("", include("agendastad.insight.urls")),
    path("", include("agendastad.opendata.urls")),
    path("", include("agendastad.agendas.urls")),
    path("", include("initiatives.urls")),
    path("beheer/", admin.site.urls),
    prefix_default_language=False,
)

# Addresses that stay the same in every language: machines read them.
urlpatterns += [
    path("api/v1/", include("agendastad.api.urls")),
    path("robots.txt", public_page(RobotsView.as_view()), name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

handler403 = "agendastad.pages.views.permission_denied"


def page_not_found(request, exception=None):
    """JSON under /api/, where machines read; the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return api_views.not_found(request, exception)
    return views.page_not_found(request, exception)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return api_views.bad_request(request, exception)
    return django_bad_request(request, exception)


handler404 = page_not_found
handler400 = bad_request

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
