from django.urls import path

from agendastad.core.page_cache import public_page

from . import network_views

app_name = "insight"
urlpatterns: list = [
    path("inzicht/netwerk/", public_page(network_views.NetworkView.as_view()), name="network"),
    path("regios/<slug:slug>/netwerk/", public_page(network_views.RegionNetworkView.as_view()), name="region_network"),
]
