"""Inviting an organisation, asking to join, and answering either."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from .. import services
from ..forms import PartnerInviteForm, PartnerRequestForm
from ..models import Partnership
from ._common import InitiativeActionView, InitiativeSubjectMixin


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
