from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Agenda Stad"
admin.site.site_title = "Agenda Stad"

urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("regios/", include("regions.urls")),
    path("", include("initiatives.urls")),
    path("beheer/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
