"""Who and where: labour-market regions, municipalities and the organisations located in them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    classification_year = models.PositiveSmallIntegerField(_("classification year"))
    retired_in = models.PositiveSmallIntegerField(_("retired in"), null=True, blank=True)

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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


class OrganisationQuerySet(models.QuerySet):
    def in_helix(self, helix: str):
        return self.filter(kind__in=kinds_in_helix(helix))

    def in_region(self, region: LabourMarketRegion):
        return self.filter(municipality__region=region)

    def verified(self):
        return self.filter(verified_at__isnull=False)


class Organisation(models.Model):
    """A stakeholder that takes part in the region: a municipality, school, company, union..."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), max_length=1000, blank=True)
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def helix(self) -> str:
        return HELIX_OF_KIND[self.kind]

    def get_helix_display(self) -> str:
        return Helix(self.helix).label

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None
