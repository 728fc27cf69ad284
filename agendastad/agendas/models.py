"""What a region wants: its agendas, their priorities, the organisations committed to them and the
initiatives that serve each priority."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agendastad.core.text import validate_visible_text

YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


class AgendaKind(models.TextChoices):
    ECONOMIC = "economic", _("Regional economic agenda")
    HUMAN_CAPITAL = "human_capital", _("Human capital agenda")
    OTHER = "other", _("Other agenda")


class AgendaState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RegionAgendaQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=AgendaState.PUBLISHED)


AGENDA_HISTORY = HistoricalRecords(excluded_fields=["created_at"], user_related_name="+")
"""Kept by name so that the services record a save and its priorities as one version."""


class RegionAgenda(models.Model):
    """An agenda a region's coordinators publish for a period: what the region works on, in priorities."""

    region = models.ForeignKey(
        "regions.LabourMarketRegion", on_delete=models.PROTECT, related_name="agendas", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AgendaKind, default=AgendaKind.HUMAN_CAPITAL)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, validators=[validate_visible_text])
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), max_length=2000, validators=[validate_visible_text])
    summary_en = models.TextField(_("summary (English)"), max_length=2000, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEARS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEARS)
    state = models.CharField(_("state"), max_length=16, choices=AgendaState, default=AgendaState.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit; an edit based on an older version is refused."
    )

    objects = RegionAgendaQuerySet.as_manager()
    history = AGENDA_HISTORY

    class Meta:
        verbose_name = _("region agenda")
        verbose_name_plural = _("region agendas")
        ordering = ["region__name", "-first_year", "title_nl"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")), name="agenda_last_year_after_first"
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(published_at__isnull=False),
                name="agenda_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agendas:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year is before the first year.")})

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_nl

    @property
    def summary(self) -> str:
        return self.summary_en if get_language() == "en" and self.summary_en else self.summary_nl

    @property
    def is_published(self) -> bool:
        return self.state == AgendaState.PUBLISHED


class AgendaPriority(models.Model):
    """One thing an agenda wants to reach, on one or more SER themes, optionally with a measurable ambition."""

    agenda = models.ForeignKey(RegionAgenda, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, validators=[validate_visible_text])
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("short description"), max_length=1000, blank=True)
    themes = models.ManyToManyField("initiatives.Theme", related_name="agenda_priorities", verbose_name=_("themes"))
    ambition = models.CharField(
        _("ambition"), max_length=300, blank=True, help_text=_("What the region wants to reach, in words.")
    )
    ambition_number = models.DecimalField(
        _("ambition (number)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    ambition_unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: people."))
    partner_regions = models.ManyToManyField(
        "regions.LabourMarketRegion",
        blank=True,
        related_name="partner_priorities",
        verbose_name=_("partner regions"),
        help_text=_("Other regions that work on this priority with this one."),
    )
    programmes = models.ManyToManyField(
        "initiatives.NationalProgramme",
        blank=True,
        related_name="agenda_priorities",
        verbose_name=_("national programmes"),
        help_text=_("The national programmes and deals this priority works out in the region."),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", through="PriorityContribution", related_name="agenda_priorities", blank=True
    )

    class Meta:
        verbose_name = _("agenda priority")
        verbose_name_plural = _("agenda priorities")
        ordering = ["agenda", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_nl


class AgendaCommitment(models.Model):
    """An organisation that commits itself to a published agenda: a seat at the regional table."""

    agenda = models.ForeignKey(RegionAgenda, on_delete=models.CASCADE, related_name="commitments")
    organisation = models.ForeignKey(
        "regions.Organisation", on_delete=models.CASCADE, related_name="agenda_commitments"
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    committed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("commitment to an agenda")
        verbose_name_plural = _("commitments to agendas")
        constraints = [
            models.UniqueConstraint(fields=["agenda", "organisation"], name="agenda_commitment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.agenda}"


class PriorityContribution(models.Model):
    """An initiative serving a priority, linked by someone acting for its lead."""

    priority = models.ForeignKey(AgendaPriority, on_delete=models.CASCADE, related_name="contributions")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="priority_contributions"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("contribution to a priority")
        verbose_name_plural = _("contributions to priorities")
        constraints = [
            models.UniqueConstraint(fields=["priority", "initiative"], name="priority_contribution_once"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} → {self.priority}"
