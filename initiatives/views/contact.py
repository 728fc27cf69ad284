"""The page through which a person sends a message about an initiative to its contact person."""

from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from regions.models import ContactMessage
from regions.selectors import ContactRecipients
from regions.views import ContactFormMixin

from .. import services
from ..models import Initiative
from ..selectors import initiative_contact_recipients
from ._common import InitiativeSubjectMixin


class InitiativeContactView(ContactFormMixin, PermissionRequiredMixin, InitiativeSubjectMixin, FormView):
    send_permission = "initiatives.contact_initiative"
    about_initiative = True

    def get_queryset(self):
        return Initiative.objects.select_related("lead_organisation", "primary_region")

    def recipients(self) -> ContactRecipients:
        return initiative_contact_recipients(self.object)

    def send(self, form) -> ContactMessage:
        return services.initiative_contact(sender=self.request.user, initiative=self.object, **form.cleaned_data)
