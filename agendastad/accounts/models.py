from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
    _auser_has_perm,
    _user_has_perm,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendastad.core.text import validate_display_name, validate_visible_text


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
    code): set by `agendastad.accounts.second_factor.SecondFactorMiddleware` on the signed-in person of a request.
    A person loaded any other way (a command, a service reading people from the database) has not, so the rights of
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
