"""Notifications: the one way every app tells people what happened, on the site and by mail.

Other apps call only these:

- `notify(*, recipients, kind, template, actor, target, url, context, event="", thread="")` records what
  happened for each recipient and mails those who want it right away, once the transaction commits; a
  `thread` counts further events on a person's unread notification instead of adding one.
- `notification_preference_set(*, user, kind, frequency)`; `unsubscribe_token(*, user, kinds)` for a link.
- `digests_send(*, frequency)` and `pending_mail_send()`, run by the management commands `send_digests`
  and `send_pending_mail` (docs/notifications.md has the cron lines).
"""

import html
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.mail import absolute_url, mail_deliver, mail_render

from .models import DEFAULT_FREQUENCIES, Frequency, Notification, NotificationKind, NotificationPreference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "agendastad.notifications.unsubscribe"
MAX_MAIL_ATTEMPTS = 5
"""An immediate mail that failed is tried again by `send_pending_mail` until it went out this many times."""
RETRY_AFTER = timedelta(minutes=1)
"""An immediate mail not yet tried is left alone this long: it is probably being sent after its commit."""
DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


class InvalidUnsubscribeToken(Exception):
    """The unsubscribe link was changed, cut off, or names a person or kind that does not exist."""


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    template: str,
    actor: User | None,
    target: models.Model,
    url: str,
    context: dict,
    event: str = "",
    thread: str = "",
) -> int:
    """Tell `recipients` that `actor` did something about `target`; answer how many notifications are new.

    `template` names templates/mail/<template>_subject.txt (one line, also the text on the site) and
    _body.txt; both get `context` (JSON: plain values and dicts, stored with the notification) plus `url`
    (absolute, in the recipient's language), `recipient` and `count`. `url` is the page it is about, as a path
    on this site in the current language. Never one for the actor, never one for an inactive account, and
    never two for one person and event (`event` defaults to the template and the target). Each recipient's
    preference for `kind` decides the mail: right away (after commit), in a digest, or none.

    The fan-out stays bounded. With a `thread` (say an initiative's discussion), a person who has an unread
    notification of this kind and thread gets no new one: that one counts the event, shows the latest, and
    is mailed again only when its mail is older than NOTIFICATION_THREAD_MAIL_HOURS (or, for a digest, in
    the next digest). And nobody gets more than NOTIFICATION_MAILS_PER_HOUR mails right away in an hour:
    what comes above that waits for the daily digest.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown kind of notification: {kind}")
    people = {user.pk: user for user in recipients if user.is_active and (actor is None or user.pk != actor.pk)}
    if not people:
        return 0
    target_type = ContentType.objects.get_for_model(target)
    event = event or f"{template}:{target_type.pk}:{target.pk}"
    already = set(Notification.objects.filter(event=event, recipient__in=people).values_list("recipient_id", flat=True))
    fresh = [pk for pk in people if pk not in already]
    path = translate_url(url, settings.LANGUAGE_CODE)
    counted = _count_on_unread(fresh, kind, thread, event=event, actor=actor, url=path, context=context)
    chosen = dict(NotificationPreference.objects.filter(user__in=people, kind=kind).values_list("user_id", "frequency"))
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            template=template,
            actor=actor,
            target_type=target_type,
            target_id=target.pk,
            event=event,
            thread=thread,
            url=path,
            context=context,
            delivery=chosen.get(pk, DEFAULT_FREQUENCIES[kind]),
        )
        for pk in fresh
        if pk not in counted
    ]
    _cap_mails_right_away(rows)
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    right_away = [row.recipient_id for row in rows if row.delivery == Frequency.IMMEDIATELY]
    right_away += [pk for pk, again in counted.items() if again]
    if right_away:
        transaction.on_commit(lambda: _mail_right_away(event, right_away))
    return len(rows)


def _count_on_unread(
    recipient_ids: list[int], kind: str, thread: str, *, event: str, actor: User | None, url: str, context: dict
) -> dict[int, bool]:
    """Count the event on each person's unread notification of this kind and thread (locked, so two events
    at once both count); answer whose were counted, each with whether it is to be mailed right away now.
    A few UPDATEs for all of them together, however many people follow the thread."""
    if not thread or not recipient_ids:
        return {}
    now = timezone.now()
    mailed_long_ago = now - timedelta(hours=settings.NOTIFICATION_THREAD_MAIL_HOURS)
    unread = list(
        Notification.objects.unread()
        .filter(recipient__in=recipient_ids, kind=kind, thread=thread)
        .select_for_update(of=("self",))
        .only("pk", "recipient_id", "delivery", "mailed_at", "created_at")
    )
    if not unread:
        return {}
    mine = Notification.objects.filter(pk__in=[notification.pk for notification in unread])
    mine.update(count=models.F("count") + 1, event=event, actor=actor, url=url, context=context, created_at=now)
    again = [  # in the next digest, or mailed again
        notification
        for notification in unread
        if notification.mailed_at is not None
        and (notification.delivery != Frequency.IMMEDIATELY or notification.mailed_at <= mailed_long_ago)
    ]
    mine.filter(pk__in=[notification.pk for notification in again]).update(mailed_at=None, mail_attempts=0)
    for notification in again:
        notification.mailed_at = None
    right_away = [notification for notification in unread if notification.delivery == Frequency.IMMEDIATELY]
    _cap_mails_right_away(unread)
    capped = [notification.pk for notification in right_away if notification.delivery != Frequency.IMMEDIATELY]
    mine.filter(pk__in=capped).update(delivery=Frequency.DAILY)
    return {
        notification.recipient_id: notification.delivery == Frequency.IMMEDIATELY and notification.mailed_at is None
        for notification in unread
    }


def _cap_mails_right_away(notifications: list[Notification]) -> None:
    """Move to the daily digest what would give a person more than NOTIFICATION_MAILS_PER_HOUR mails right
    away within the last hour (mailed, or still to be mailed)."""
    waiting = [
        notification
        for notification in notifications
        if notification.delivery == Frequency.IMMEDIATELY and notification.mailed_at is None
    ]
    if not waiting:
        return
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = dict(
        Notification.objects.filter(recipient__in=[notification.recipient_id for notification in waiting])
        .exclude(pk__in=[notification.pk for notification in waiting if notification.pk is not None])
        .filter(delivery=Frequency.IMMEDIATELY)
        .filter(models.Q(mailed_at__gte=hour_ago) | models.Q(mailed_at__isnull=True, created_at__gte=hour_ago))
        .values("recipient")
        .annotate(mails=models.Count("pk"))
        .values_list("recipient", "mails")
    )
    for notification in waiting:
        if recent.get(notification.recipient_id, 0) >= settings.NOTIFICATION_MAILS_PER_HOUR:
            notification.delivery = Frequency.DAILY


def localised_path(path: str, language: str) -> str:
    """A stored path (in the default language) as the page in `language`."""
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(path, language)


def notification_summary(notification: Notification, *, mail: bool = False) -> str:
    """The one line that says what happened, in the active language: the subject template of its mail.
    For the site it stays HTML-escaped (safe to show); `mail=True` gives the plain text."""
    context = {**notification.context, "count": notification.count}
    line = " ".join(render_to_string(f"mail/{notification.template}_subject.txt", context).split())
    return html.unescape(line) if mail else line


# Preferences and unsubscribing


def notification_preference_set(*, user: User, kind: str, frequency: str) -> NotificationPreference:
    """Choose how `user` hears of `kind`. What still waits for a mail follows the new choice; what arrived
    while mail was off stays unmailed."""
    if kind not in NotificationKind.values:
        raise ValidationError({"kind": [_("Choose a kind of notification from the list.")]})
    if frequency not in Frequency.values:
        raise ValidationError({kind: [_("Choose how you want to hear of this.")]})
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )
        user.notifications.filter(kind=kind, mailed_at__isnull=True).exclude(delivery=Frequency.OFF).update(
            delivery=frequency
        )
    return preference


def unsubscribe_token(*, user: User, kinds: Iterable[str]) -> str:
    """A signed token for the one-click link that turns these kinds off for this person, without login."""
    return signing.dumps({"u": user.pk, "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[User, list[str]]:
    """The person and kinds of a token from `unsubscribe_token`, or InvalidUnsubscribeToken."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=data["u"], is_active=True)
        kinds = list(data["k"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise InvalidUnsubscribeToken from error
    if not kinds or not set(kinds) <= set(NotificationKind.values):
        raise InvalidUnsubscribeToken
    return user, kinds


def notification_unsubscribe(*, token: str) -> tuple[User, list[str]]:
    """Turn off the mails the token names (InvalidUnsubscribeToken if it is not one of ours)."""
    user, kinds = unsubscribe_read(token)
    with transaction.atomic():
        for kind in kinds:
            notification_preference_set(user=user, kind=kind, frequency=Frequency.OFF)
    return user, kinds


# Mail


def _footer(user: User, kinds: list[str], language: str) -> tuple[str, dict[str, str]]:
    """The lines under every notification mail and the RFC 8058 headers: settings and one-click unsubscribe."""
    with translation.override(language):
        unsubscribe = absolute_url(
            reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kinds=kinds)])
        )
        preferences = absolute_url(reverse("notifications:preferences"))
        footer = render_to_string(
            "mail/notification_footer.txt", {"unsubscribe_url": unsubscribe, "preferences_url": preferences}
        )
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return footer, headers


def _mail_one(notification: Notification) -> bool:
    """Mail one notification now; mark it mailed, or count the failed attempt for `send_pending_mail`."""
    user = notification.recipient
    context = {
        **notification.context,
        "url": absolute_url(localised_path(notification.url, user.language)),
        "recipient": user,
        "count": notification.count,
    }
    try:
        subject, body = mail_render(template=notification.template, language=user.language, context=context)
        footer, headers = _footer(user, [notification.kind], user.language)
    except Exception:
        logger.exception("Could not write the mail of notification %s", notification.pk)
        sent = False
    else:
        sent = mail_deliver(to=user.email, subject=subject, body=body + footer, headers=headers)
    mine = Notification.objects.filter(pk=notification.pk)
    if sent:
        mine.update(mailed_at=timezone.now(), mail_attempts=models.F("mail_attempts") + 1)
    else:
        mine.update(mail_attempts=models.F("mail_attempts") + 1)
    return sent


def _mail_right_away(event: str, recipient_ids: list[int]) -> None:
    """After the commit: whatever goes wrong here is logged, never raised into the request."""
    try:
        waiting = (
            Notification.objects.unmailed(Frequency.IMMEDIATELY)
            .filter(event=event, recipient_id__in=recipient_ids)
            .select_related("recipient")
        )
        for notification in waiting:
            _mail_one(notification)
    except Exception:
        logger.exception("Could not mail the notifications of %s", event)


def pending_mail_send() -> int:
    """Try again the immediate mails that failed (or were never tried); answer how many went out."""
    candidates = list(
        Notification.objects.unmailed(Frequency.IMMEDIATELY)
        .filter(recipient__is_active=True, mail_attempts__lt=MAX_MAIL_ATTEMPTS)
        .filter(models.Q(mail_attempts__gt=0) | models.Q(created_at__lte=timezone.now() - RETRY_AFTER))
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        with transaction.atomic():
            notification = (
                Notification.objects.unmailed(Frequency.IMMEDIATELY)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .filter(pk=pk)
                .first()
            )
            if notification is not None and _mail_one(notification):
                sent += 1
    return sent


def digests_send(*, frequency: str) -> int:
    """One mail per person with everything that waits for this frequency's digest; answer how many went out.

    Never an empty digest, and never the same notification twice: each person's notifications are locked,
    mailed and marked in one transaction, so a second run (or one running alongside) finds nothing left.
    A failed mail leaves them unmarked, for the next run.
    """
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"digests are daily or weekly, not {frequency}")
    recipient_ids = list(
        Notification.objects.unmailed(frequency)
        .filter(recipient__is_active=True)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in recipient_ids:
        try:
            sent += _digest_send(recipient_id, frequency)
        except Exception:  # one person's broken digest must not keep the others from theirs
            logger.exception("Could not send the %s digest of person %s", frequency, recipient_id)
    return sent


def _digest_send(recipient_id: int, frequency: str) -> bool:
    with transaction.atomic():
        notifications = list(
            Notification.objects.unmailed(frequency)
            .filter(recipient_id=recipient_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .order_by("created_at", "id")
        )
        if not notifications:
            return False
        user = notifications[0].recipient
        language = user.language
        with translation.override(language):
            items = [
                {
                    "summary": notification_summary(notification, mail=True),
                    "url": absolute_url(localised_path(notification.url, language)),
                }
                for notification in notifications
            ]
        subject, body = mail_render(
            template="digest", language=language, context={"items": items, "frequency": frequency, "recipient": user}
        )
        footer, headers = _footer(user, sorted({n.kind for n in notifications}), language)
        mine = Notification.objects.filter(pk__in=[notification.pk for notification in notifications])
        if not mail_deliver(to=user.email, subject=subject, body=body + footer, headers=headers):
            mine.update(mail_attempts=models.F("mail_attempts") + 1)
            return False
        mine.update(mailed_at=timezone.now())
    return True
