"""The read-only JSON API under /api/v1/ (docs/api.md): public data only, the same for everyone.

It speaks English (messages, schema, docs page), whatever language the visitor's browser asks for; links to
the site's pages point at their default (Dutch) address.
"""

from typing import ClassVar

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView
from rest_framework.views import exception_handler as rest_exception_handler

from agendastad.insight.selectors import figure_table
from initiatives.models import Theme

from . import selectors, serializers
from .filters import AgendaApiFilter, InitiativeApiFilter, MunicipalityApiFilter, OrganisationApiFilter, RegionApiFilter
from .pagination import KeysetPagination

INVALID_PARAMETERS = "Invalid query parameters: see `errors` for each of them."


def exception_handler(exc, context) -> Response | None:
    """Every error as {"detail": "...", "errors": {parameter: [messages]}}, the errors for bad parameters only."""
    response = rest_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"detail": INVALID_PARAMETERS, "errors": errors}
    return response


def not_found(request: HttpRequest, exception=None) -> JsonResponse:
    """404 for an address under /api/ that no view answers (the root URLconf's handler404 sends them here)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request: HttpRequest, exception=None) -> JsonResponse:
    """400 for a request under /api/ that was refused before any view (a NUL character in the query string)."""
    return JsonResponse(
        {"detail": "Bad request: the address or its query string holds a character it cannot."}, status=400
    )


class ApiAnswerMixin:
    """Messages in English and, for anonymous readers, answers that browsers and caches may keep a while."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = "en"
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if request.method in ("GET", "HEAD") and response.status_code == 200 and anonymous:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response


class ResourceViewSet(ApiAnswerMixin, viewsets.ReadOnlyModelViewSet):
    """List (paged by cursor over `ordering`, filtered by `filterset_class`) and detail by `lookup_field`."""

    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]
    ordering: tuple[str, ...] = ("id",)
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class InitiativeViewSet(ResourceViewSet):
    """Public initiatives: never drafts, hidden or archived ones. The list takes the filters of the site's list
    page (/initiatieven/) and gives the same initiatives for them, newest first."""

    filterset_class = InitiativeApiFilter
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return selectors.api_initiatives() if self.action == "list" else selectors.api_initiative_detail()

    def get_serializer_class(self):
        return serializers.InitiativeSerializer if self.action == "list" else serializers.InitiativeDetailSerializer


class OrganisationViewSet(ResourceViewSet):
    """Organisations taking part, with the filters of the site's organisation list (/organisaties/)."""

    filterset_class = OrganisationApiFilter
    serializer_class = serializers.OrganisationSerializer
    ordering = ("name", "id")

    def get_queryset(self):
        return selectors.api_organisations()


class FiguresMixin:
    """The counts of public initiatives, from the one table of public figures (agendastad.insight)."""

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "figures": figure_table()}


class RegionViewSet(FiguresMixin, ResourceViewSet):
    """Labour-market regions (the current CBS classification unless `include_retired`), with their current
    municipalities and the number of public initiatives that work in them."""

    filterset_class = RegionApiFilter
    serializer_class = serializers.RegionSerializer
    ordering = ("name", "id")

    def get_queryset(self):
        return selectors.api_regions()


class MunicipalityViewSet(ResourceViewSet):
    """Municipalities (the current CBS classification unless `include_retired`) and their region."""

    filterset_class = MunicipalityApiFilter
    serializer_class = serializers.MunicipalitySerializer
    ordering = ("code",)
    lookup_field = "code"

    def get_queryset(self):
        return selectors.api_municipalities()


class ThemeViewSet(FiguresMixin, ResourceViewSet):
    """The six themes of the SER advice *Agenda voor de stad*, in Dutch and English."""

    serializer_class = serializers.ThemeSerializer
    filter_backends = []
    ordering = ("number",)

    def get_queryset(self):
        return Theme.objects.all()


class ProgrammeViewSet(ResourceViewSet):
    """National programmes and deals (the top sectors, the Techniekpact, Green Deals, …), kept by moderators,
    with the number of public initiatives that work each out."""

    serializer_class = serializers.ProgrammeSerializer
    filter_backends = []
    ordering = ("name_nl", "id")

    def get_queryset(self):
        return selectors.api_programmes()


class TargetGroupViewSet(ResourceViewSet):
    """The groups of people initiatives help take part, kept by moderators, with the number of public
    initiatives that help each."""

    serializer_class = serializers.TargetGroupSerializer
    filter_backends = []
    ordering = ("name_nl", "id")

    def get_queryset(self):
        return selectors.api_target_groups()


class AgendaViewSet(ResourceViewSet):
    """Published region agendas (never drafts), with their priorities, the public initiatives serving each and
    their helix gaps, and the organisations committed to them. The list takes the filters of the site's agenda
    list (/agendas/), most recently published first."""

    filterset_class = AgendaApiFilter
    serializer_class = serializers.AgendaSerializer
    ordering = ("-published_at", "-id")

    def get_queryset(self):
        return selectors.api_agendas()


RESOURCES = (
    "initiatives",
    "organisations",
    "regions",
    "municipalities",
    "themes",
    "programmes",
    "target-groups",
    "agendas",
)


class ApiRootView(ApiAnswerMixin, APIView):
    """Where everything is: the lists, the OpenAPI schema and the documentation."""

    @extend_schema(exclude=True)
    def get(self, request):
        links = {name: reverse(f"api:{name}-list", request=request) for name in RESOURCES}
        return Response(
            {
                **links,
                "openapi": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
            }
        )


class SchemaView(ApiAnswerMixin, SpectacularJSONAPIView):
    """The OpenAPI 3 schema, at a stable address: /api/v1/openapi.json. Generated once per process (it takes a
    quarter of a second and changes only with the code)."""

    kept: ClassVar[dict[str, Response]] = {}

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if "schema" not in self.kept:
            self.kept["schema"] = super().get(request, *args, **kwargs)
        generated = self.kept["schema"]
        return Response(generated.data, headers={"Content-Disposition": generated["Content-Disposition"]})


class DocsView(TemplateView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), started by a static script: no CDN and
    nothing inline, so the site's Content-Security-Policy holds here too."""

    template_name = "api/docs.html"
