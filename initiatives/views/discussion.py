"""Discussion: the thread on the detail page, posting, editing and removing comments, closing the discussion."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors

from .. import services
from ..forms import CommentEditForm, CommentForm
from ..models import Comment, Initiative, comment_page_number
from ..selectors import COMMENT_ORDERS, comment_thread, commenting_organisations, discussion_rights
from ._common import InitiativeActionView, InitiativeSubjectMixin


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
