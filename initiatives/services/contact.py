"""Messages about an initiative, through its page, to its contact person (relayed by regions' contact service)."""

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require
from regions.models import ContactMessage
from regions.services import contact_message_send

from ..models import Initiative
from ..selectors import initiative_contact_recipients


def initiative_contact(*, sender: User, initiative: Initiative, subject: str, text: str) -> ContactMessage:
    """A message about a public initiative to its contact person, or whoever receives it in their place
    (`initiative_contact_recipients`); limits and mail as `regions.services.contact_message_send`."""
    permission_require(sender, "initiatives.contact_initiative", initiative)
    return contact_message_send(
        sender=sender,
        target=initiative,
        recipients=initiative_contact_recipients(initiative),
        subject=subject,
        text=text,
    )
