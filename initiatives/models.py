"""What: the SER themes and (later) the initiatives that regional partners run together."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models import Helix, Membership, OrganisationKind, RegionCoordinator
from regions.predicates import is_moderator


class Theme(models.Model):
    """One of the six themes of the SER advice *Agenda voor de stad*.

    Reference content in both site languages; the six rows are created by a data migration.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=6), name="theme_number_1_to_6"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("initiatives:theme_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_nl


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.IDEA: {Status.PROPOSAL, Status.RUNNING, Status.STOPPED},
    Status.PROPOSAL: {Status.IDEA, Status.RUNNING, Status.STOPPED},
    Status.RUNNING: {Status.COMPLETED, Status.STOPPED},
    Status.COMPLETED: {Status.RUNNING},
    Status.STOPPED: {Status.IDEA, Status.PROPOSAL},
}
"""Which status may follow which: a completed initiative can restart, a stopped one starts over as idea or proposal."""

STARTING_STATUSES = {Status.IDEA, Status.PROPOSAL}


class Visibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLIC = "public", _("Public")


class InitiativeQuerySet(models.QuerySet):
    def active(self):
        """Not archived. Archived initiatives stay in the database (and their history) for moderators."""
        return self.filter(archived_at__isnull=True)

    def public(self):
        return self.active().filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """What this person may see: public initiatives, plus drafts of their own organisations and of the
        regions they coordinate; moderators see every draft. Every list, search and feed starts here."""
        if not user.is_authenticated:
            return self.public()
        if is_moderator(user):
            return self.active()
        own_organisations = Membership.objects.active().filter(user=user).values("organisation")
        coordinated = RegionCoordinator.objects.filter(user=user).values("region")
        return self.active().filter(
            models.Q(visibility=Visibility.PUBLIC)
            | models.Q(lead_organisation__in=own_organisations)
            | models.Q(primary_region__in=coordinated)
        )

    def in_region(self, region):
        further = Initiative.regions.through.objects.filter(initiative=models.OuterRef("pk"), labourmarketregion=region)
        return self.filter(models.Q(primary_region=region) | models.Exists(further))


INITIATIVE_HISTORY = HistoricalRecords(
    m2m_fields=["themes", "regions", "municipalities"],
    excluded_fields=["search_vector", "last_activity_at"],
    user_related_name="+",
)
"""Kept by name so that the services can record a save and its relations as one version."""


class Initiative(models.Model):
    """What the partners of a region do together: the heart of the platform."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("At most 300 characters."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists and links.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IDEA)
    visibility = models.CharField(_("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC)
    themes = models.ManyToManyField(Theme, related_name="initiatives", verbose_name=_("themes"))
    primary_region = models.ForeignKey(
        "regions.LabourMarketRegion",
        on_delete=models.PROTECT,
        related_name="primary_initiatives",
        verbose_name=_("region"),
    )
    regions = models.ManyToManyField(
        "regions.LabourMarketRegion",
        blank=True,
        related_name="further_initiatives",
        verbose_name=_("further regions"),
        help_text=_("For initiatives that cross the borders of their region."),
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality", blank=True, related_name="initiatives", verbose_name=_("municipalities")
    )
    lead_organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("lead organisation"),
    )
    sought_note = models.TextField(
        _("what partners are sought"), blank=True, help_text=_("What kind of partner you look for, and for what.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(_("budget (euros)"), max_digits=12, decimal_places=0, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_initiatives",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now, editable=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit; an edit based on an older version is refused."
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()
    history = INITIATIVE_HISTORY

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="initiative_budget_not_negative",
            ),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="initiative_status_known"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values), name="initiative_visibility_known"
            ),
        ]
        indexes = [
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(visibility="public", archived_at__isnull=True),
                name="initiative_public_newest",
            ),
            models.Index(fields=["-last_activity_at"], name="initiative_recent_activity"),
            models.Index(fields=["status"], name="initiative_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.visibility == Visibility.DRAFT

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class SoughtPartner(models.Model):
    """One kind of partner an initiative looks for: a whole helix, or one kind of organisation."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sought_partners")
    helix = models.CharField(_("helix"), max_length=32, choices=Helix.choices, blank=True)
    kind = models.CharField(_("kind of organisation"), max_length=32, choices=OrganisationKind.choices, blank=True)

    class Meta:
        verbose_name = _("sought partner")
        verbose_name_plural = _("sought partners")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(helix="") & ~models.Q(kind="")) | (~models.Q(helix="") & models.Q(kind="")),
                name="sought_partner_helix_or_kind",
            ),
            models.UniqueConstraint(fields=["initiative", "helix", "kind"], name="sought_partner_once"),
        ]

    def __str__(self) -> str:
        return self.get_helix_display() or self.get_kind_display()


class PartnershipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(state=Partnership.State.ACCEPTED)


class Partnership(models.Model):
    """An organisation's part in an initiative. The lead organisation has one too (role lead, accepted),
    so that the helices an initiative covers are simply those of its accepted partnerships."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        KNOWLEDGE_PARTNER = "knowledge_partner", _("Knowledge partner")

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("initiative")
    )
    organisation = models.ForeignKey(
        "regions.Organisation", on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organisation"], name="partnership_once_per_organisation"),
            models.UniqueConstraint(
                fields=["initiative"], condition=models.Q(role="lead"), name="partnership_one_lead"
            ),
        ]
        indexes = [models.Index(fields=["initiative", "state"], name="partnership_initiative_state")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.initiative} ({self.get_role_display()})"
