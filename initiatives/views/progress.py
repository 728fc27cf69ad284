"""Progress updates on an initiative's timeline: posting, correcting, deleting and hiding them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors

from .. import services
from ..forms import ProgressEditForm, ProgressForm, ProgressModerationForm
from ..models import Initiative, ProgressUpdate
from ._common import InitiativeSubjectMixin


def progress_form_for(user, initiative: Initiative) -> ProgressForm | None:
    """The form on the initiative's page, for those who may post an update."""
    if not user.has_perm("initiatives.post_progress", initiative):
        return None
    return ProgressForm(
        organisations=services.progress_organisations(user=user, initiative=initiative), auto_id="id_progress_%s"
    )


class ProgressCreateView(PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    """Post a progress update. The form sits on the initiative's page; this page shows it alone, and again with
    what needs fixing."""

    permission_required = "initiatives.post_progress"
    form_class = ProgressForm
    template_name = "initiatives/progress_form.html"

    def get_queryset(self):
        return Initiative.objects.all()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": services.progress_organisations(user=self.request.user, initiative=self.object),
            "auto_id": "id_progress_%s",
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.object, **kwargs)

    def form_valid(self, form):
        try:
            update = services.progress_post(
                initiative=self.object,
                user=self.request.user,
                organisation=form.cleaned_data["organisation"],
                text=form.cleaned_data["text"],
                link=form.cleaned_data["link"],
                submission_key=form.cleaned_data["submission"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your progress update is posted. The initiative's followers are told."))
        return redirect(update.get_absolute_url())


class ProgressMixin(InitiativeSubjectMixin):
    """The progress update of the URL on the initiative of the slug, found as InitiativeSubjectMixin does."""

    model = ProgressUpdate

    def get_queryset(self):
        return ProgressUpdate.objects.select_related("initiative", "organisation", "author")

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.object.initiative, update=self.object, **kwargs)


class ProgressUpdateView(ProgressMixin, PermissionRequiredMixin, FormView):
    permission_required = "initiatives.edit_progress"
    form_class = ProgressEditForm
    template_name = "initiatives/progress_edit.html"

    def get_initial(self):
        return {"text": self.object.text, "link": self.object.link}

    def form_valid(self, form):
        try:
            services.progress_edit(update=self.object, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your progress update is saved."))
        return redirect(self.object.get_absolute_url())


class ProgressDeleteView(ProgressMixin, PermissionRequiredMixin, View):
    permission_required = "initiatives.delete_progress"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.progress_delete(update=self.object, user=request.user)
        messages.success(request, _("Your progress update is deleted."))
        return redirect(f"{self.object.initiative.get_absolute_url()}#progress")


class ProgressModerateView(ProgressMixin, PermissionRequiredMixin, View):
    """Hide a visible update, or show a hidden one again, with the reason its author is told."""

    permission_required = "initiatives.moderate_progress"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ProgressModerationForm(request.POST)
        update = self.object
        try:
            if not form.is_valid():
                raise ValidationError(_("Give a reason: the author is told."))
            if update.is_hidden:
                services.progress_restore(update=update, user=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The progress update shows again."))
            else:
                services.progress_hide(update=update, user=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The progress update is hidden. Its author is told why."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(update.get_absolute_url())
