from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.edit import CreateView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from agendastad.core.forms import form_add_service_errors
from agendastad.core.view_mixins import RequestSubjectMixin

from . import services
from .filters import OrganisationFilter
from .forms import (
    ClaimInvitationForm,
    ContactMessageForm,
    InvitationForm,
    LeaveForm,
    OrganisationForm,
    OrganisationRegisterForm,
    RoleForm,
)
from .models import ContactMessage, Invitation, LabourMarketRegion, Membership, Organisation
from .selectors import (
    ContactRecipients,
    organisation_contact_recipients,
    organisation_duplicates,
    organisation_list,
    organisation_member_overview,
)


class OrganisationListView(FilterView):
    filterset_class = OrganisationFilter
    template_name = "regions/organisation_list.html"
    paginate_by = 25

    def get_queryset(self):
        return organisation_list()


class OrganisationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "regions.register_organisation"
    form_class = OrganisationRegisterForm
    template_name = "regions/organisation_form.html"

    def form_valid(self, form):
        try:
            organisation = services.organisation_register(
                user=self.request.user,
                **{name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields},
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        if organisation.is_abroad:  # in no region: moderators verify it (regions.verify_organisation)
            registered = _("%(name)s is registered, with you as its admin. A moderator will verify it.")
        else:
            registered = _("%(name)s is registered, with you as its admin. A coordinator of the region will verify it.")
        messages.success(self.request, registered % {"name": organisation.name})
        return redirect(organisation)


class OrganisationUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "regions.edit_organisation"
    model = Organisation
    form_class = OrganisationForm

    def form_valid(self, form):
        try:
            services.organisation_update(
                organisation=Organisation.objects.get(pk=self.object.pk),
                user=self.request.user,
                **{name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields},
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect(self.object)


def verification_confirmed(request, organisation: Organisation) -> bool:
    """An organisation that may be registered already (`organisation_duplicates`) is verified only once the person
    confirms it is another one (`distinct=1`, the box beside the warning); else they are told, and nothing happens."""
    if request.POST.get("distinct") == "1" or not organisation_duplicates([organisation])[organisation.pk]:
        return True
    messages.error(
        request,
        _(
            "%(name)s may be registered already. Confirm that it is another organisation to verify it, or ask a "
            "moderator to merge the two."
        )
        % {"name": organisation.name},
    )
    return False


class OrganisationVerifyView(PermissionRequiredMixin, RequestSubjectMixin, View):
    permission_required = "regions.verify_organisation"
    model = Organisation
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.object
        if not verification_confirmed(request, organisation):
            return redirect(organisation)
        services.organisation_verify(organisation=organisation, user=request.user)
        messages.success(request, _("%(name)s is now verified.") % {"name": organisation.name})
        return redirect(organisation)


class WorkspaceVerifyView(PermissionRequiredMixin, RequestSubjectMixin, View):
    """A coordinator verifies an organisation from their region's workspace and comes back there. An organisation
    that may be registered already (`organisation_duplicates`) is verified only once they confirm it is another
    one; otherwise a moderator merges the two. Only organisations located in the region of the address are found
    here: another region's answers 404, and verifying stays the rule regions.verify_organisation's to decide."""

    permission_required = "regions.verify_organisation"
    http_method_names = ["post"]

    def find_subject(self) -> Organisation:
        region = get_object_or_404(LabourMarketRegion.objects.defer("boundary"), slug=self.kwargs["slug"])
        return get_object_or_404(Organisation.objects.in_region(region), slug=self.kwargs["organisation"])

    def post(self, request, *args, slug: str, organisation: str):
        organisation = self.object
        back = reverse("regions:workspace", kwargs={"slug": slug}) + "#waiting-organisations"
        if not verification_confirmed(request, organisation):
            return redirect(back)
        services.organisation_verify(organisation=organisation, user=request.user)
        messages.success(request, _("%(name)s is now verified.") % {"name": organisation.name})
        return redirect(back)


class ProfileVisibilityView(PermissionRequiredMixin, RequestSubjectMixin, View):
    """A member shows or hides their name on the organisation's page, from My overview."""

    permission_required = "regions.choose_profile_visibility"
    model = Organisation
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.object
        shown = request.POST.get("shown") == "1"
        services.membership_profile_visibility_set(organisation=organisation, user=request.user, shown=shown)
        text = (
            _("Your name is shown on the page of %(name)s.")
            if shown
            else _("Your name is no longer shown on the page of %(name)s.")
        )
        messages.success(request, text % {"name": organisation.name})
        return redirect("mine")


class MembershipRequestView(PermissionRequiredMixin, RequestSubjectMixin, View):
    permission_required = "regions.request_membership"
    model = Organisation
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.object
        services.membership_request(user=request.user, organisation=organisation)
        messages.success(
            request, _("Your request to join %(name)s is sent to its admins.") % {"name": organisation.name}
        )
        return redirect(organisation)


class MemberListView(PermissionRequiredMixin, DetailView):
    """The organisation's admins handle requests, roles and invitations here."""

    permission_required = "regions.manage_members"
    model = Organisation
    template_name = "regions/organisation_members.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("invitation_form", InvitationForm(organisation=self.object))
        return super().get_context_data(
            role_choices=Membership.Role.choices, **organisation_member_overview(self.object), **kwargs
        )


class InvitationCreateView(PermissionRequiredMixin, RequestSubjectMixin, FormView):
    permission_required = "regions.manage_members"
    model = Organisation
    form_class = InvitationForm
    template_name = "regions/organisation_members.html"
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.object}

    def form_valid(self, form):
        try:
            invitation = services.invitation_create(
                organisation=self.object,
                user=self.request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=get_language(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        if services.may_invite_from_outside(self.object):
            text = _("An invitation is mailed to %(email)s.")
        else:
            text = _(
                "%(email)s is invited. No mail was sent, because the organisation is not verified yet: let them "
                "know yourself that the invitation waits on their overview once they sign in with this address."
            )
        messages.success(self.request, text % {"email": invitation.email})
        return redirect("regions:members", slug=self.object.slug)

    def form_invalid(self, form):
        return self.render_to_response(
            {
                "object": self.object,
                "organisation": self.object,
                "invitation_form": form,
                "role_choices": Membership.Role.choices,
                **organisation_member_overview(self.object),
            }
        )


class ClaimInvitationCreateView(PermissionRequiredMixin, RequestSubjectMixin, FormView):
    """A region coordinator invites someone by mail to manage an organisation that nobody manages yet."""

    permission_required = "regions.invite_claimant"
    model = Organisation
    form_class = ClaimInvitationForm
    template_name = "regions/organisation_claim.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.object,
            open_claims=self.object.invitations.filter(claim=True, answered_at__isnull=True),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            invitation = services.invitation_claim_create(
                organisation=self.object,
                user=self.request.user,
                email=form.cleaned_data["email"],
                language=get_language(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("An invitation to manage %(organisation)s is mailed to %(email)s.")
            % {"organisation": self.object, "email": invitation.email},
        )
        return redirect(self.object)


class MembershipActionView(PermissionRequiredMixin, View):
    """Approve or decline a request, change a member's role, or remove a member."""

    permission_required = "regions.manage_members"
    http_method_names = ["post"]
    actions = {
        "goedkeuren": lambda membership, user, data: services.membership_approve(membership=membership, user=user),
        "afwijzen": lambda membership, user, data: services.membership_decline(membership=membership, user=user),
        "verwijderen": lambda membership, user, data: services.membership_remove(membership=membership, user=user),
        "rol": lambda membership, user, data: services.membership_change_role(
            membership=membership, user=user, role=data["role"]
        ),
    }
    done = {
        "goedkeuren": gettext_lazy("%(person)s is now a member."),
        "afwijzen": gettext_lazy("The request of %(person)s is declined."),
        "verwijderen": gettext_lazy("%(person)s is no longer a member."),
        "rol": gettext_lazy("The role of %(person)s is changed."),
    }

    @cached_property
    def membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "organisation"),
            pk=self.kwargs["pk"],
            organisation__slug=self.kwargs["slug"],
        )

    def get_permission_object(self):
        return self.membership.organisation

    def post(self, request, *args, slug: str, pk: int, action: str):
        if action not in self.actions:
            return redirect("regions:members", slug=slug)
        data = {}
        if action == "rol":
            form = RoleForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a valid role."))
                return redirect("regions:members", slug=slug)
            data = form.cleaned_data
        try:
            self.actions[action](self.membership, request.user, data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done[action] % {"person": self.membership.user})
        return redirect("regions:members", slug=slug)


class LeaveView(PermissionRequiredMixin, RequestSubjectMixin, FormView):
    permission_required = "regions.leave_organisation"
    model = Organisation
    form_class = LeaveForm
    template_name = "regions/organisation_leave.html"

    def get_form_kwargs(self):
        membership = Membership.objects.active().filter(user=self.request.user, organisation=self.object).first()
        return {**super().get_form_kwargs(), "membership": membership}

    def form_valid(self, form):
        try:
            services.membership_leave(
                membership=form.membership, user=self.request.user, successor=form.cleaned_data.get("successor")
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("You have left %(name)s.") % {"name": self.object.name})
        return redirect("mine")


class InvitationView(LoginRequiredMixin, TemplateView):
    """The page the invitation mail links to: accept or decline, signed in with the invited address."""

    template_name = "regions/invitation.html"

    @cached_property
    def invitation(self) -> Invitation:
        return get_object_or_404(
            Invitation.objects.select_related("organisation", "invited_by"), token=self.kwargs["token"]
        )

    def get_context_data(self, **kwargs):
        addressed_to_me = self.request.user.has_perm("regions.answer_invitation", self.invitation)
        return super().get_context_data(invitation=self.invitation, addressed_to_me=addressed_to_me, **kwargs)

    def post(self, request, *args, **kwargs):
        answer = services.invitation_accept if "accept" in request.POST else services.invitation_decline
        try:
            answer(invitation=self.invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("mine")
        if answer is services.invitation_accept and self.invitation.claim:
            messages.success(
                request,
                _(
                    "You now manage %(name)s. What waits for its answer, such as invitations to take part in "
                    "initiatives, is under Partnerships on this page."
                )
                % {"name": self.invitation.organisation},
            )
            return redirect("mine")
        if answer is services.invitation_accept:
            messages.success(request, _("You are now a member of %(name)s.") % {"name": self.invitation.organisation})
            return redirect(self.invitation.organisation)
        messages.info(request, _("You declined the invitation."))
        return redirect("mine")


class ContactFormMixin:
    """The page through which a person sends a message to an organisation or initiative (`self.object`): who
    receives it, said honestly also when it goes elsewhere or nowhere; the form for those who may send
    (`send_permission`, asked on POST); for the others, how to become able to. Everyone who may see the object
    may read the page. Subclasses say who receives (`recipients()`) and send (`send(form)`)."""

    form_class = ContactMessageForm
    template_name = "regions/contact_form.html"
    send_permission = ""
    about_initiative = False

    def get_permission_required(self):
        return (self.send_permission,) if self.request.method == "POST" else ()

    def recipients(self) -> ContactRecipients:
        raise NotImplementedError

    def send(self, form) -> ContactMessage:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        user = self.request.user
        recipients = self.recipients()
        return super().get_context_data(
            target=self.object,
            about_initiative=self.about_initiative,
            recipients=recipients,
            nobody=recipients.route is None or not recipients.without(user),
            may_send=user.has_perm(self.send_permission, self.object),
            verified=user.has_perm("regions.send_contact_message"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            self.send(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Your message is sent. When they answer, the answer comes to your e-mail address %(email)s, not to "
                "this site."
            )
            % {"email": self.request.user.email},
        )
        return redirect(self.object)


class OrganisationContactView(ContactFormMixin, PermissionRequiredMixin, RequestSubjectMixin, FormView):
    model = Organisation
    send_permission = "regions.contact_organisation"

    def recipients(self) -> ContactRecipients:
        return organisation_contact_recipients(self.object)

    def send(self, form) -> ContactMessage:
        return services.organisation_contact(sender=self.request.user, organisation=self.object, **form.cleaned_data)


class ContactMessageReportView(PermissionRequiredMixin, RequestSubjectMixin, TemplateView):
    """A recipient reports a message received through the site as abuse (the link is in the mail)."""

    model = ContactMessage
    permission_required = "regions.report_contact_message"
    template_name = "regions/contact_report.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(message=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        services.contact_message_report(message=self.object, user=request.user)
        messages.success(request, _("Thank you. A moderator looks at the message and may suspend its sender."))
        return redirect("mine")
