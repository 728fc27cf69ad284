"""Pages of the regions app that show initiatives or their figures; the root URLs put them in `regions`."""

from django.urls import path

from agendastad.core.page_cache import public_page

from . import views

region_pages = [
    path("regios/", public_page(views.RegionListView.as_view()), name="list"),
    path("regios/<slug:slug>/", public_page(views.RegionDetailView.as_view()), name="detail"),
    path("regios/<slug:slug>/rapport/", public_page(views.RegionReportView.as_view()), name="report"),
    path("mijn/regio/<slug:slug>/", views.WorkspaceView.as_view(), name="workspace"),
    path("organisaties/<slug:slug>/", public_page(views.OrganisationDetailView.as_view()), name="organisation_detail"),
]
