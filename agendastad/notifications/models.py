"""Following and notifications: who follows what, what each person should hear of, and how they want to."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows something: an initiative, a labour-market region, a theme, whatever registered itself as
    followable (`agendastad.notifications.followables`). This app knows none of those models."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("person")
    )
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="follow_once"),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"


class Frequency(models.TextChoices):
    """How a person wants to hear of one kind of notification by mail. It is always listed on the site."""

    IMMEDIATELY = "immediately", _("By mail right away")
    DAILY = "daily", _("In a daily digest mail")
    WEEKLY = "weekly", _("In a weekly digest mail")
    OFF = "off", _("No mail (only on this site)")


class NotificationKind(models.TextChoices):
    COMMENT_REPLY = "comment_reply", _("Replies to my comments")
    INITIATIVE_COMMENT = "initiative_comment", _("Comments on my initiatives")
    FOLLOWED_COMMENT = "followed_comment", _("Comments on initiatives I follow")
    PARTNERSHIP = "partnership", _("Partnership invitations, requests and their answers")
    MODERATION = "moderation", _("Moderation of what I wrote")
    NEW_INITIATIVE = "new_initiative", _("New initiatives in the regions, themes and organisations I follow")
    MEMBERSHIP = "membership", _("Requests to join my organisations, invitations and their answers")
    PARTNERS_SOUGHT = "partners_sought", _("Initiatives in my region that look for an organisation like mine")
    ORGANISATION_PARTNERSHIP = "organisation_partnership", _("Initiatives that organisations I follow join")
    REPORT_OUTCOME = "report_outcome", _("What became of what I reported")
    FOLLOWED_PROGRESS = "followed_progress", _("Progress updates and status changes of initiatives I follow")
    STALE_INITIATIVE = "stale_initiative", _("Initiatives in the regions I coordinate without activity for a year")


DEFAULT_FREQUENCIES: dict[str, str] = {
    NotificationKind.COMMENT_REPLY: Frequency.IMMEDIATELY,
    NotificationKind.INITIATIVE_COMMENT: Frequency.IMMEDIATELY,
    NotificationKind.FOLLOWED_COMMENT: Frequency.DAILY,
    NotificationKind.PARTNERSHIP: Frequency.IMMEDIATELY,
    NotificationKind.MODERATION: Frequency.IMMEDIATELY,
    NotificationKind.NEW_INITIATIVE: Frequency.DAILY,
    NotificationKind.MEMBERSHIP: Frequency.IMMEDIATELY,
    NotificationKind.PARTNERS_SOUGHT: Frequency.WEEKLY,
    NotificationKind.ORGANISATION_PARTNERSHIP: Frequency.DAILY,
    NotificationKind.REPORT_OUTCOME: Frequency.IMMEDIATELY,
    NotificationKind.FOLLOWED_PROGRESS: Frequency.DAILY,
    NotificationKind.STALE_INITIATIVE: Frequency.WEEKLY,
}
"""What a person gets until they choose otherwise."""


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def unmailed(self, frequency: str):
        """Waiting for a mail of this frequency: not mailed yet (or the mail failed)."""
        return self.filter(delivery=frequency, mailed_at__isnull=True)


class Notification(models.Model):
    """Something that happened that one person should hear of: listed on /mijn/meldingen/ and mailed as their
    preference for its kind says (`delivery`, set when it is created and changed with the preference)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind)
    template = models.CharField(
        _("template"), max_length=64, help_text="templates/mail/<template>_subject.txt and _body.txt render it."
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    event = models.CharField(
        max_length=200, help_text="What happened, as a key: one notification per person and event."
    )
    thread = models.CharField(
        max_length=200,
        blank=True,
        help_text="What a series of events belongs to (an initiative's discussion), as a key: while one of a "
        "person's notifications of a kind and thread is unread, the next events are counted on it instead.",
    )
    count = models.PositiveIntegerField(_("events"), default=1, help_text=_("How many events it tells of."))
    url = models.CharField(_("link"), max_length=500, help_text=_("The page it is about (a path on this site)."))
    context = models.JSONField(_("details"), default=dict, blank=True)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Frequency)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once_per_event"),
            models.UniqueConstraint(
                fields=["recipient", "kind", "thread"],
                condition=models.Q(read_at__isnull=True) & ~models.Q(thread=""),
                name="notification_one_unread_per_thread",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Frequency.values), name="notification_delivery_known"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_newest"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(mailed_at__isnull=True),
                name="notification_unmailed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row, DEFAULT_FREQUENCIES holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_preference_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values), name="notification_preference_frequency_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} → {self.get_frequency_display()}"
