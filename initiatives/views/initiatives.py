import secrets
from dataclasses import asdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors
from agendastad.core.view_mixins import RequestSubjectMixin

from .. import imports, services
from ..filters import InitiativeFilter, MatchmakingFilter
from ..forms import (
    AppealForm,
    CommentEditForm,
    CommentForm,
    InitiativeExportForm,
    InitiativeForm,
    InitiativeImportConfirmForm,
    InitiativeImportForm,
    ModerationForm,
    PartnerInviteForm,
    PartnerRequestForm,
    ReportForm,
    StatusForm,
)
from ..models import ALLOWED_TRANSITIONS, Comment, Initiative, Partnership, Report, Status, Theme, comment_page_number
from ..selectors import (
    COMMENT_ORDERS,
    comment_thread,
    commenting_organisations,
    coverage_of,
    discussion_rights,
    initiative_detail,
    matchmaking,
    moderation_log,
    open_partnerships,
    partners_by_helix,
    related_elsewhere,
    reports_open,
    with_export_data,
    with_list_data,
)
from ..spreadsheets import SpreadsheetRow, as_csv, as_xlsx, export_rows


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


class InitiativeSubjectMixin(RequestSubjectMixin):
    """The one way a view finds what its request is about: the initiative of the slug (`model = Initiative`), or
    the comment or partnership of the pk on it (`model = Comment`, `Partnership`), from `get_queryset()`.

    Whoever may not see the initiative gets 404, as for a slug that does not exist, before the view's permission
    is asked about it (rules' PermissionRequiredMixin, through `get_permission_object`), so that not even a login
    redirect or a 403 betrays a draft. With `answerable_unseen` the view's permission on the item itself lets a
    person in too: the creator answering the hiding of an initiative they can no longer see, an organisation
    answering an invitation to a draft. The view reads it as `self.object`.
    """

    model = Initiative
    answerable_unseen = False

    def find_subject(self) -> Initiative | Comment | Partnership:
        if self.model is Initiative:
            subject = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
            initiative = subject
        else:
            subject = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"], initiative__slug=self.kwargs["slug"])
            initiative = subject.initiative
        user = self.request.user
        if not (
            user.has_perm("initiatives.see_initiative", initiative)
            or (self.answerable_unseen and user.has_perm(self.permission_required, subject))
        ):
            raise Http404
        return subject


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
            related=related_elsewhere(initiative),
            next_statuses=[(s, Status(s).label) for s in Status.values if s in ALLOWED_TRANSITIONS[initiative.status]],
            invite_form=PartnerInviteForm(),
            request_form=PartnerRequestForm(user=user, initiative=initiative) if user.is_authenticated else None,
            **discussion_context(self.request, initiative),
            **kwargs,
        )


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
    """Every saved version: who changed what, and when."""

    permission_required = "initiatives.see_initiative"
    template_name = "initiatives/initiative_history.html"
    context_object_name = "initiative"

    def get_context_data(self, **kwargs):
        """Each version beside the one before it. Initiatives put in without a service (the demo data) have
        no version at all, or an oldest version that is an edit with nothing recorded to compare it with."""
        records = list(self.object.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = []
        for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
            changes = newer.diff_against(older, excluded_fields=["version", "updated_at"]).changes if older else []
            fields = [Initiative._meta.get_field(change.field).verbose_name for change in changes]
            versions.append(
                {
                    "record": newer,
                    "changes": fields,
                    "created": older is None and newer.history_type == "+",
                    "first_recorded": older is None and newer.history_type != "+",
                }
            )
        return super().get_context_data(versions=versions, **kwargs)


class InitiativeActionView(PermissionRequiredMixin, InitiativeSubjectMixin, View):
    """Base for the POST-only actions on an initiative: each names its permission and its service call."""

    http_method_names = ["post"]

    def get_queryset(self):
        return Initiative.objects.all()

    def post(self, request, *args, **kwargs):
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


class PartnershipAnswerView(PermissionRequiredMixin, InitiativeSubjectMixin, View):
    """An organisation's admin accepts or declines, also an invitation to a draft they cannot see."""

    permission_required = "initiatives.answer_partnership"
    model = Partnership
    answerable_unseen = True
    http_method_names = ["post"]

    def get_queryset(self):
        return Partnership.objects.select_related("initiative", "organisation")

    def post(self, request, *args, **kwargs):
        partnership = self.object
        accept = "accept" in request.POST
        answer = services.partnership_accept if accept else services.partnership_decline
        answer(partnership=partnership, user=request.user)
        text = _("%(organisation)s takes part.") if accept else _("The partnership of %(organisation)s is declined.")
        messages.success(request, text % {"organisation": partnership.organisation})
        return redirect(partnership.initiative)


# Discussion: the thread on the detail page, posting, editing and removing comments, closing the discussion.


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def focus_first_error(form) -> None:
    """htmx swaps the whole discussion, so the focus would fall back to the page: put it on what needs fixing."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["autofocus"] = True
            return


def discussion_context(
    request, initiative: Initiative, *, form=None, reply_form=None, reply_to=None, order=None, page=None
) -> dict:
    """Everything the discussion partial (initiatives/includes/discussion.html) shows, for one page of the
    thread in the reader's order: the same for the detail page and for htmx's answer after a post."""
    user = request.user
    order = order if order in COMMENT_ORDERS else request.GET.get("volgorde", "oudste")
    order = order if order in COMMENT_ORDERS else "oudste"
    paginator = Paginator(comment_thread(initiative, order), settings.COMMENTS_PER_PAGE)
    page_obj = paginator.get_page(page if page is not None else request.GET.get("page"))
    comments = list(page_obj.object_list)
    rights = discussion_rights(initiative, user, comments)
    for comment in comments:
        rights.annotate(comment, initiative)
        for reply in comment.reply_list:
            rights.annotate(reply, initiative)
    organisations = commenting_organisations(user) if rights.may_comment else []
    for comment in comments:
        if not comment.may_reply:
            comment.reply_form = None
        elif reply_form is not None and comment.pk == reply_to:
            comment.reply_form = reply_form
        else:
            comment.reply_form = CommentForm(
                organisations=organisations, auto_id=f"id_reply{comment.pk}_%s", initial={"parent": comment.pk}
            )
    return {
        "initiative": initiative,
        "comments": comments,
        "comment_page": page_obj,
        "comment_order": order,
        "comment_orders": [("oudste", _("Oldest first")), ("nieuwste", _("Newest first"))],
        "may_comment": rights.may_comment,
        "must_verify": rights.must_verify,
        "may_close": user.has_perm("initiatives.close_discussion", initiative),
        "comment_form": form or CommentForm(organisations=organisations, auto_id="id_comment_%s"),
        "reply_form": reply_form,
        "organisations": organisations,
    }


class CommentCreateView(PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    """Post a comment or reply: a redirect to it without JavaScript, the discussion partial for htmx."""

    permission_required = "initiatives.post_comment"
    form_class = CommentForm
    template_name = "initiatives/comment_form.html"
    http_method_names = ["post"]

    def get_queryset(self):
        return Initiative.objects.select_related("created_by")

    @cached_property
    def parent(self) -> Comment | None:
        """The comment replied to: 404 for one that is not on this initiative, and for anything but plain ASCII
        digits (`str.isdigit` also takes "²", which the database cannot compare with an id)."""
        pk = self.request.POST.get("parent")
        if not pk:
            return None
        if not (pk.isascii() and pk.isdigit()):
            raise Http404
        replies_to = Comment.objects.select_related("author", "parent__author")
        return get_object_or_404(replies_to, initiative=self.object, pk=pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = commenting_organisations(self.request.user)
        if self.parent is not None:
            kwargs["auto_id"] = f"id_reply{self.parent.pk}_%s"
        return kwargs

    def form_valid(self, form):
        try:
            comment = services.comment_create(
                initiative=self.object,
                user=self.request.user,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                organisation=form.cleaned_data.get("organisation"),
                parent=self.parent,
                submission_key=form.cleaned_data["submission"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        order = self.request.POST.get("volgorde", "oudste")
        page = comment_page_number(comment, order)
        if is_htmx(self.request):
            context = discussion_context(self.request, self.object, order=order, page=page)
            context["posted"] = comment
            return render(self.request, "initiatives/includes/discussion.html", context)
        messages.success(self.request, _("Your comment is posted."))
        query = urlencode({"volgorde": order, "page": page})
        return redirect(f"{self.object.get_absolute_url()}?{query}#{comment.anchor}")

    def form_invalid(self, form):
        if is_htmx(self.request):
            focus_first_error(form)
            order = self.request.POST.get("volgorde", "oudste")
            if self.parent is not None:
                page = comment_page_number(self.parent, order)
                reply_to = self.parent.parent_id or self.parent.pk
                context = discussion_context(
                    self.request, self.object, reply_form=form, reply_to=reply_to, order=order, page=page
                )
            else:
                context = discussion_context(self.request, self.object, form=form, order=order)
            return render(self.request, "initiatives/includes/discussion.html", context)
        return self.render_to_response(self.get_context_data(form=form, initiative=self.object, parent=self.parent))


class CommentMixin(InitiativeSubjectMixin):
    """The comment of the URL on the initiative of the slug (`self.object`), found as InitiativeSubjectMixin does;
    its page shows the comment and the initiative."""

    model = Comment

    def get_queryset(self):
        return Comment.objects.select_related("initiative__created_by", "author", "organisation")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("initiative", self.object.initiative)
        return super().get_context_data(**kwargs)


class CommentUpdateView(CommentMixin, PermissionRequiredMixin, FormView):
    permission_required = "initiatives.edit_comment"
    form_class = CommentEditForm
    template_name = "initiatives/comment_edit.html"

    def get_initial(self):
        return {"kind": self.object.kind, "text": self.object.text}

    def get_context_data(self, **kwargs):
        return super().get_context_data(edit_minutes=settings.COMMENT_EDIT_MINUTES, **kwargs)

    def form_valid(self, form):
        try:
            services.comment_update(comment=self.object, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your comment is saved."))
        return redirect(self.object.get_absolute_url())


class CommentRemoveView(CommentMixin, PermissionRequiredMixin, View):
    """The author removes their own comment; moderators remove through the moderation page (with a reason)."""

    permission_required = "initiatives.remove_comment"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.comment_remove(comment=self.object, user=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The comment is removed."))
        return redirect(self.object.get_absolute_url())


class DiscussionCloseView(InitiativeActionView):
    """Close the discussion, or reopen it (`reopen` in the POST)."""

    permission_required = "initiatives.close_discussion"

    def act(self, request) -> str:
        if "reopen" in request.POST:
            services.initiative_discussion_reopen(initiative=self.object, user=request.user)
            return _("The discussion is open again.")
        services.initiative_discussion_close(initiative=self.object, user=request.user)
        return _("The discussion is closed: nobody can post any more.")

    def get_success_url(self) -> str:
        return f"{self.object.get_absolute_url()}#discussion"


# Reports, moderation and appeals. The initiative views take the slug; the comment views the slug and the id.


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


class ReportListView(PermissionRequiredMixin, ListView):
    """The open reports this moderator or coordinator decides about, oldest first."""

    permission_required = "initiatives.view_reports"
    template_name = "initiatives/report_list.html"
    paginate_by = 50

    def get_queryset(self):
        return reports_open().decided_by(self.request.user)


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
        outcomes = imports.initiative_import(user=self.request.user, rows=rows, commit=False)
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
        outcomes = imports.initiative_import(user=self.request.user, rows=rows, commit=True)
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
