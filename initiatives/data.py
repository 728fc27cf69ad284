"""The fields a person fills in for an initiative, declared once.

`InitiativeData` is what the form hands the services (the same for creating and editing). Each field says in
its metadata where else it appears, and the rest is derived from it:

- `stored`: a column of `Initiative` the services set as it is (`STORED_FIELDS`); the others are relations the
  services save after the row (themes, further regions, municipalities, sought partners).
- `from_model`: the form takes the field from the model (`MODEL_FORM_FIELDS`, its `Meta.fields`, in this order);
  the others the form declares itself, with their querysets and choices.
- `column`: its column in spreadsheets, with the header an import shows (`spreadsheets.COLUMNS`, in this order).
"""

from collections.abc import Iterable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from regions.models import Helix, LabourMarketRegion, Municipality, OrganisationKind

from .models import NationalProgramme, Status, TargetGroup, Theme, Visibility


def _about(*, stored: bool, from_model: bool, column=None) -> dict:
    return {"stored": stored, "from_model": from_model, "column": column}


@dataclass(kw_only=True)
class InitiativeData:
    """The fields a person fills in for an initiative (the same for creating and editing)."""

    title: str = field(metadata=_about(stored=True, from_model=True, column=_("Title")))
    summary: str = field(metadata=_about(stored=True, from_model=True, column=_("Summary")))
    description: str = field(default="", metadata=_about(stored=True, from_model=True, column=_("Description")))
    status: Status = field(default=Status.IDEA, metadata=_about(stored=True, from_model=True, column=_("Status")))
    visibility: Visibility = field(
        default=Visibility.PUBLIC, metadata=_about(stored=True, from_model=True, column=_("Visibility"))
    )
    themes: Iterable[Theme] = field(metadata=_about(stored=False, from_model=True, column=_("Themes")))
    primary_region: LabourMarketRegion = field(metadata=_about(stored=True, from_model=True, column=_("Region")))
    municipalities: Iterable[Municipality] = field(
        default=(), metadata=_about(stored=False, from_model=False, column=_("Municipalities"))
    )
    sought_note: str = field(default="", metadata=_about(stored=True, from_model=True))
    start_date: date | None = field(default=None, metadata=_about(stored=True, from_model=True, column=_("Start date")))
    end_date: date | None = field(default=None, metadata=_about(stored=True, from_model=True, column=_("End date")))
    budget: Decimal | None = field(
        default=None, metadata=_about(stored=True, from_model=True, column=_("Budget (euros)"))
    )
    website: str = field(default="", metadata=_about(stored=True, from_model=True, column=_("Website")))
    sought_helices: Iterable[Helix] = field(
        default=(), metadata=_about(stored=False, from_model=False, column=_("Partners sought from these helices"))
    )
    programmes: Iterable[NationalProgramme] = field(
        default=(), metadata=_about(stored=False, from_model=True, column=_("National programmes"))
    )
    target_groups: Iterable[TargetGroup] = field(
        default=(), metadata=_about(stored=False, from_model=True, column=_("Target groups"))
    )
    regions: Iterable[LabourMarketRegion] = field(default=(), metadata=_about(stored=False, from_model=False))
    sought_kinds: Iterable[OrganisationKind] = field(default=(), metadata=_about(stored=False, from_model=False))
    contact_person: AbstractBaseUser | None = field(default=None, metadata=_about(stored=True, from_model=False))


DATA_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(InitiativeData))
STORED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(InitiativeData) if f.metadata["stored"])
MODEL_FORM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(InitiativeData) if f.metadata["from_model"])
DATA_COLUMNS: dict[str, str] = {f.name: f.metadata["column"] for f in fields(InitiativeData) if f.metadata["column"]}
DEFAULTS: dict[str, object] = {f.name: f.default for f in fields(InitiativeData) if f.default is not MISSING}
