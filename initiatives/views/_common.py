"""How a view finds the initiative, comment or partnership its request is about; the base of POST actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.view_mixins import RequestSubjectMixin

from ..hidden import HiddenItemNotFound, HiddenItemRefused, explains_hiding
from ..models import Comment, Initiative, Partnership


class InitiativeSubjectMixin(RequestSubjectMixin):
    """The one way a view finds what its request is about: the initiative of the slug (`model = Initiative`), or
    the comment or partnership of the pk on it (`model = Comment`, `Partnership`), from `get_queryset()`.

    Whoever may not see the initiative gets 404, as for a slug that does not exist, before the view's permission
    is asked about it (rules' PermissionRequiredMixin, through `get_permission_object`), so that not even a login
    redirect or a 403 betrays a draft. With `answerable_unseen` the view's permission on the item itself lets a
    person in too: the creator answering the hiding of an initiative they can no longer see, an organisation
    answering an invitation to a draft. The view reads it as `self.object`.

    An initiative hidden by moderation (once public) answers 404 with a page that says so and, for its creator,
    how to answer (`initiatives.hidden`); so does a refused action on a hidden comment or initiative, with 403.
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
            if explains_hiding(initiative):
                raise HiddenItemNotFound(initiative)
            raise Http404
        return subject

    def handle_no_permission(self):
        """A signed-in person refused an action on a hidden comment or initiative is told it is hidden."""
        subject = self.object
        if self.request.user.is_authenticated and isinstance(subject, Initiative | Comment) and subject.is_hidden:
            initiative = subject if isinstance(subject, Initiative) else subject.initiative
            raise HiddenItemRefused(initiative, subject if isinstance(subject, Comment) else None)
        return super().handle_no_permission()


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
