"""Creating, editing, changing the status of, archiving and restoring initiatives, with their history; telling
followers of a new status and coordinators of initiatives that fell silent."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from uuid import UUID

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.core.markdown import render_markdown
from agendastad.core.service_helpers import permission_require, unique_slug
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind
from agendastad.notifications.services import follows_add
from regions.models import LabourMarketRegion, Membership, Organisation, RegionCoordinator

from ..data import STORED_FIELDS, InitiativeData
from ..models import (
    ALLOWED_TRANSITIONS,
    INITIATIVE_HISTORY,
    SEARCH_CONFIG,
    SEEKING_STATUSES,
    START_REFUSED,
    STARTING_STATUSES,
    UNDERWAY_STATUSES,
    Initiative,
    Partnership,
    SoughtPartner,
    Visibility,
)
from ..selectors import followers_of_places, stale_initiatives
from ._common import _followers_who_see
from .matchmaking import sought_partners_announce


class EditConflict(Exception):
    """Someone else saved the initiative after this edit began; nothing was overwritten."""


def _validate(initiative: Initiative, data: InitiativeData) -> None:
    errors: dict[str, list[str]] = {}
    if not list(data.themes):
        errors["themes"] = [_("Choose at least one theme.")]
    regions = {data.primary_region.pk, *(region.pk for region in data.regions)}
    outside = [m.name for m in data.municipalities if m.region_id not in regions]
    if outside:
        errors["municipalities"] = [
            _("%(names)s lie outside the chosen regions.") % {"names": ", ".join(sorted(outside))}
        ]
    if (
        data.contact_person is not None
        and not Membership.objects.active()
        .filter(user=data.contact_person, organisation=initiative.lead_organisation_id)
        .exists()
    ):
        errors["contact_person"] = [_("The contact person must be a member of the lead organisation.")]
    exclude = [] if initiative.slug else ["slug"]
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
        exclude.append("end_date")  # and so the database constraint's message, which names no field
    try:
        initiative.full_clean(exclude=exclude or None)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save_relations(initiative: Initiative, data: InitiativeData) -> list[SoughtPartner]:
    """Set the relations; answer the sought places that are new. A place still sought keeps its row, and so
    whether a partner filled it."""
    initiative.themes.set(data.themes)
    initiative.programmes.set(data.programmes)
    initiative.target_groups.set(data.target_groups)
    initiative.regions.set([region for region in data.regions if region.pk != data.primary_region.pk])
    initiative.municipalities.set(data.municipalities)
    wanted = [SoughtPartner(initiative=initiative, helix=helix) for helix in sorted(set(data.sought_helices))] + [
        SoughtPartner(initiative=initiative, kind=kind) for kind in sorted(set(data.sought_kinds))
    ]
    existing = {place.key: place for place in initiative.sought_partners.all()}
    keys = {place.key for place in wanted}
    initiative.sought_partners.filter(pk__in=[p.pk for key, p in existing.items() if key not in keys]).delete()
    return SoughtPartner.objects.bulk_create([place for place in wanted if place.key not in existing])


@contextmanager
def _one_version(initiative: Initiative, user: User, history_type: str) -> Iterator[None]:
    """Record a save and the relations set with it as one version: each changed relation would otherwise
    add a version of its own. `history_type` is "+" for a new initiative, "~" for an edit."""
    initiative.skip_history_when_saving = True
    try:
        yield
    finally:
        del initiative.skip_history_when_saving
    initiative._history_user = user
    INITIATIVE_HISTORY.create_historical_record(initiative, history_type)


def search_vectors_refresh(initiatives) -> None:
    """Recompute the stored full-text vectors (PostgreSQL only): title weighs most, then summary, then text."""
    if connection.vendor != "postgresql":
        return
    initiatives.update(
        search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def initiative_create(
    *, user: User, lead_organisation: Organisation, data: InitiativeData, submission_key: UUID | None = None
) -> Initiative:
    """Register an initiative led by `lead_organisation`; its lead partnership is created with it.

    `submission_key` (the form's one-time key) makes a retried POST harmless: when this person already created
    an initiative with the same title from that form, that one is answered and nothing is created or announced
    again. Another title with a used key (the form brought back by the back button) is a new initiative."""
    permission_require(user, "initiatives.register_initiative")
    permission_require(user, "initiatives.lead_initiative", lead_organisation)
    if data.status not in STARTING_STATUSES and not (
        data.status in UNDERWAY_STATUSES and user.has_perm("initiatives.start_underway", lead_organisation)
    ):
        raise ValidationError({"status": [START_REFUSED]})
    same_form = Initiative.objects.filter(created_by=user, submission_key=submission_key)
    if submission_key is not None:
        earlier = same_form.filter(title=data.title).first()
        if earlier is not None:
            return earlier
        if same_form.exists():
            submission_key = None
    initiative = Initiative(
        lead_organisation=lead_organisation,
        created_by=user,
        submission_key=submission_key,
        **{name: getattr(data, name) for name in STORED_FIELDS},
    )
    _validate(initiative, data)
    initiative.description_html = render_markdown(initiative.description)
    try:
        return _initiative_save_new(initiative, user, lead_organisation, data)
    except IntegrityError:  # the same POST twice at the same moment: the other one created it
        earlier = same_form.filter(title=data.title).first() if submission_key is not None else None
        if earlier is None:
            raise
        return earlier


def _initiative_save_new(
    initiative: Initiative, user: User, lead_organisation: Organisation, data: InitiativeData
) -> Initiative:
    with transaction.atomic():
        initiative.slug = unique_slug(data.title, taken=Initiative.objects.all(), fallback="initiatief")
        with _one_version(initiative, user, "+"):
            initiative.save()
            _save_relations(initiative, data)
        Partnership.objects.create(
            initiative=initiative,
            organisation=lead_organisation,
            role=Partnership.Role.LEAD,
            state=Partnership.State.ACCEPTED,
            created_by=user,
            answered_at=timezone.now(),
            answered_by=user,
        )
        search_vectors_refresh(Initiative.objects.filter(pk=initiative.pk))
        follows_add(users=[user], target=initiative)
        if initiative.visibility == Visibility.PUBLIC:
            _announce(initiative, user)
            sought_partners_announce(initiative=initiative, actor=user)
    return initiative


def _announce(initiative: Initiative, user: User) -> None:
    """A new public initiative: tell whoever follows one of its regions or themes (each person once)."""
    notify(
        recipients=followers_of_places(initiative),
        kind=NotificationKind.NEW_INITIATIVE,
        template="initiative_published",
        actor=user,
        target=initiative,
        url=initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title, "summary": initiative.summary},
            "region": {"name": initiative.primary_region.name},
        },
    )


def initiative_update(*, initiative: Initiative, user: User, version: int, data: InitiativeData) -> Initiative:
    """Save an edit, unless someone else saved in the meantime: then EditConflict, and nothing changes.

    `version` is the version the person started editing from (a hidden field in the form).
    """
    permission_require(user, "initiatives.edit_initiative", initiative)
    with transaction.atomic():
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if current.version != version:
            raise EditConflict
        was_draft = current.visibility == Visibility.DRAFT
        was_seeking = current.status in SEEKING_STATUSES
        old_status = current.status
        if data.status != current.status and data.status not in ALLOWED_TRANSITIONS[current.status]:
            raise ValidationError({"status": [_("This status cannot follow the current one.")]})
        for name in STORED_FIELDS:
            setattr(current, name, getattr(data, name))
        _validate(current, data)
        current.description_html = render_markdown(current.description)
        current.version = version + 1  # the row is locked, so no one else raises it meanwhile
        current.updated_at = current.last_activity_at = timezone.now()
        with _one_version(current, user, "~"):
            current.save()
            new_places = _save_relations(current, data)
        search_vectors_refresh(Initiative.objects.filter(pk=current.pk))
        if was_draft and current.visibility == Visibility.PUBLIC:
            _announce(current, user)
        reopened = (was_draft or not was_seeking) and current.status in SEEKING_STATUSES
        sought_partners_announce(initiative=current, actor=user, places=None if reopened else new_places)
        if current.status != old_status:
            status_change_notify(current, user, old_status)
    current.refresh_from_db()
    return current


def initiative_change_status(*, initiative: Initiative, user: User, status: str) -> Initiative:
    permission_require(user, "initiatives.edit_initiative", initiative)
    with transaction.atomic():
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if status not in ALLOWED_TRANSITIONS[current.status]:
            raise ValidationError(_("This status cannot follow the current one."))
        was_seeking = current.status in SEEKING_STATUSES
        old_status = current.status
        current.status = status
        current.version += 1  # a plain value, not F(): the version history copies it
        current.updated_at = current.last_activity_at = timezone.now()
        current._history_user = user
        current.save(update_fields=["status", "version", "updated_at", "last_activity_at"])
        if not was_seeking and status in SEEKING_STATUSES:  # restarted: what it still seeks is news again
            sought_partners_announce(initiative=current, actor=user)
        status_change_notify(current, user, old_status)
    initiative.refresh_from_db()
    return initiative


def status_change_notify(initiative: Initiative, user: User, old_status: str) -> None:
    """Tell the initiative's followers who may see it that its status changed (from what to what), as their
    preference for "progress of initiatives I follow" asks. One notification per person and change."""
    notify(
        recipients=_followers_who_see(initiative),
        kind=NotificationKind.FOLLOWED_PROGRESS,
        template="initiative_status_changed",
        actor=user,
        target=initiative,
        url=initiative.get_absolute_url(),
        context={
            "initiative": {"title": initiative.title},
            "old_status": old_status,
            "status": initiative.status,
        },
        event=f"initiative_status_changed:{initiative.pk}:{initiative.version}",
    )


def initiative_archive(*, initiative: Initiative, user: User) -> Initiative:
    """Deleting archives: the initiative disappears from every list but stays, with its history."""
    permission_require(user, "initiatives.archive_initiative", initiative)
    initiative.archived_at = timezone.now()
    initiative._history_user = user
    with transaction.atomic():  # the change and its history row
        initiative.save(update_fields=["archived_at"])
    return initiative


def initiative_restore(*, initiative: Initiative, user: User) -> Initiative:
    permission_require(user, "initiatives.restore_initiative", initiative)
    initiative.archived_at = None
    initiative._history_user = user
    with transaction.atomic():
        initiative.save(update_fields=["archived_at"])
    return initiative


def stale_initiatives_flag(*, now: datetime | None = None) -> int:
    """Tell the coordinators of each region about its initiatives without activity for STALE_INITIATIVE_DAYS
    (`selectors.stale_initiatives`), once per silent period: the notification's event names the initiative and its
    last activity, so a daily run tells nobody twice, and an initiative that wakes up and falls silent again is
    flagged anew. Answer how many notifications are new."""
    coordinators: dict[int, list[User]] = {}
    for appointment in RegionCoordinator.objects.filter(user__is_active=True).select_related("user"):
        coordinators.setdefault(appointment.region_id, []).append(appointment.user)
    told = 0
    regions = LabourMarketRegion.objects.filter(pk__in=coordinators).defer("boundary")
    for region in regions:
        for initiative in stale_initiatives(region, now=now):
            told += notify(
                recipients=coordinators[region.pk],
                kind=NotificationKind.STALE_INITIATIVE,
                template="initiative_stale",
                actor=None,
                target=initiative,
                url=initiative.get_absolute_url(),
                context={
                    "initiative": {
                        "title": initiative.title,
                        "lead_organisation": initiative.lead_organisation.name,
                        "last_activity": timezone.localtime(initiative.last_activity_at).strftime("%d-%m-%Y"),
                    },
                    "region": {"name": region.name},
                },
                event=f"initiative_stale:{initiative.pk}:{initiative.last_activity_at.isoformat()}",
            )
    return told
