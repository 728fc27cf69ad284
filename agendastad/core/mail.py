"""Mail to people in their own language, sent only once the transaction that caused it has committed."""

import html
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def mail_render(*, template: str, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of templates/mail/<template>_subject.txt and _body.txt in `language`.

    Mails are plain text: the subject is one line, without the HTML escaping templates apply.
    """
    with translation.override(language):
        subject = html.unescape(" ".join(render_to_string(f"mail/{template}_subject.txt", context).split()))
        body = render_to_string(f"mail/{template}_body.txt", context)
    return subject, body


def mail_deliver(*, to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> bool:
    """Send one mail now. A failing mail server is logged, never raised: the answer is whether it went out."""
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()
    except Exception:
        logger.exception("Could not send the mail %r to %s", subject, to)
        return False
    return True


TRANSACTIONAL_TEMPLATES = frozenset({"account_deactivated", "person_suspended", "invitation", "invitation_claim"})
"""The only mails that bypass notifications (docs/notifications.md, "Transactional mail", gives the reason for
each): they go to someone who has no list of notifications to read them in, or may not be kept from them by a
preference. Everything else tells people through `agendastad.notifications.delivery.notify`."""


def mail_send_transactional(*, to: str, language: str, template: str, context: dict) -> None:
    """Send one of the TRANSACTIONAL_TEMPLATES: render templates/mail/<template>_subject.txt and _body.txt in
    `language` and send after commit, with no notification, no preference and no retry.

    A failing mail server is logged and never breaks the request that triggered the mail.
    """
    if template not in TRANSACTIONAL_TEMPLATES:
        raise ValueError(f"{template} is no transactional mail: tell people through notify()")
    subject, body = mail_render(template=template, language=language, context=context)
    transaction.on_commit(lambda: mail_deliver(to=to, subject=subject, body=body))


def mail_send_relayed(*, to: str, language: str, template: str, context: dict, reply_to: str) -> None:
    """Relay a message one person wrote to another through the site: render templates/mail/<template>_subject.txt
    and _body.txt in `language` and send after commit, with a Reply-To of the writer, so that an answer goes
    straight to them while neither address is shown on the site.

    Not a notification: it is a person's own words, read in the mail and answered from it (docs/notifications.md,
    "Transactional mail"). The subject is folded to one line by `mail_render`, so no text can add a header.
    """
    subject, body = mail_render(template=template, language=language, context=context)
    transaction.on_commit(lambda: mail_deliver(to=to, subject=subject, body=body, headers={"Reply-To": reply_to}))


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
