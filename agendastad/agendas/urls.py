from django.urls import path

from agendastad.core.page_cache import public_page

from . import views

app_name = "agendas"
urlpatterns = [
    path("agendas/", public_page(views.AgendaListView.as_view()), name="list"),
    path("regios/<slug:slug>/agendas/", public_page(views.RegionAgendaListView.as_view()), name="region"),
    path("regios/<slug:slug>/agendas/nieuw/", views.AgendaCreateView.as_view(), name="create"),
    path("agendas/<slug:slug>/", public_page(views.AgendaDetailView.as_view()), name="detail"),
    path("agendas/<slug:slug>/bewerken/", views.AgendaUpdateView.as_view(), name="update"),
    path("agendas/<slug:slug>/versies/", views.AgendaHistoryView.as_view(), name="history"),
    path("agendas/<slug:slug>/publiceren/", views.AgendaPublishView.as_view(), name="publish"),
    path("agendas/<slug:slug>/terugtrekken/", views.AgendaUnpublishView.as_view(), name="unpublish"),
    path("agendas/<slug:slug>/verbinden/", views.AgendaCommitView.as_view(), name="commit"),
    path("initiatieven/<slug:slug>/agendas/", views.InitiativePrioritiesView.as_view(), name="initiative"),
]
