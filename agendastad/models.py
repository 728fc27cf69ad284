from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
    _auser_has_perm,
    _user_has_perm,
)
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import validate_display_name, validate_visible_text


def passed_second_factor(user) -> bool:
    """Signed in in a session that passed the second factor: only then do moderator and coordinator rights count."""
    return user.is_authenticated and getattr(user, "second_factor_passed", False) is True


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. They sign in with their email address; the display name is what others see."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True, validators=[validate_visible_text])
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        default="nl",
        help_text=_("The language of the mails we send you."),
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    second_factor_passed = False
    """Whether the session this object came with passed the second factor (an authenticator app or a recovery
    code): set by `agendastad.second_factor.SecondFactorMiddleware` on the signed-in person of a request. A person
    loaded any other way (a command, a service reading people from the database) has not, so the rights of
    moderators and region coordinators do not count there (`passed_second_factor`)."""

    def clean(self) -> None:
        """Only staff accounts may carry a name that sounds like staff (the admin's person form checks this)."""
        super().clean()
        if self.display_name and not self.is_staff:
            try:
                validate_display_name(self.display_name)
            except ValidationError as error:
                raise ValidationError({"display_name": error.error_list}) from None

    def has_perm(self, perm: str, obj=None) -> bool:
        """Ask the backends for superusers too, so that the rules (*/rules.py) hold for everyone.

        Django's shortcut would let a superuser leave an organisation they are not in or verify one
        twice. The model backend still grants superusers every model permission, so the admin is unchanged.
        """
        return _user_has_perm(self, perm, obj)

    async def ahas_perm(self, perm: str, obj=None) -> bool:
        return await _auser_has_perm(self, perm, obj)


class Follow(models.Model):
    """A person follows one initiative, labour-market region or theme: exactly one of the three is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("person")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("initiative"),
    )
    region = models.ForeignKey(
        "regions.LabourMarketRegion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("region"),
    )
    theme = models.ForeignKey(
        "initiatives.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("theme"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initiative__isnull=False, region__isnull=True, theme__isnull=True)
                | models.Q(initiative__isnull=True, region__isnull=False, theme__isnull=True)
                | models.Q(initiative__isnull=True, region__isnull=True, theme__isnull=False),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "initiative"],
                condition=models.Q(initiative__isnull=False),
                name="follow_initiative_once",
            ),
            models.UniqueConstraint(
                fields=["user", "region"], condition=models.Q(region__isnull=False), name="follow_region_once"
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=models.Q(theme__isnull=False), name="follow_theme_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return self.initiative or self.region or self.theme


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
    NEW_INITIATIVE = "new_initiative", _("New initiatives in the regions and themes I follow")
    MEMBERSHIP = "membership", _("Requests to join my organisations, invitations and their answers")


DEFAULT_FREQUENCIES: dict[str, str] = {
    NotificationKind.COMMENT_REPLY: Frequency.IMMEDIATELY,
    NotificationKind.INITIATIVE_COMMENT: Frequency.IMMEDIATELY,
    NotificationKind.FOLLOWED_COMMENT: Frequency.DAILY,
    NotificationKind.PARTNERSHIP: Frequency.IMMEDIATELY,
    NotificationKind.MODERATION: Frequency.IMMEDIATELY,
    NotificationKind.NEW_INITIATIVE: Frequency.DAILY,
    NotificationKind.MEMBERSHIP: Frequency.IMMEDIATELY,
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
