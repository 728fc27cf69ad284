"""The root URLs of the benchmark settings: the site's own, plus the bare view every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns


def bare(request):
    """The least a Django page can cost on this server: the same middleware, no database, no template."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
