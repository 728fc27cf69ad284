"""Everything that changes agendas: writing and publishing them, committing to them, linking initiatives."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.service_helpers import permission_require, unique_slug
from initiatives.models import Initiative, NationalProgramme, Theme
from regions.models import LabourMarketRegion, Organisation

from .models import (
    AGENDA_HISTORY,
    AgendaCommitment,
    AgendaPriority,
    AgendaState,
    PriorityContribution,
    RegionAgenda,
)
from .selectors import linkable_priorities


class EditConflict(Exception):
    """Someone else saved the agenda after this edit began; nothing was overwritten."""


@dataclass
class PriorityData:
    title_nl: str
    themes: Sequence[Theme]
    title_en: str = ""
    description: str = ""
    ambition: str = ""
    ambition_number: Decimal | None = None
    ambition_unit: str = ""
    partner_regions: Sequence[LabourMarketRegion] = ()
    programmes: Sequence[NationalProgramme] = ()
    pk: int | None = None
    """The priority this edits; None for a new one."""


@dataclass
class AgendaData:
    kind: str
    title_nl: str
    summary_nl: str
    first_year: int
    last_year: int
    title_en: str = ""
    summary_en: str = ""
    priorities: Sequence[PriorityData] = field(default_factory=list)
    """In the order shown; priorities of the agenda not named here are removed."""


AGENDA_FIELDS = ("kind", "title_nl", "title_en", "summary_nl", "summary_en", "first_year", "last_year")
PRIORITY_FIELDS = ("title_nl", "title_en", "description", "ambition", "ambition_number", "ambition_unit")


@contextmanager
def _one_version(agenda: RegionAgenda, user: User, history_type: str) -> Iterator[None]:
    """Record a save and its priorities as one version of the agenda."""
    agenda.skip_history_when_saving = True
    try:
        yield
    finally:
        del agenda.skip_history_when_saving
    agenda._history_user = user
    AGENDA_HISTORY.create_historical_record(agenda, history_type)


def _validate(agenda: RegionAgenda, data: AgendaData) -> None:
    errors: dict[str, list[str]] = {}
    try:
        agenda.full_clean(exclude=None if agenda.slug else ["slug"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not data.priorities:
        errors.setdefault("__all__", []).append(_("Give the agenda at least one priority."))
    for number, priority in enumerate(data.priorities, start=1):
        if not list(priority.themes):
            errors.setdefault("__all__", []).append(
                _("Priority %(number)d needs at least one theme.") % {"number": number}
            )
        if not (priority.title_nl or "").strip():
            errors.setdefault("__all__", []).append(_("Priority %(number)d needs a Dutch title.") % {"number": number})
    if errors:
        raise ValidationError(errors)


def _save_priorities(agenda: RegionAgenda, priorities: Sequence[PriorityData]) -> None:
    existing = {priority.pk: priority for priority in agenda.priorities.all()}
    kept = set()
    for order, data in enumerate(priorities, start=1):
        priority = existing.get(data.pk) or AgendaPriority(agenda=agenda)
        for name in PRIORITY_FIELDS:
            setattr(priority, name, getattr(data, name))
        priority.order = order
        priority.full_clean(exclude=["agenda"])
        priority.save()
        priority.themes.set(data.themes)
        priority.partner_regions.set([region for region in data.partner_regions if region.pk != agenda.region_id])
        priority.programmes.set(data.programmes)
        kept.add(priority.pk)
    agenda.priorities.exclude(pk__in=kept).delete()


def agenda_create(*, user: User, region: LabourMarketRegion, data: AgendaData) -> RegionAgenda:
    """A new draft agenda of `region`, with its priorities."""
    permission_require(user, "agendas.create_agenda", region)
    agenda = RegionAgenda(region=region, created_by=user)
    for name in AGENDA_FIELDS:
        setattr(agenda, name, getattr(data, name))
    _validate(agenda, data)
    with transaction.atomic():
        agenda.slug = unique_slug(f"{region.slug} {data.title_nl}", taken=RegionAgenda.objects.all(), fallback="agenda")
        with _one_version(agenda, user, "+"):
            agenda.save()
            _save_priorities(agenda, data.priorities)
    return agenda


def agenda_update(*, agenda: RegionAgenda, user: User, version: int, data: AgendaData) -> RegionAgenda:
    """Save an edit, unless someone else saved in the meantime: then EditConflict, and nothing changes.

    `version` is the version the person started editing from (a hidden field in the form)."""
    permission_require(user, "agendas.edit_agenda", agenda)
    with transaction.atomic():
        current = RegionAgenda.objects.select_for_update().get(pk=agenda.pk)
        if current.version != version:
            raise EditConflict
        for name in AGENDA_FIELDS:
            setattr(current, name, getattr(data, name))
        _validate(current, data)
        current.version = version + 1
        current.updated_at = timezone.now()
        with _one_version(current, user, "~"):
            current.save()
            _save_priorities(current, data.priorities)
    current.refresh_from_db()
    return current


def _change_state(agenda: RegionAgenda, user: User, state: str) -> RegionAgenda:
    with transaction.atomic():
        current = RegionAgenda.objects.select_for_update().get(pk=agenda.pk)
        current.state = state
        current.published_at = timezone.now() if state == AgendaState.PUBLISHED else None
        current.version += 1
        current.updated_at = timezone.now()
        current._history_user = user
        current.save()
    return current


def agenda_publish(*, agenda: RegionAgenda, user: User) -> RegionAgenda:
    permission_require(user, "agendas.publish_agenda", agenda)
    return _change_state(agenda, user, AgendaState.PUBLISHED)


def agenda_unpublish(*, agenda: RegionAgenda, user: User) -> RegionAgenda:
    """Back to draft: only its region's coordinators and moderators see it. Commitments and links stay."""
    permission_require(user, "agendas.unpublish_agenda", agenda)
    return _change_state(agenda, user, AgendaState.DRAFT)


def commitment_add(*, agenda: RegionAgenda, organisation: Organisation, user: User) -> AgendaCommitment:
    permission_require(user, "agendas.commit_to_agenda", agenda)
    permission_require(user, "agendas.commit_organisation", organisation)
    commitment, _created = AgendaCommitment.objects.get_or_create(
        agenda=agenda, organisation=organisation, defaults={"committed_by": user}
    )
    return commitment


def commitment_withdraw(*, agenda: RegionAgenda, organisation: Organisation, user: User) -> None:
    """Withdrawn by an admin of the organisation, also after the agenda went back to draft."""
    permission_require(user, "agendas.commit_organisation", organisation)
    AgendaCommitment.objects.filter(agenda=agenda, organisation=organisation).delete()


def contributions_set(*, initiative: Initiative, user: User, priorities: Sequence[AgendaPriority]) -> None:
    """Link the initiative to exactly these priorities. Only priorities of published agendas of the initiative's
    regions may be chosen; links to priorities no longer choosable (an agenda back in draft) are left alone."""
    permission_require(user, "agendas.link_priorities", initiative)
    choosable = set(linkable_priorities(initiative).values_list("pk", flat=True))
    chosen = {priority.pk for priority in priorities}
    if chosen - choosable:
        raise ValidationError(_("Choose priorities of the published agendas of the initiative's regions."))
    with transaction.atomic():
        PriorityContribution.objects.filter(initiative=initiative, priority__in=choosable - chosen).delete()
        taken = set(PriorityContribution.objects.filter(initiative=initiative).values_list("priority_id", flat=True))
        PriorityContribution.objects.bulk_create(
            [
                PriorityContribution(priority_id=pk, initiative=initiative, linked_by=user)
                for pk in sorted(chosen - taken)
            ]
        )
