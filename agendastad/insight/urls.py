from django.urls import path

from agendastad.core.page_cache import public_page

from . import network_views, programme_views, views

app_name = "insight"
urlpatterns: list = [
    path("inzicht/", public_page(views.OverviewView.as_view()), name="overview"),
    path("inzicht/netwerk/", public_page(network_views.NetworkView.as_view()), name="network"),
    path("programmas/", public_page(programme_views.ProgrammeListView.as_view()), name="programme_list"),
    path(
        "programmas/<slug:slug>/",
        public_page(programme_views.ProgrammeDetailView.as_view()),
        name="programme_detail",
    ),
    path("regios/<slug:slug>/netwerk/", public_page(network_views.RegionNetworkView.as_view()), name="region_network"),
]
