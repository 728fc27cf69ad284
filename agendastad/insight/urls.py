from django.urls import path

from agendastad.core.page_cache import public_page

from . import views

app_name = "insight"
urlpatterns = [
    path("inzicht/", public_page(views.OverviewView.as_view()), name="overview"),
]
