"""django-allauth, adapted to Agenda Stad: mails in the person's own language, and the profile fields of sign-up."""

from contextlib import nullcontext

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.contrib.sites.requests import RequestSite
from django.utils import translation

from .models import User

SITE_NAME = "Agenda Stad"


def language_of_address(email: str) -> str | None:
    """The language of the person an email address belongs to (confirmed or not), None for an unknown address."""
    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("-verified", "-primary")
        .first()
    )
    user = address.user if address else User.objects.filter(email__iexact=email).first()
    return user.language if user else None


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send in the language of the person the address belongs to; to an unknown address in the page's language.

        allauth renders the mail in the active language, which is the language of the page that
        triggered it; a person who chose English gets English mail also when the Dutch page sent it.
        """
        language = language_of_address(email)
        request = allauth_context.request
        if request is not None:
            site = RequestSite(request)
            site.name = SITE_NAME
            context = {"current_site": site, **context}
        with translation.override(language) if language else nullcontext():
            super().send_mail(template_prefix, email, context)

    def get_reauthentication_methods(self, user) -> list[dict]:
        """Someone with an authenticator app confirms who they are with a code from it, never with the password
        alone: re-authenticating is asking for the second factor again. Everyone else uses their password."""
        methods = super().get_reauthentication_methods(user)
        second_factor = [method for method in methods if method["id"].startswith("mfa_")]
        return second_factor or methods

    def save_user(self, request, user, form, commit: bool = True):
        """Store the display name and language chosen on the sign-up form (agendastad.accounts.forms.SignupForm)."""
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "")
        user.language = form.cleaned_data.get("language") or translation.get_language()
        if commit:
            user.save()
        return user
