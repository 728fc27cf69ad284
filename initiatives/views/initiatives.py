"""Themes, the lists, an initiative's page, creating and editing it, its history, status, archive and restore."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors

from .. import services
from ..filters import InitiativeFilter, MatchmakingFilter
from ..forms import AskAgainForm, InitiativeForm, PartnerRequestForm, StatusForm
from ..models import ALLOWED_TRANSITIONS, Initiative, Status, Theme
from ..selectors import (
    coverage_of,
    declined_partnerships,
    initiative_detail,
    initiative_versions,
    matchmaking,
    open_partnerships,
    partners_by_helix,
    progress_timeline,
    related_elsewhere,
    with_list_data,
)
from ._common import InitiativeActionView, InitiativeSubjectMixin
from .discussion import discussion_context
from .progress import progress_form_for


class ThemeListView(ListView):
    model = Theme


class ThemeDetailView(DetailView):
    model = Theme

    def get_context_data(self, **kwargs):
        initiatives = with_list_data(
            Initiative.objects.visible_to(self.request.user).filter(themes=self.object).order_by("-last_activity_at")
        )
        return super().get_context_data(initiatives=initiatives[:20], **kwargs)


class InitiativeListView(FilterView):
    filterset_class = InitiativeFilter
    template_name = "initiatives/initiative_list.html"
    paginate_by = 20

    def get_queryset(self):
        return with_list_data(Initiative.objects.visible_to(self.request.user))


class MatchmakingView(FilterView):
    filterset_class = MatchmakingFilter
    template_name = "initiatives/matchmaking.html"
    paginate_by = 20

    def get_queryset(self):
        return with_list_data(matchmaking(Initiative.objects.visible_to(self.request.user), self.request.user))


class InitiativeDetailView(InitiativeSubjectMixin, DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return initiative_detail()

    def get_context_data(self, **kwargs):
        initiative = self.object
        user = self.request.user
        return super().get_context_data(
            coverage=coverage_of(initiative),
            partner_groups=partners_by_helix(initiative),
            open_partnerships=open_partnerships(initiative, user) if user.is_authenticated else [],
            declined_partnerships=_with_ask_again_forms(declined_partnerships(initiative, user)),
            ask_again_days=settings.PARTNERSHIP_ASK_AGAIN_DAYS,
            related=related_elsewhere(initiative),
            next_statuses=[(s, Status(s).label) for s in Status.values if s in ALLOWED_TRANSITIONS[initiative.status]],
            request_form=PartnerRequestForm(user=user, initiative=initiative) if user.is_authenticated else None,
            progress_updates=progress_timeline(initiative, user),
            progress_form=progress_form_for(user, initiative),
            **discussion_context(self.request, initiative),
            **kwargs,
        )


def _with_ask_again_forms(declined: list) -> list:
    """One form for each partnership that may be asked again now, with ids of its own."""
    for partnership in declined:
        if partnership.may_ask_now:
            partnership.ask_again_form = AskAgainForm(auto_id=f"id_again_{partnership.pk}_%s")
    return declined


class InitiativeCreateView(PermissionRequiredMixin, FormView):
    permission_required = "initiatives.register_initiative"
    form_class = InitiativeForm
    template_name = "initiatives/initiative_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            initiative = services.initiative_create(
                user=self.request.user,
                lead_organisation=form.cleaned_data["lead_organisation"],
                data=form.initiative_data(),
                submission_key=form.cleaned_data["submission"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The initiative is saved."))
        return redirect(initiative)


class InitiativeUpdateView(PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    permission_required = "initiatives.edit_initiative"
    form_class = InitiativeForm
    template_name = "initiatives/initiative_form.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.active()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.object}

    def form_valid(self, form):
        try:
            initiative = services.initiative_update(
                initiative=self.object,
                user=self.request.user,
                version=form.cleaned_data.get("version") or 0,
                data=form.initiative_data(),
            )
        except services.EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else saved this initiative while you were editing it. Your text is still below, "
                    "but it is not saved: open the initiative in a new tab, compare, and save again from there."
                ),
            )
            return self.form_invalid(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect(initiative)


class InitiativeHistoryView(PermissionRequiredMixin, InitiativeSubjectMixin, DetailView):
    """Every saved version: who changed what, from which value to which, and when."""

    permission_required = "initiatives.see_initiative"
    template_name = "initiatives/initiative_history.html"
    context_object_name = "initiative"

    def get_context_data(self, **kwargs):
        return super().get_context_data(versions=initiative_versions(self.object), **kwargs)


class InitiativeStatusView(InitiativeActionView):
    permission_required = "initiatives.edit_initiative"

    def act(self, request) -> str:
        form = StatusForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a valid status."))
        services.initiative_change_status(initiative=self.object, user=request.user, status=form.cleaned_data["status"])
        return _("The status is now: %(status)s.") % {"status": self.object.get_status_display()}


class InitiativeArchiveView(InitiativeActionView):
    permission_required = "initiatives.archive_initiative"

    def act(self, request) -> str:
        services.initiative_archive(initiative=self.object, user=request.user)
        return _("The initiative is archived. A moderator can restore it.")

    def get_success_url(self) -> str:
        return reverse("initiatives:list")


class InitiativeRestoreView(InitiativeActionView):
    permission_required = "initiatives.restore_initiative"

    def act(self, request) -> str:
        services.initiative_restore(initiative=self.object, user=request.user)
        return _("The initiative is restored.")
