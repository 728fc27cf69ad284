"""Mail to people in their own language, sent only once the transaction that caused it has committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def mail_send(*, to: str, language: str, template: str, context: dict) -> None:
    """Render templates/mail/<template>_subject.txt and _body.txt in `language` and send after commit.

    A failing mail server is logged and never breaks the request that triggered the mail.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", context).split())
        body = render_to_string(f"mail/{template}_body.txt", context)

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        except Exception:
            logger.exception("Could not send the %s mail to %s", template, to)

    transaction.on_commit(send)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
