"""Reports, moderation and appeals. The initiative views take the slug; the comment views the slug and the id."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors
from regions.selectors import contact_messages_reported

from .. import services
from ..forms import AppealForm, ModerationForm, ReportForm
from ..models import Comment, Initiative, Report
from ..selectors import moderation_log, reported_items, reported_items_load
from ._common import InitiativeSubjectMixin
from .discussion import CommentMixin


class ReportFormMixin:
    form_class = ReportForm
    template_name = "initiatives/report_form.html"

    def report(self, form, *, initiative: Initiative, comment: Comment | None):
        try:
            services.report_create(
                user=self.request.user,
                initiative=initiative,
                comment=comment,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. A moderator will look at your report."))
        return redirect(comment.get_absolute_url() if comment is not None else initiative.get_absolute_url())


class InitiativeReportView(ReportFormMixin, PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    permission_required = "initiatives.report_initiative"

    def form_valid(self, form):
        return self.report(form, initiative=self.object, comment=None)


class CommentReportView(ReportFormMixin, CommentMixin, PermissionRequiredMixin, FormView):
    permission_required = "initiatives.report_comment"

    def form_valid(self, form):
        return self.report(form, initiative=self.object.initiative, comment=self.object)


class ModerationFormMixin:
    """The moderation page of an item: its open reports, its log (appeals included) and the decision form."""

    form_class = ModerationForm
    template_name = "initiatives/moderation.html"

    def item(self) -> tuple[Initiative, Comment | None]:
        raise NotImplementedError

    def get_form_kwargs(self):
        initiative, comment = self.item()
        shown = not (comment or initiative).is_hidden
        decisions = ["hide"] if shown else ["restore"]
        if shown and Report.objects.for_item(initiative=initiative, comment=comment).open().exists():
            decisions.append("dismiss")
        if comment is not None and self.request.user.has_perm("initiatives.remove_comment", comment):
            decisions.append("remove")  # moderators only: a coordinator hides, and is not offered what they may not do
        return {**super().get_form_kwargs(), "decisions": decisions}

    def get_context_data(self, **kwargs):
        initiative, comment = self.item()
        reports = Report.objects.for_item(initiative=initiative, comment=comment).open().select_related("reporter")
        return super().get_context_data(
            initiative=initiative,
            comment=comment,
            reports=reports,
            log=moderation_log(initiative, comment),
            **kwargs,
        )

    def form_valid(self, form):
        initiative, comment = self.item()
        decision, reason, user = form.cleaned_data["decision"], form.cleaned_data["reason"], self.request.user
        try:
            services.moderation_decide(
                user=user, initiative=initiative, comment=comment, decision=decision, reason=reason
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        if decision == "dismiss":
            messages.success(self.request, _("The reports are closed and the item stays visible."))
        else:
            messages.success(self.request, _("The decision is saved and the author is told."))
        return redirect(comment.get_absolute_url() if comment is not None else initiative.get_absolute_url())


class InitiativeModerateView(ModerationFormMixin, PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    permission_required = "initiatives.moderate_initiative"

    def item(self):
        return self.object, None


class CommentModerateView(ModerationFormMixin, CommentMixin, PermissionRequiredMixin, FormView):
    permission_required = "initiatives.moderate_comment"

    def item(self):
        return self.object.initiative, self.object


class AppealFormMixin:
    form_class = AppealForm
    template_name = "initiatives/appeal_form.html"

    def appeal(self, form, *, initiative: Initiative, comment: Comment | None):
        try:
            services.moderation_appeal(
                user=self.request.user, initiative=initiative, comment=comment, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your answer is sent to the moderators."))
        return redirect(comment.get_absolute_url() if comment is not None else initiative.get_absolute_url())


class InitiativeAppealView(AppealFormMixin, PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    """The creator answers the hiding of their initiative. They cannot see it while it is hidden, so the page
    itself says what was decided; whoever may neither see nor answer gets 404."""

    permission_required = "initiatives.appeal_initiative"
    answerable_unseen = True

    def get_queryset(self):
        return Initiative.objects.active()

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.object, log=moderation_log(self.object), **kwargs)

    def form_valid(self, form):
        return self.appeal(form, initiative=self.object, comment=None)


class CommentAppealView(AppealFormMixin, CommentMixin, PermissionRequiredMixin, FormView):
    permission_required = "initiatives.appeal_comment"

    def get_context_data(self, **kwargs):
        log = moderation_log(self.object.initiative, self.object)
        return super().get_context_data(log=log, **kwargs)

    def form_valid(self, form):
        return self.appeal(form, initiative=self.object.initiative, comment=self.object)


REPORTED_MESSAGES_LISTED = 20


class ReportListView(PermissionRequiredMixin, ListView):
    """The items with open reports this moderator or coordinator decides about, one row each with the number of
    reports and their reasons, the one reported longest ago first."""

    permission_required = "initiatives.view_reports"
    template_name = "initiatives/report_list.html"
    paginate_by = 50

    def get_queryset(self):
        return reported_items(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = reported_items_load(context["object_list"])
        if self.request.user.has_perm("regions.read_reported_messages"):
            context["reported_messages"] = list(contact_messages_reported()[:REPORTED_MESSAGES_LISTED])
        return context
