from django.urls import path

from agendastad.core.page_cache import public_page

from . import feeds, views

app_name = "opendata"
# Exports and the all-initiatives feed have a dot in their last part, which no slug can hold: no clash with
# /initiatieven/<slug>/ (initiatives.urls comes after these patterns).
urlpatterns = [
    path("open-data/", public_page(views.OpenDataView.as_view()), name="index"),
    path("initiatieven/export.csv", views.InitiativeExportView.as_view(format="csv"), name="export_csv"),
    path("initiatieven/export.xlsx", views.InitiativeExportView.as_view(format="xlsx"), name="export_xlsx"),
    path("initiatieven/export.json", views.InitiativeExportView.as_view(format="json"), name="export_json"),
    path("initiatieven/feed.xml", public_page(feeds.InitiativeFeed()), name="feed"),
    path("regios/<slug:slug>/feed/", public_page(feeds.RegionFeed()), name="region_feed"),
    path("agendas/export.csv", views.PriorityExportView.as_view(format="csv"), name="priority_export_csv"),
    path("agendas/export.xlsx", views.PriorityExportView.as_view(format="xlsx"), name="priority_export_xlsx"),
    path("agendas/export.json", views.PriorityExportView.as_view(format="json"), name="priority_export_json"),
    path("agendas/feed.xml", public_page(feeds.AgendaFeed()), name="agenda_feed"),
    path("regios/<slug:slug>/agendas/feed/", public_page(feeds.RegionAgendaFeed()), name="region_agenda_feed"),
    path("themas/<slug:slug>/feed/", public_page(feeds.ThemeFeed()), name="theme_feed"),
]
