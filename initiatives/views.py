import secrets
from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.forms import form_add_service_errors

from . import services
from .filters import InitiativeFilter, MatchmakingFilter
from .forms import (
    InitiativeExportForm,
    InitiativeForm,
    InitiativeImportConfirmForm,
    InitiativeImportForm,
    PartnerInviteForm,
    PartnerRequestForm,
    StatusForm,
)
from .models import ALLOWED_TRANSITIONS, Initiative, Partnership, Status, Theme
from .selectors import (
    coverage_of,
    initiative_detail,
    matchmaking,
    open_partnerships,
    partners_by_helix,
    related_elsewhere,
    with_export_data,
    with_list_data,
)
from .spreadsheets import SpreadsheetRow, as_csv, as_xlsx, export_rows


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


class InitiativeDetailView(DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_object(self, queryset=None):
        try:
            return initiative_detail(self.kwargs["slug"], self.request.user)
        except Initiative.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs):
        initiative = self.object
        user = self.request.user
        return super().get_context_data(
            coverage=coverage_of(initiative),
            partner_groups=partners_by_helix(initiative),
            open_partnerships=open_partnerships(initiative, user) if user.is_authenticated else [],
            related=related_elsewhere(initiative, user),
            next_statuses=[(s, Status(s).label) for s in Status.values if s in ALLOWED_TRANSITIONS[initiative.status]],
            invite_form=PartnerInviteForm(),
            request_form=PartnerRequestForm(user=user, initiative=initiative) if user.is_authenticated else None,
            **kwargs,
        )


class InitiativeCreateView(PermissionRequiredMixin, FormView):
    permission_required = "initiatives.add_initiative"
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
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The initiative is saved."))
        return redirect(initiative)


class VisibleInitiativeMixin(SingleObjectMixin):
    """Finds the initiative of the slug, and answers 404 to whoever may not see it, as for a slug that does not
    exist: the permission check comes after, so that not even a login redirect or a 403 betrays a draft."""

    model = Initiative

    def get_object(self, queryset=None):
        initiative = super().get_object(queryset)
        if not self.request.user.has_perm("initiatives.view_initiative", initiative):
            raise Http404
        return initiative


class InitiativeUpdateView(PermissionRequiredMixin, VisibleInitiativeMixin, FormView):
    permission_required = "initiatives.change_initiative"
    model = Initiative
    form_class = InitiativeForm
    template_name = "initiatives/initiative_form.html"
    context_object_name = "initiative"

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

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


class InitiativeHistoryView(PermissionRequiredMixin, VisibleInitiativeMixin, DetailView):
    """Every saved version: who changed what, and when."""

    permission_required = "initiatives.view_initiative"
    model = Initiative
    template_name = "initiatives/initiative_history.html"
    context_object_name = "initiative"

    def get_context_data(self, **kwargs):
        records = list(self.object.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = []
        for newer, older in zip(records, [*records[1:], None], strict=True):
            changes = newer.diff_against(older, excluded_fields=["version", "updated_at"]).changes if older else []
            fields = [Initiative._meta.get_field(change.field).verbose_name for change in changes]
            versions.append({"record": newer, "changes": fields, "created": older is None})
        return super().get_context_data(versions=versions, **kwargs)


class InitiativeActionView(PermissionRequiredMixin, VisibleInitiativeMixin, View):
    """Base for the POST-only actions on an initiative: each names its permission and its service call."""

    model = Initiative
    http_method_names = ["post"]

    def get_queryset(self):
        return Initiative.objects.all()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.act(request)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class InitiativeStatusView(InitiativeActionView):
    permission_required = "initiatives.change_initiative"

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


class PartnerInviteView(InitiativeActionView):
    permission_required = "initiatives.invite_partner"

    def act(self, request) -> str:
        form = PartnerInviteForm(request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        partnership = services.partnership_invite(initiative=self.object, user=request.user, **form.cleaned_data)
        return _("%(organisation)s is invited.") % {"organisation": partnership.organisation}


class PartnerRequestView(InitiativeActionView):
    permission_required = "initiatives.request_partnership"

    def act(self, request) -> str:
        form = PartnerRequestForm(request.POST, user=request.user, initiative=self.object)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        partnership = services.partnership_request(initiative=self.object, user=request.user, **form.cleaned_data)
        return _("The request of %(organisation)s is sent to the lead organisation.") % {
            "organisation": partnership.organisation
        }


class PartnershipAnswerView(PermissionRequiredMixin, View):
    permission_required = "initiatives.answer_partnership"
    http_method_names = ["post"]

    @cached_property
    def partnership(self) -> Partnership:
        """404 unless the person may see the initiative or answer this partnership (an invitation to a draft)."""
        partnership = get_object_or_404(
            Partnership.objects.select_related("initiative", "organisation"),
            pk=self.kwargs["pk"],
            initiative__slug=self.kwargs["slug"],
        )
        user = self.request.user
        if not (
            user.has_perm("initiatives.view_initiative", partnership.initiative)
            or user.has_perm(self.permission_required, partnership)
        ):
            raise Http404
        return partnership

    def get_permission_object(self):
        return self.partnership

    def post(self, request, *args, **kwargs):
        accept = "accept" in request.POST
        answer = services.partnership_accept if accept else services.partnership_decline
        answer(partnership=self.partnership, user=request.user)
        text = _("%(organisation)s takes part.") if accept else _("The partnership of %(organisation)s is declined.")
        messages.success(request, text % {"organisation": self.partnership.organisation})
        return redirect(self.partnership.initiative)


IMPORT_SESSION_KEY = "initiative_import"


class InitiativeImportView(PermissionRequiredMixin, FormView):
    """Step 1: upload a spreadsheet and see, row by row, what an import would create or why it cannot.

    The dry run does all the work of the import and rolls it back. Only a file without errors waits in the
    session (on the server, never in the page) for step 2, under a token the preview's button sends back.
    """

    permission_required = "initiatives.import_initiatives"
    form_class = InitiativeImportForm
    template_name = "initiatives/initiative_import.html"

    def get_context_data(self, **kwargs):
        outcomes = kwargs.get("outcomes") or []
        return super().get_context_data(
            failed_count=sum(1 for outcome in outcomes if outcome.errors),
            max_rows=settings.INITIATIVE_IMPORT_MAX_ROWS,
            **kwargs,
        )

    def form_valid(self, form):
        rows = form.cleaned_data["file"]
        outcomes = services.initiative_import(user=self.request.user, rows=rows, commit=False)
        confirm_form = None
        self.request.session.pop(IMPORT_SESSION_KEY, None)
        if not any(outcome.errors for outcome in outcomes):
            token = secrets.token_urlsafe(24)
            self.request.session[IMPORT_SESSION_KEY] = {"token": token, "rows": [asdict(row) for row in rows]}
            confirm_form = InitiativeImportConfirmForm(initial={"token": token})
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), outcomes=outcomes, confirm_form=confirm_form)
        )


class InitiativeImportConfirmView(InitiativeImportView):
    """Step 2: check the previewed rows again and save them all in one transaction, or none of them."""

    form_class = InitiativeImportConfirmForm
    http_method_names = ["post"]

    def form_valid(self, form):
        stored = self.request.session.get(IMPORT_SESSION_KEY)
        if not stored or not secrets.compare_digest(stored["token"], form.cleaned_data["token"]):
            return self.form_invalid(form)
        self.request.session.pop(IMPORT_SESSION_KEY)
        rows = [SpreadsheetRow(**row) for row in stored["rows"]]
        outcomes = services.initiative_import(user=self.request.user, rows=rows, commit=True)
        if any(outcome.errors for outcome in outcomes):
            messages.error(
                self.request,
                _("Nothing is imported: the data changed after the preview. Correct the rows below and upload again."),
            )
            return self.render_to_response(
                self.get_context_data(form=InitiativeImportForm(), outcomes=outcomes, confirm_form=None)
            )
        count = len(outcomes)
        messages.success(
            self.request,
            ngettext("%(count)d initiative is imported.", "%(count)d initiatives are imported.", count)
            % {"count": count},
        )
        return redirect(f"{reverse('initiatives:list')}?sort=newest")

    def form_invalid(self, form):
        messages.error(self.request, _("This preview has expired or another file was uploaded since. Upload again."))
        return redirect("initiatives:import")


class InitiativeExportView(PermissionRequiredMixin, View):
    """What the list shows with the same filters, every column of the import, as CSV or Excel."""

    permission_required = "initiatives.export_initiatives"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        choice = InitiativeExportForm(request.GET)
        spreadsheet = choice.cleaned_data["format"] if choice.is_valid() and choice.cleaned_data["format"] else "csv"
        filterset = InitiativeFilter(request.GET, queryset=Initiative.objects.visible_to(request.user), request=request)
        initiatives = with_export_data(filterset.qs if filterset.is_valid() else Initiative.objects.none())
        rows = export_rows(initiatives)
        content, content_type = (
            (as_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            if spreadsheet == "xlsx"
            else (as_csv(rows), "text/csv; charset=utf-8")
        )
        filename = f"initiatieven-{timezone.localdate().isoformat()}.{spreadsheet}"
        return HttpResponse(
            content, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )
