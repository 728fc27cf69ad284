from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.agendas.selectors import region_agendas
from agendastad.core.view_mixins import RequestSubjectMixin
from agendastad.insight.dashboard import region_dashboard, region_top_initiatives
from agendastad.insight.participation import target_groups_counted
from agendastad.insight.selectors import figure_table
from agendastad.notifications.selectors import follows_of
from initiatives.hidden import HiddenItem, hidden_item_context
from initiatives.models import Initiative, Theme
from initiatives.selectors import (
    NEW_WITHIN,
    coordinated_regions_summary,
    invitations_waiting_for,
    partnership_inbox,
    region_workspace,
    with_list_data,
)
from regions.filters import RegionFilter
from regions.forms import ClassificationYearForm
from regions.models import LabourMarketRegion, Organisation
from regions.selectors import (
    organisation_duplicates,
    organisation_list,
    organisation_public_members,
    person_overview,
    regions_with_counts,
    second_factor_state,
)


def _second_factor_state(request):
    """A request refused before the authentication middleware ran (a NUL in its address) has no person yet."""
    return second_factor_state(getattr(request, "user", AnonymousUser()))


def _hidden_item(request, exception, status: int):
    """The page about an item hidden by moderation (`initiatives.hidden`), with the status it was refused with."""
    context = hidden_item_context(request.user, exception)
    return render(
        request,
        "initiatives/hidden_item.html",
        {**context, "second_factor": _second_factor_state(request)},
        status=status,
    )


def permission_denied(request, exception=None):
    """403, explaining to a moderator or coordinator without the second factor how their rights start to count."""
    if isinstance(exception, HiddenItem):
        return _hidden_item(request, exception, 403)
    return render(request, "403.html", {"second_factor": _second_factor_state(request)}, status=403)


def page_not_found(request, exception=None):
    """404; a moderator or coordinator without the second factor is told that drafts and hidden items wait for it."""
    if isinstance(exception, HiddenItem):
        return _hidden_item(request, exception, 404)
    return render(request, "404.html", {"second_factor": _second_factor_state(request)}, status=404)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=Theme.objects.all(),
            regions=regions_with_counts(),
            **kwargs,
        )


class MineView(PermissionRequiredMixin, TemplateView):
    """A person's own overview: organisations and roles, what waits for them, their account."""

    permission_required = "regions.view_mine"
    template_name = "mine.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **person_overview(user),
            follows=follows_of(user),
            coordination=coordinated_regions_summary(user),
            partnerships=partnership_inbox(user),
            **kwargs,
        )


class WorkspaceView(PermissionRequiredMixin, RequestSubjectMixin, TemplateView):
    """What waits for a region's coordinators: organisations to verify, reports, new initiatives, initiatives whose
    call for partners nobody answered, initiatives gone quiet and invitations nobody can answer. Linked from
    /mijn/ for the regions a person coordinates, and from the region page for moderators."""

    permission_required = "regions.coordinate_region"
    queryset = LabourMarketRegion.objects.defer("boundary")
    template_name = "pages/workspace.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            region=self.object,
            sections=region_workspace(self.object, self.request.user),
            new_within_days=NEW_WITHIN.days,
            **kwargs,
        )


class RegionListView(FilterView):
    """The regions with their municipalities and the figures of their public initiatives, under the map."""

    filterset_class = RegionFilter
    template_name = "pages/region_list.html"

    def get_queryset(self):
        return regions_with_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = figure_table()
        context["rows"] = [(region, table.of(region.pk)) for region in context["object_list"]]
        return context


class RegionDetailView(DetailView):
    """The region's dashboard: figures about its public initiatives (kept until the next write), and the latest
    initiatives this person may see."""

    queryset = LabourMarketRegion.objects.defer("boundary")

    def get_context_data(self, **kwargs):
        year_form = ClassificationYearForm(self.request.GET)
        dashboard = region_dashboard(self.object, year_form.year if self.request.GET.get("year") else None)
        initiatives = (
            Initiative.objects.visible_to(self.request.user).in_region(self.object).order_by("-last_activity_at")
        )
        return super().get_context_data(
            dashboard=dashboard,
            year_form=year_form,
            shown_year=year_form.year,
            provinces=dashboard.provinces,
            coverage=dashboard.coverage,
            initiatives=with_list_data(initiatives)[:10],
            agendas=region_agendas(self.object),
            target_groups=target_groups_counted(self.object.pk),
            **kwargs,
        )


class RegionReportView(DetailView):
    """One printable page about the region's public initiatives, for a council letter, with the municipalities of
    the classification year picked on the dashboard (`?year=`)."""

    queryset = LabourMarketRegion.objects.defer("boundary")
    template_name = "regions/labourmarketregion_report.html"

    def get_context_data(self, **kwargs):
        year_form = ClassificationYearForm(self.request.GET)
        return super().get_context_data(
            dashboard=region_dashboard(self.object, year_form.year if self.request.GET.get("year") else None),
            shown_year=year_form.year,
            top_initiatives=region_top_initiatives(self.object),
            today=timezone.localdate(),
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    model = Organisation

    def get_queryset(self):
        return organisation_list()

    def get_context_data(self, **kwargs):
        visible = Initiative.objects.visible_to(self.request.user)
        verifies = self.request.user.has_perm("regions.verify_organisation", self.object)
        return super().get_context_data(
            duplicates=organisation_duplicates([self.object])[self.object.pk] if verifies else [],
            members=organisation_public_members(self.object),
            led=with_list_data(visible.filter(lead_organisation=self.object)).order_by("-last_activity_at")[:20],
            partner_in=with_list_data(
                visible.filter(partnerships__organisation=self.object, partnerships__state="accepted").exclude(
                    lead_organisation=self.object
                )
            ).order_by("-last_activity_at")[:20],
            waiting_invitations=invitations_waiting_for(self.object),
            **kwargs,
        )
