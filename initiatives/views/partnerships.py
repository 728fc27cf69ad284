"""Inviting an organisation (with the partner picker), asking to join, answering, asking again and withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from regions.filters import PartnerPickerFilter
from regions.models import Membership, Organisation
from regions.selectors import organisation_coordinators, organisation_has_admin

from .. import services
from ..forms import AskAgainForm, PartnerInviteForm, PartnerPickForm, PartnerRequestForm
from ..models import Initiative, Partnership
from ._common import InitiativeActionView, InitiativeSubjectMixin

PICKER_PAGE_SIZE = 20


def _invited_message(partnership: Partnership) -> str:
    """Say honestly who was told: the admins, or (nobody manages it) the region's coordinators, or nobody yet."""
    organisation = partnership.organisation
    names = {"organisation": organisation.name}
    if organisation_has_admin(organisation):
        return _("%(organisation)s is invited: its admins are told.") % names
    if organisation_coordinators(organisation).exists():
        return (
            _(
                "%(organisation)s is invited. Nobody manages it on Agenda Stad yet, so the coordinators of its region "
                "are told: they can invite someone to manage it, who then answers."
            )
            % names
        )
    return (
        _(
            "%(organisation)s is invited. Nobody manages it on Agenda Stad yet and its region has no coordinator, so "
            "the invitation waits until someone joins it as an admin. Let them know yourself if you can."
        )
        % names
    )


class PartnerInviteView(PermissionRequiredMixin, InitiativeSubjectMixin, TemplateView):
    """The partner picker: search organisations by name, place and kind (GET, also refreshed by htmx), then invite
    the one chosen with a role and a note (POST)."""

    permission_required = "initiatives.invite_partner"
    template_name = "initiatives/partner_invite.html"

    def get_queryset(self):
        return Initiative.objects.all()

    def get_context_data(self, **kwargs):
        initiative = self.object
        has_admin = Membership.objects.admins().filter(organisation=OuterRef("pk"), user__is_active=True)
        candidates = (
            Organisation.objects.exclude(partnerships__initiative=initiative)
            .select_related("municipality__region")
            .defer("municipality__boundary", "municipality__region__boundary")
            .annotate(has_admin=Exists(has_admin))
            .order_by("name")
        )
        search = PartnerPickerFilter(self.request.GET or None, queryset=candidates)
        page = Paginator(search.qs, PICKER_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            initiative=initiative,
            filter=search,
            page_obj=page,
            form=PartnerPickForm(offered=page.object_list),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = PartnerInviteForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            partnership = services.partnership_invite(initiative=self.object, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect("initiatives:invite", slug=self.object.slug)
        messages.success(request, _invited_message(partnership))
        return redirect(self.object)


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


class PartnershipAnswerView(PermissionRequiredMixin, InitiativeSubjectMixin, TemplateView):
    """The page where an organisation's admin answers an invitation or request, with the note that came with it:
    also for an invitation to a draft they cannot see otherwise."""

    permission_required = "initiatives.answer_partnership"
    model = Partnership
    answerable_unseen = True
    template_name = "initiatives/partnership_answer.html"

    def get_queryset(self):
        return Partnership.objects.select_related("initiative__lead_organisation", "organisation", "created_by")

    def get_context_data(self, **kwargs):
        partnership = self.object
        return super().get_context_data(
            partnership=partnership,
            initiative=partnership.initiative,
            answering=services.answering_organisation(partnership),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        partnership = self.object
        accept = "accept" in request.POST
        answer = services.partnership_accept if accept else services.partnership_decline
        answer(partnership=partnership, user=request.user)
        text = _("%(organisation)s takes part.") if accept else _("The partnership of %(organisation)s is declined.")
        messages.success(request, text % {"organisation": partnership.organisation})
        if request.user.has_perm("initiatives.see_initiative", partnership.initiative):
            return redirect(partnership.initiative)
        return redirect("mine")


class PartnershipAskAgainView(PermissionRequiredMixin, InitiativeSubjectMixin, View):
    """After a decline and the waiting period, the side that asked asks once more with a new note."""

    permission_required = "initiatives.ask_partnership_again"
    model = Partnership
    http_method_names = ["post"]

    def get_queryset(self):
        return Partnership.objects.select_related("initiative__lead_organisation", "organisation")

    def post(self, request, *args, **kwargs):
        partnership = self.object
        form = AskAgainForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.partnership_ask_again(partnership=partnership, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("%(organisation)s is asked again. This was the last time it can be asked.")
                % {"organisation": partnership.organisation},
            )
        return redirect(reverse("initiatives:detail", kwargs={"slug": partnership.initiative.slug}) + "#partners")


class PartnershipWithdrawView(PermissionRequiredMixin, InitiativeSubjectMixin, View):
    """The side that asked takes back an invitation or request nobody answered yet."""

    permission_required = "initiatives.withdraw_partnership"
    model = Partnership
    http_method_names = ["post"]

    def get_queryset(self):
        return Partnership.objects.select_related("initiative", "organisation")

    def post(self, request, *args, **kwargs):
        partnership = self.object
        services.partnership_withdraw(partnership=partnership, user=request.user)
        messages.success(
            request,
            _("What you asked of %(organisation)s is withdrawn.") % {"organisation": partnership.organisation},
        )
        if request.POST.get("next") == "mine":
            return redirect("mine")
        return redirect(partnership.initiative)
