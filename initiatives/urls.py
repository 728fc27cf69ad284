from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("themas/", views.ThemeListView.as_view(), name="theme_list"),
    path("themas/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
]
