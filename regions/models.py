"""Who and where: labour-market regions, municipalities and the organisations located in them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agendastad.accounts.models import passed_second_factor
from agendastad.core.fields import BoundedTextField
from agendastad.core.text import validate_visible_text


class ClassifiedQuerySet(models.QuerySet):
    def current(self):
        """Rows in the latest CBS classification loaded; retired rows stay for history."""
        return self.filter(retired_in__isnull=True)


class LabourMarketRegion(models.Model):
    """An *arbeidsmarktregio*: one of the regions in which municipalities, employers, schools and
    unions organise the labour market together (CBS code AMnn)."""

    code = models.CharField(_("CBS code"), max_length=4, unique=True, validators=[RegexValidator(r"^AM\d\d$")])
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    boundary = models.JSONField(_("boundary"), null=True, blank=True, help_text=_("GeoJSON geometry (WGS84)."))
    classification_year = models.PositiveSmallIntegerField(
        _("classification year"), help_text=_("The latest CBS classification this region appears in.")
    )
    retired_in = models.PositiveSmallIntegerField(
        _("retired in"), null=True, blank=True, help_text=_("The first classification year without this region.")
    )

    follows = GenericRelation("notifications.Follow", content_type_field="target_type", object_id_field="target_id")
    """Who follows it (deleted with it); it registers itself as followable in apps.py."""
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("labour-market region")
        verbose_name_plural = _("labour-market regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", kwargs={"slug": self.slug})


class Municipality(models.Model):
    """A *gemeente* (CBS code GMnnnn), in one province and one labour-market region."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")])
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=50)
    region = models.ForeignKey(
        LabourMarketRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("labour-market region"),
    )
    boundary = models.JSONField(_("boundary"), null=True, blank=True, help_text=_("GeoJSON geometry (WGS84)."))
    """For the region dashboard's map; lists leave it out (`defer("boundary")`): a few hundred points each."""
    classification_year = models.PositiveSmallIntegerField(_("classification year"))
    retired_in = models.PositiveSmallIntegerField(_("retired in"), null=True, blank=True)

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionAssignment(models.Model):
    """The region a municipality belongs to in one CBS classification year.

    `load_regions` writes one row per municipality for the year it loads and leaves other years alone, so
    the classification of every year loaded stays readable; `Municipality.region` is the latest year's.
    """

    year = models.PositiveSmallIntegerField(_("classification year"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="region_assignments", verbose_name=_("municipality")
    )
    region = models.ForeignKey(
        LabourMarketRegion,
        on_delete=models.PROTECT,
        related_name="municipality_assignments",
        verbose_name=_("labour-market region"),
    )

    class Meta:
        verbose_name = _("region assignment")
        verbose_name_plural = _("region assignments")
        ordering = ["-year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality"], name="region_assignment_one_per_year"),
        ]
        indexes = [models.Index(fields=["year", "region"], name="region_assignment_year_region")]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.region} ({self.year})"


class Helix(models.TextChoices):
    """The strands of the (triple) helix that regional cooperation brings together."""

    GOVERNMENT = "government", _("Government")
    KNOWLEDGE = "knowledge", _("Education & knowledge")
    BUSINESS = "business", _("Business")
    SOCIAL_PARTNERS = "social_partners", _("Social partners")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", pgettext_lazy("organisation kind", "Municipality")
    PROVINCE = "province", _("Province")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    PUBLIC_BODY = "public_body", _("Other public body")
    SCHOOL_MBO = "school_mbo", _("School (mbo)")
    SCHOOL_HBO = "school_hbo", _("University of applied sciences (hbo)")
    UNIVERSITY = "university", _("University")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Research or knowledge institution")
    BUSINESS = "business", _("Business")
    BUSINESS_NETWORK = "business_network", _("Business network")
    EMPLOYERS_ORGANISATION = "employers_organisation", _("Employers' organisation")
    UNION = "union", _("Union")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")


HELIX_OF_KIND: dict[str, str] = {
    OrganisationKind.MUNICIPALITY: Helix.GOVERNMENT,
    OrganisationKind.PROVINCE: Helix.GOVERNMENT,
    OrganisationKind.NATIONAL_GOVERNMENT: Helix.GOVERNMENT,
    OrganisationKind.PUBLIC_BODY: Helix.GOVERNMENT,
    OrganisationKind.SCHOOL_MBO: Helix.KNOWLEDGE,
    OrganisationKind.SCHOOL_HBO: Helix.KNOWLEDGE,
    OrganisationKind.UNIVERSITY: Helix.KNOWLEDGE,
    OrganisationKind.KNOWLEDGE_INSTITUTION: Helix.KNOWLEDGE,
    OrganisationKind.BUSINESS: Helix.BUSINESS,
    OrganisationKind.BUSINESS_NETWORK: Helix.BUSINESS,
    OrganisationKind.EMPLOYERS_ORGANISATION: Helix.SOCIAL_PARTNERS,
    OrganisationKind.UNION: Helix.SOCIAL_PARTNERS,
    OrganisationKind.CIVIL_SOCIETY: Helix.CIVIL_SOCIETY,
}


def kinds_in_helix(helix: str) -> list[str]:
    return [kind for kind, strand in HELIX_OF_KIND.items() if strand == helix]


class Country(models.TextChoices):
    """Where an organisation is located (ISO 3166-1 alpha-2): the Netherlands, or a country across the border
    that regions work with (the SER asks for cooperation with Germany and Belgium in particular)."""

    NL = "NL", _("the Netherlands")
    BE = "BE", _("Belgium")
    DE = "DE", _("Germany")
    LU = "LU", _("Luxembourg")
    FR = "FR", _("France")
    DK = "DK", _("Denmark")
    GB = "GB", _("United Kingdom")


HOME_COUNTRY = Country.NL


class OrganisationQuerySet(models.QuerySet):
    def in_helix(self, helix: str):
        return self.filter(kind__in=kinds_in_helix(helix))

    def in_region(self, region: LabourMarketRegion):
        return self.filter(municipality__region=region)

    def verified(self):
        return self.filter(verified_at__isnull=False)

    def abroad(self):
        """Located outside the Netherlands: in no municipality, so in no labour-market region."""
        return self.exclude(country=HOME_COUNTRY)


class Organisation(models.Model):
    """A stakeholder that takes part in the region: a municipality, school, company, union..."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_visible_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind)
    country = models.CharField(_("country"), max_length=2, choices=Country, default=HOME_COUNTRY)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
        help_text=_("In the Netherlands: where the organisation is located; this decides its labour-market region."),
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("Outside the Netherlands: the town or city where the organisation is located."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("general contact address"),
        blank=True,
        help_text=_(
            "Optional: an e-mail address of the organisation itself (such as info@...), shown on its page to "
            "everyone. Never a person's own address."
        ),
    )
    description = BoundedTextField(_("short description"), max_length=1000, blank=True)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))],
        help_text=_("Chamber of Commerce registration number (8 digits), for businesses."),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    follows = GenericRelation("notifications.Follow", content_type_field="target_type", object_id_field="target_id")
    """Who follows it (deleted with it); it registers itself as followable in apps.py."""
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kvk_number="") | models.Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="organisation_kvk_number_8_digits",
            ),
            models.CheckConstraint(
                condition=(models.Q(country=HOME_COUNTRY) & models.Q(municipality__isnull=False))
                | (~models.Q(country=HOME_COUNTRY) & models.Q(municipality__isnull=True) & ~models.Q(place="")),
                name="organisation_located_in_municipality_or_abroad",
                violation_error_message=_(
                    "An organisation in the Netherlands is located in a municipality; one outside the Netherlands "
                    "has a place and no municipality."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:organisation_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Say which field is wrong before the database constraint on the location would refuse the row."""
        self.place = self.place.strip()
        if not self.is_abroad and self.municipality_id is None:
            raise ValidationError(
                {"municipality": _("Choose the municipality where the organisation is located in the Netherlands.")}
            )
        if self.is_abroad:
            errors = {}
            if self.municipality_id is not None:
                errors["municipality"] = _(
                    "An organisation outside the Netherlands is not in a Dutch municipality: leave the "
                    "municipality empty, or choose the Netherlands as the country."
                )
            if not self.place:
                errors["place"] = _("Give the town or city where the organisation is located outside the Netherlands.")
            if errors:
                raise ValidationError(errors)

    @property
    def is_abroad(self) -> bool:
        """Located across the border: its links to Dutch partners are cross-border cooperation."""
        return self.country != HOME_COUNTRY

    @property
    def region(self) -> LabourMarketRegion | None:
        """Its labour-market region (through its municipality); None for an organisation abroad."""
        return self.municipality.region if self.municipality_id is not None else None

    @property
    def location(self) -> str:
        """Where it is, for people: its municipality, or place and country abroad ("Aachen, Germany")."""
        if self.is_abroad:
            return f"{self.place}, {Country(self.country).label}"
        return self.municipality.name if self.municipality_id is not None else ""

    @property
    def helix(self) -> str:
        return HELIX_OF_KIND[self.kind]

    def get_helix_display(self) -> str:
        return Helix(self.helix).label

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=Membership.State.ACTIVE)

    def requested(self):
        return self.filter(state=Membership.State.REQUESTED)

    def admins(self):
        return self.active().filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    """A person in an organisation. Joining starts as a request that an admin approves."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Admin")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", _("Active")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    show_on_profile = models.BooleanField(
        _("show me on the organisation's page"),
        default=False,
        help_text=_("Others see your name as a member of this organisation."),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_one_per_person_and_organisation"),
            models.CheckConstraint(
                condition=~models.Q(state="requested", role="admin"), name="membership_requests_are_not_admins"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.state == self.State.ACTIVE and self.role == self.Role.ADMIN


class Invitation(models.Model):
    """An organisation admin invites someone by email, whether or not they have an account yet.

    Only the person who signs in with that (verified) address can accept it; the token in the mailed
    link only finds the invitation.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)
    claim = models.BooleanField(
        _("to claim the organisation"),
        default=False,
        help_text=_(
            "Sent by a region coordinator to someone who may manage an organisation without an admin: it makes them "
            "its admin, and holds only while the organisation has none."
        ),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(answered_at__isnull=True),
                name="invitation_one_open_per_address_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class RegionCoordinatorQuerySet(models.QuerySet):
    def acting(self, user):
        """The appointments of this person that count in their session: none for a session that did not pass
        the second factor, so a stolen password alone never acts as a coordinator. Every check of coordinator
        rights starts here."""
        if not passed_second_factor(user):
            return self.none()
        return self.filter(user=user)


class RegionCoordinator(models.Model):
    """A person appointed by a moderator to coordinate a labour-market region: they verify its
    organisations and (later) log initiatives and moderate there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinated_regions",
        verbose_name=_("person"),
    )
    region = models.ForeignKey(
        LabourMarketRegion, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("region")
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)

    objects = RegionCoordinatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("region coordinator")
        verbose_name_plural = _("region coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="coordinator_once_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.region})"


class SuspensionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(lifted_at__isnull=True)


class Suspension(models.Model):
    """A moderator suspended a person: they cannot sign in and what they wrote is hidden, until lifted.

    Rows stay after lifting, so the person's moderation history is kept.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("person")
    )
    reason = BoundedTextField(
        _("reason"), max_length=2000, help_text=_("The person is told this reason."), validators=[validate_visible_text]
    )
    suspended_at = models.DateTimeField(_("suspended at"), default=timezone.now)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("suspended by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-suspended_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(lifted_at__isnull=True), name="suspension_one_current_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.suspended_at:%Y-%m-%d})"

    @property
    def is_current(self) -> bool:
        return self.lifted_at is None


class ContactRoute(models.TextChoices):
    """Who receives a message sent through the site, as the page and the mail say."""

    CONTACT_PERSON = "contact_person", _("the contact person")
    ORGANISATION_ADMINS = "organisation_admins", _("the organisation's admins")
    REGION_COORDINATORS = "region_coordinators", _("the region's coordinators")


class ContactMessage(models.Model):
    """A message a person sent through the site to an initiative's contact person or an organisation's admins.

    Relayed by mail (no address is shown to the sender; a reply goes to them). The row is the record that the
    rate limits count and that moderators read when a recipient reports the message as abuse. The text is kept
    for that, and shown in the admin panel only once the message is reported.
    """

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_contact_messages",
        verbose_name=_("sender"),
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_name = models.CharField(_("sent about"), max_length=300)
    page = models.CharField(_("sent through the page"), max_length=500)
    route = models.CharField(_("received by"), max_length=32, choices=ContactRoute)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="received_contact_messages", verbose_name=_("recipients")
    )
    subject = models.CharField(_("subject"), max_length=150, validators=[validate_visible_text])
    text = BoundedTextField(_("message"), max_length=2000, validators=[validate_visible_text])
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    reported_at = models.DateTimeField(_("reported as abuse at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["sender", "target_type", "target_id", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.sender} → {self.target_name} ({self.sent_at:%Y-%m-%d %H:%M})"
