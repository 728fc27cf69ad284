from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiatives")
router.register("organisations", views.OrganisationViewSet, basename="organisations")
router.register("regions", views.RegionViewSet, basename="regions")
router.register("municipalities", views.MunicipalityViewSet, basename="municipalities")
router.register("themes", views.ThemeViewSet, basename="themes")
router.register("programmes", views.ProgrammeViewSet, basename="programmes")
router.register("target-groups", views.TargetGroupViewSet, basename="target-groups")
router.register("agendas", views.AgendaViewSet, basename="agendas")

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    *router.urls,
]
