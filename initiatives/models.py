"""What: the SER themes and (later) the initiatives that regional partners run together."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
