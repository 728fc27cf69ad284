"""The agenda pages: lists, an agenda with its priorities, writing and publishing, committing and linking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors
from agendastad.core.view_mixins import RequestSubjectMixin
from initiatives.models import Initiative
from regions.models import LabourMarketRegion

from . import services
from .filters import AgendaFilter
from .forms import AgendaForm, CommitmentForm, ContributionForm, PriorityFormSet, agenda_data
from .models import PriorityContribution, RegionAgenda
from .selectors import agenda_priorities, agendas_visible_to, commitments_by_helix, linkable_priorities

CONFLICT = gettext_lazy(
    "Someone else saved this agenda while you were editing it. Your text is still below, but it is not saved: "
    "open the agenda in a new tab, compare, and save again from there."
)


class AgendaSubjectMixin(RequestSubjectMixin):
    """The agenda of the slug; whoever may not see it (a draft) gets 404, as for a slug that does not exist,
    before the view's own permission is asked."""

    model = RegionAgenda

    def find_subject(self) -> RegionAgenda:
        agenda = get_object_or_404(
            RegionAgenda.objects.select_related("region").defer("region__boundary"), slug=self.kwargs["slug"]
        )
        if not self.request.user.has_perm("agendas.see_agenda", agenda):
            raise Http404
        return agenda


class AgendaListView(FilterView):
    """Every published agenda, filterable by region, kind and theme."""

    filterset_class = AgendaFilter
    template_name = "agendas/agenda_list.html"
    paginate_by = 30

    def get_queryset(self):
        return agendas_visible_to(self.request.user).published().order_by("region__name", "-first_year", "title_nl")


class RegionAgendaListView(DetailView):
    """A region's agendas: the published ones, and its drafts for those who may see them."""

    model = LabourMarketRegion
    template_name = "agendas/region_agendas.html"
    context_object_name = "region"

    def get_queryset(self):
        return LabourMarketRegion.objects.defer("boundary")

    def get_context_data(self, **kwargs):
        agendas = agendas_visible_to(self.request.user).filter(region=self.object).order_by("-first_year", "title_nl")
        return super().get_context_data(agendas=agendas, **kwargs)


class AgendaDetailView(AgendaSubjectMixin, DetailView):
    template_name = "agendas/agenda_detail.html"
    context_object_name = "agenda"

    def get_context_data(self, **kwargs):
        priorities = agenda_priorities(self.object)
        return super().get_context_data(
            priorities=priorities,
            unserved=[view.priority for view in priorities if not view.served],
            tables=commitments_by_helix(self.object),
            commitment_form=CommitmentForm(user=self.request.user),
            **kwargs,
        )


class AgendaFormMixin:
    """The agenda form and its priorities (a formset: empty rows to fill in, no JavaScript needed)."""

    template_name = "agendas/agenda_form.html"

    def get_formset(self, instance):
        data = self.request.POST if self.request.method == "POST" else None
        return PriorityFormSet(data, instance=instance, prefix="priorities")

    def render_form(self, form, formset):
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class AgendaCreateView(PermissionRequiredMixin, AgendaFormMixin, RequestSubjectMixin, FormView):
    permission_required = "agendas.create_agenda"
    model = LabourMarketRegion
    form_class = AgendaForm

    def get_queryset(self):
        return LabourMarketRegion.objects.defer("boundary")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset(RegionAgenda()))
        return super().get_context_data(region=self.object, **kwargs)

    def form_valid(self, form):
        formset = self.get_formset(RegionAgenda())
        if not formset.is_valid():
            return self.render_form(form, formset)
        try:
            agenda = services.agenda_create(user=self.request.user, region=self.object, data=agenda_data(form, formset))
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.render_form(form, formset)
        messages.success(self.request, _("The agenda is saved as a draft."))
        return redirect(agenda)

    def form_invalid(self, form):
        formset = self.get_formset(RegionAgenda())
        formset.is_valid()
        return self.render_form(form, formset)


class AgendaUpdateView(PermissionRequiredMixin, AgendaFormMixin, AgendaSubjectMixin, FormView):
    permission_required = "agendas.edit_agenda"
    form_class = AgendaForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset(self.object))
        return super().get_context_data(agenda=self.object, region=self.object.region, **kwargs)

    def form_valid(self, form):
        formset = self.get_formset(self.object)
        if not formset.is_valid():
            return self.render_form(form, formset)
        try:
            agenda = services.agenda_update(
                agenda=self.object,
                user=self.request.user,
                version=form.cleaned_data.get("version") or 0,
                data=agenda_data(form, formset),
            )
        except services.EditConflict:
            form.add_error(None, CONFLICT)
            return self.render_form(form, formset)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.render_form(form, formset)
        messages.success(self.request, _("The changes are saved."))
        return redirect(agenda)

    def form_invalid(self, form):
        formset = self.get_formset(self.object)
        formset.is_valid()
        return self.render_form(form, formset)


class AgendaHistoryView(PermissionRequiredMixin, AgendaSubjectMixin, DetailView):
    """Every saved version of the agenda: who saved it, when, and which fields changed."""

    permission_required = "agendas.see_agenda_history"
    template_name = "agendas/agenda_history.html"
    context_object_name = "agenda"

    def get_context_data(self, **kwargs):
        records = list(self.object.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = []
        for newer, older in zip(records, [*records[1:], None], strict=True):
            changes = newer.diff_against(older, excluded_fields=["version", "updated_at"]).changes if older else []
            versions.append(
                {
                    "record": newer,
                    "changes": [RegionAgenda._meta.get_field(change.field).verbose_name for change in changes],
                    "created": older is None and newer.history_type == "+",
                }
            )
        return super().get_context_data(versions=versions, **kwargs)


class AgendaActionView(PermissionRequiredMixin, AgendaSubjectMixin, View):
    """Base for the POST-only actions on an agenda: each names its permission and its service call."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.act(request)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(self.object)


class AgendaPublishView(AgendaActionView):
    permission_required = "agendas.publish_agenda"

    def act(self, request) -> str:
        services.agenda_publish(agenda=self.object, user=request.user)
        return _("The agenda is published.")


class AgendaUnpublishView(AgendaActionView):
    permission_required = "agendas.unpublish_agenda"

    def act(self, request) -> str:
        services.agenda_unpublish(agenda=self.object, user=request.user)
        return _("The agenda is a draft again: only its region's coordinators and moderators see it.")


class AgendaCommitView(AgendaActionView):
    """An organisation's admin commits it to the agenda, or withdraws (with `withdraw` in the POST)."""

    permission_required = "agendas.commit_to_agenda"

    def act(self, request) -> str:
        form = CommitmentForm(request.POST, user=request.user)
        if not form.is_valid():
            raise ValidationError(_("Choose an organisation you are an admin of."))
        organisation = form.cleaned_data["organisation"]
        if "withdraw" in request.POST:
            services.commitment_withdraw(agenda=self.object, organisation=organisation, user=request.user)
            return _("%(organisation)s no longer commits to this agenda.") % {"organisation": organisation}
        services.commitment_add(agenda=self.object, organisation=organisation, user=request.user)
        return _("%(organisation)s commits to this agenda.") % {"organisation": organisation}


class InitiativePrioritiesView(PermissionRequiredMixin, RequestSubjectMixin, FormView):
    """The lead of an initiative chooses the agenda priorities it serves."""

    permission_required = "agendas.link_priorities"
    model = Initiative
    form_class = ContributionForm
    template_name = "agendas/initiative_priorities.html"

    def find_subject(self) -> Initiative:
        initiative = get_object_or_404(Initiative.objects.defer("search_vector"), slug=self.kwargs["slug"])
        if not self.request.user.has_perm("initiatives.see_initiative", initiative):
            raise Http404
        return initiative

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiative": self.object}

    def get_context_data(self, **kwargs):
        linked = PriorityContribution.objects.filter(initiative=self.object).exclude(
            priority__in=linkable_priorities(self.object)
        )
        return super().get_context_data(initiative=self.object, other_links=linked.count(), **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.contributions_set(
                    initiative=self.object, user=self.request.user, priorities=form.cleaned_data["priorities"]
                )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The priorities this initiative serves are saved."))
        return redirect(self.object)
