"""Writes for the reference data: loading a CBS classification of regions and municipalities."""

import csv
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agendastad.accounts.models import User
from agendastad.accounts.moderators import MODERATORS_GROUP
from agendastad.core.mail import absolute_url, mail_send_relayed, mail_send_transactional
from agendastad.core.ratelimit import rate_limit_take
from agendastad.core.service_helpers import permission_require, unique_slug
from agendastad.notifications.delivery import notify
from agendastad.notifications.models import NotificationKind

from .models import (
    HOME_COUNTRY,
    ContactMessage,
    Invitation,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    RegionAssignment,
    RegionCoordinator,
    Suspension,
)
from .predicates import is_org_admin
from .selectors import ContactRecipients, organisation_contact_recipients

DATA_DIR = Path(__file__).resolve().parent / "data"
BUNDLED_YEAR = 2025
"""The classification year of the files in DATA_DIR."""
REGION_CODE = re.compile(r"^AM\d\d$")
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


class ReferenceDataError(Exception):
    """A data file is missing or wrong; the message names the file and the line."""


class OlderClassificationError(ReferenceDataError):
    """A newer classification year than the one asked is loaded already: the older year cannot replace it."""

    def __init__(self, *, year: int, newest: int):
        super().__init__(f"The {newest} classification is already loaded; an older year ({year}) cannot replace it.")
        self.year, self.newest = year, newest


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    changes: list[str] = field(default_factory=list)
    year: int | None = None
    assigned: int = 0
    """Municipalities whose region for `year` was written (new, or moved since the same year was loaded before)."""
    unassigned: int = 0
    """Assignments for `year` removed because a corrected file for that year no longer has the municipality."""

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.retired} retired; "
            f"assignments for {self.year}: {self.assigned} written, {self.unassigned} removed"
        )


def _read_csv(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise ReferenceDataError(
                f"{path}, line 1: expected the columns {','.join(columns)}, found {','.join(reader.fieldnames or [])}"
            )
        rows = []
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise ReferenceDataError(f"{path}, line {reader.line_num}: expected {len(columns)} values")
            rows.append((reader.line_num, {key: value.strip() for key, value in row.items()}))
    return rows


def _read_boundaries(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path}, line {error.lineno}: not valid JSON ({error.msg})") from error
    boundaries = {}
    for number, feature in enumerate(collection.get("features", []), start=1):
        code = (feature.get("properties") or {}).get("code")
        if not code or not feature.get("geometry"):
            raise ReferenceDataError(f"{path}, feature {number}: a feature needs properties.code and a geometry")
        boundaries[code] = feature["geometry"]
    return boundaries


def _region_slug(name: str, code: str, taken: set[str]) -> str:
    slug = slugify(name.replace("/", " "))
    if slug in taken:
        slug = f"{slug}-{code.lower()}"
    taken.add(slug)
    return slug


def _sync(model, wanted: dict[str, dict], year: int, report: LoadReport, extra_create=None) -> dict[str, object]:
    """Create, update or retire rows of `model` so that the current ones are exactly `wanted`."""
    existing = {obj.code: obj for obj in model.objects.all()}
    for code, values in wanted.items():
        values = {**values, "classification_year": year, "retired_in": None}
        obj = existing.get(code)
        if obj is None:
            obj = model(code=code, **values)
            if extra_create:
                extra_create(obj)
            obj.full_clean()
            obj.save()
            existing[code] = obj
            report.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save(update_fields=changed)
            report.updated += 1
            if changed != ["classification_year"]:  # a new year touches every row; name only the real changes
                report.changes.append(f"{model.__name__} {code}: {', '.join(changed)}")
        else:
            report.unchanged += 1
    for code, obj in existing.items():
        if code not in wanted and obj.retired_in is None:
            obj.retired_in = year
            obj.save(update_fields=["retired_in"])
            report.retired += 1
    return existing


def reference_data_load(
    *,
    year: int,
    regions_csv: Path = DATA_DIR / "labour_market_regions.csv",
    municipalities_csv: Path = DATA_DIR / "municipalities.csv",
    regions_geojson: Path | None = DATA_DIR / "labour_market_regions_2025.geojson",
    municipalities_geojson: Path | None = DATA_DIR / "municipalities_2025.geojson",
) -> LoadReport:
    """Load one year of the CBS classification. Idempotent: loading the same files again changes nothing.

    Regions and municipalities missing from a newer year are marked retired, never deleted, so
    initiatives and organisations that refer to them keep their history. Each municipality's region in
    this year is kept as a `RegionAssignment`; the assignments of earlier years stay as they were.
    """
    newest = LabourMarketRegion.objects.aggregate(year=Max("classification_year"))["year"]
    if newest and year < newest:
        raise OlderClassificationError(year=year, newest=newest)

    regions: dict[str, dict] = {}
    for line, row in _read_csv(regions_csv, ["region_code", "region_name"]):
        code, name = row["region_code"], row["region_name"]
        if not REGION_CODE.match(code):
            raise ReferenceDataError(f"{regions_csv}, line {line}: '{code}' is not a CBS region code (AMnn)")
        if not name:
            raise ReferenceDataError(f"{regions_csv}, line {line}: the region name is empty")
        if code in regions:
            raise ReferenceDataError(f"{regions_csv}, line {line}: region {code} appears twice")
        regions[code] = {"name": name}

    boundaries = _read_boundaries(regions_geojson)
    if boundaries:
        unknown = sorted(set(boundaries) - set(regions))
        if unknown:
            raise ReferenceDataError(f"{regions_geojson}: boundaries for unknown regions {', '.join(unknown)}")
        for code, values in regions.items():
            values["boundary"] = boundaries.get(code)

    municipalities: dict[str, dict] = {}
    for line, row in _read_csv(
        municipalities_csv, ["municipality_code", "municipality_name", "province", "region_code"]
    ):
        code = row["municipality_code"]
        if not MUNICIPALITY_CODE.match(code):
            raise ReferenceDataError(
                f"{municipalities_csv}, line {line}: '{code}' is not a CBS municipality code (GMnnnn)"
            )
        if row["region_code"] not in regions:
            raise ReferenceDataError(
                f"{municipalities_csv}, line {line}: region {row['region_code']} is not in {regions_csv.name}"
            )
        if not row["municipality_name"] or not row["province"]:
            raise ReferenceDataError(f"{municipalities_csv}, line {line}: name and province are required")
        if code in municipalities:
            raise ReferenceDataError(f"{municipalities_csv}, line {line}: municipality {code} appears twice")
        municipalities[code] = row

    municipality_boundaries = _read_boundaries(municipalities_geojson)
    unknown = sorted(set(municipality_boundaries) - set(municipalities))
    if unknown:
        raise ReferenceDataError(
            f"{municipalities_geojson}: boundaries for unknown municipalities {', '.join(unknown)}"
        )

    report = LoadReport(year=year)
    with transaction.atomic():
        taken = set(LabourMarketRegion.objects.values_list("slug", flat=True))
        region_objects = _sync(
            LabourMarketRegion,
            regions,
            year,
            report,
            extra_create=lambda region: setattr(region, "slug", _region_slug(region.name, region.code, taken)),
        )
        municipality_objects = _sync(
            Municipality,
            {
                code: {
                    "name": row["municipality_name"],
                    "province": row["province"],
                    "region": region_objects[row["region_code"]],
                    # Without a boundaries file, the outlines loaded before stay (like the regions').
                    **({"boundary": municipality_boundaries.get(code)} if municipality_boundaries else {}),
                }
                for code, row in municipalities.items()
            },
            year,
            report,
        )
        _assign(
            year,
            {municipality_objects[code]: region_objects[row["region_code"]] for code, row in municipalities.items()},
            report,
        )
    return report


def _assign(year: int, wanted: dict[Municipality, LabourMarketRegion], report: LoadReport) -> None:
    """Make the assignments of `year` exactly `wanted`; other years' assignments stay as they are."""
    existing = {a.municipality_id: a for a in RegionAssignment.objects.filter(year=year)}
    new, moved = [], []
    for municipality, region in wanted.items():
        assignment = existing.pop(municipality.pk, None)
        if assignment is None:
            new.append(RegionAssignment(year=year, municipality=municipality, region=region))
        elif assignment.region_id != region.pk:
            assignment.region = region
            moved.append(assignment)
            report.changes.append(f"RegionAssignment {year} {municipality.code}: region")
    RegionAssignment.objects.bulk_create(new)
    RegionAssignment.objects.bulk_update(moved, ["region"])
    RegionAssignment.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    report.assigned, report.unassigned = len(new) + len(moved), len(existing)


# Organisations and the people in them --------------------------------------------------------


def _membership_notify(
    recipients: Iterable, *, template: str, actor, organisation: Organisation, url: str, event: str, **context
) -> None:
    """Tell `recipients` about a request to join `organisation`, an invitation or an answer (the kind
    `membership`): on their notifications page, and by mail as their preferences ask."""
    notify(
        recipients=recipients,
        kind=NotificationKind.MEMBERSHIP,
        template=template,
        actor=actor,
        target=organisation,
        url=url,
        context={"organisation": {"name": organisation.name}, **context},
        event=event,
    )


def organisation_register(
    *,
    user: User,
    name: str,
    kind: str,
    municipality: Municipality | None = None,
    country: str = HOME_COUNTRY,
    place: str = "",
    website: str = "",
    contact_email: str = "",
    description: str = "",
    kvk_number: str = "",
) -> Organisation:
    """Register an organisation; the person registering becomes its first admin. It starts unverified.

    In the Netherlands it is located in a `municipality`; abroad (`country`) in a `place`, without one."""
    permission_require(user, "regions.register_organisation")
    with transaction.atomic():
        organisation = Organisation(
            name=name.strip(),
            slug=unique_slug(name, taken=Organisation.objects.all(), fallback="organisatie"),
            kind=kind,
            country=country,
            municipality=municipality,
            place=place,
            website=website,
            contact_email=contact_email,
            description=description,
            kvk_number=kvk_number,
        )
        organisation.full_clean()
        organisation.save()
        Membership.objects.create(
            user=user,
            organisation=organisation,
            role=Membership.Role.ADMIN,
            state=Membership.State.ACTIVE,
            approved_at=timezone.now(),
            approved_by=user,
            show_on_profile=True,
        )
    return organisation


def organisation_update(*, organisation: Organisation, user: User, **fields) -> Organisation:
    permission_require(user, "regions.edit_organisation", organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=list(fields))
    return organisation


def organisation_verify(*, organisation: Organisation, user: User) -> Organisation:
    """A coordinator of the organisation's region, or a moderator, vouches that it is real."""
    permission_require(user, "regions.verify_organisation", organisation)
    organisation.verified_at = timezone.now()
    organisation.verified_by = user
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


def membership_request(*, user: User, organisation: Organisation) -> Membership:
    permission_require(user, "regions.request_membership", organisation)
    with transaction.atomic():
        membership = Membership.objects.create(user=user, organisation=organisation)
        _membership_notify(
            [admin.user for admin in organisation.memberships.admins().select_related("user")],
            template="membership_requested",
            actor=user,
            organisation=organisation,
            url=reverse("regions:members", kwargs={"slug": organisation.slug}),
            event=f"membership_requested:{membership.pk}",
            person=str(user),
        )
    return membership


def membership_approve(*, membership: Membership, user: User) -> Membership:
    permission_require(user, "regions.manage_members", membership.organisation)
    if membership.user_id == user.pk:
        # Moderators manage the members of every organisation, but joining is for the organisation's admins.
        raise ValidationError(_("You cannot approve your own request: an admin of the organisation decides."))
    if membership.state != Membership.State.REQUESTED:
        raise ValidationError(_("This request has already been handled."))
    membership.state = Membership.State.ACTIVE
    membership.approved_at = timezone.now()
    membership.approved_by = user
    with transaction.atomic():
        membership.save(update_fields=["state", "approved_at", "approved_by"])
        _membership_notify(
            [membership.user],
            template="membership_approved",
            actor=user,
            organisation=membership.organisation,
            url=reverse("mine"),
            event=f"membership_approved:{membership.pk}",
        )
    return membership


def membership_decline(*, membership: Membership, user: User) -> None:
    permission_require(user, "regions.manage_members", membership.organisation)
    if membership.state != Membership.State.REQUESTED:
        raise ValidationError(_("This request has already been handled."))
    request = membership.pk
    with transaction.atomic():
        membership.delete()
        _membership_notify(
            [membership.user],
            template="membership_declined",
            actor=user,
            organisation=membership.organisation,
            url=membership.organisation.get_absolute_url(),
            event=f"membership_declined:{request}",
        )


def _lock_for_admin_change(membership: Membership, user: User, permission: str, obj) -> Membership:
    """Inside a transaction: lock the organisation's row, so that changes that may lower its number of admins
    (demoting, removing, leaving) happen one after another, then check `permission` on `obj` and return
    `membership` as it is now. Two admins demoting each other at the same moment: the second waits, sees the first's
    change, and is refused by the last-admin guard."""
    Organisation.objects.select_for_update().only("pk").get(pk=membership.organisation_id)
    permission_require(user, permission, obj)
    current = Membership.objects.filter(pk=membership.pk).first()
    if current is None:
        raise ValidationError(_("%(person)s is no longer a member.") % {"person": membership.user})
    return current


def _ensure_another_admin(membership: Membership) -> None:
    """Call with the organisation locked (_lock_for_admin_change): the count cannot change meanwhile."""
    if (
        membership.is_admin
        and not Membership.objects.admins()
        .filter(organisation=membership.organisation_id)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("%(organisation)s needs at least one admin: make someone else admin first."),
            params={"organisation": membership.organisation},
        )


def membership_change_role(*, membership: Membership, user: User, role: str) -> Membership:
    with transaction.atomic():
        current = _lock_for_admin_change(membership, user, "regions.manage_members", membership.organisation)
        if current.state != Membership.State.ACTIVE:
            raise ValidationError(_("Approve the request before giving this person a role."))
        if role == Membership.Role.ADMIN and current.user_id == user.pk and not current.is_admin:
            raise ValidationError(_("You cannot make yourself admin: an admin of the organisation decides."))
        if role == Membership.Role.MEMBER:
            _ensure_another_admin(current)
        current.role = role
        current.full_clean()
        current.save(update_fields=["role"])
    membership.role = current.role
    return current


def membership_remove(*, membership: Membership, user: User) -> None:
    with transaction.atomic():
        current = _lock_for_admin_change(membership, user, "regions.manage_members", membership.organisation)
        _ensure_another_admin(current)
        current.delete()


def membership_profile_visibility_set(*, organisation: Organisation, user: User, shown: bool) -> Membership:
    """A member chooses whether their name appears on the organisation's public page."""
    permission_require(user, "regions.choose_profile_visibility", organisation)
    membership = Membership.objects.active().get(user=user, organisation=organisation)
    membership.show_on_profile = shown
    membership.save(update_fields=["show_on_profile"])
    return membership


def membership_leave(*, membership: Membership, user: User, successor: Membership | None = None) -> None:
    """Leave an organisation. The last admin names a successor, who becomes admin in the same step."""
    with transaction.atomic():
        current = _lock_for_admin_change(membership, user, "regions.leave_membership", membership)
        if successor is not None:
            successor = Membership.objects.filter(pk=successor.pk).first()
            if (
                successor is None
                or successor.organisation_id != current.organisation_id
                or successor.state != Membership.State.ACTIVE
            ):
                raise ValidationError(_("The successor must be an approved member of the same organisation."))
            successor.role = Membership.Role.ADMIN
            successor.save(update_fields=["role"])
        _ensure_another_admin(current)
        current.delete()


def may_invite_from_outside(organisation: Organisation) -> bool:
    """Invitation mails carry names the organisation chose itself: only verified organisations send them.
    An unverified one still invites, but the invitation only shows on the invited person's overview once
    they sign in with that address (so it cannot be used to find out who has an account, either)."""
    return organisation.is_verified


def _invitation_rate_limit(organisation: Organisation, user: User) -> None:
    person_count, person_seconds = settings.INVITATION_RATE_LIMIT
    if not rate_limit_take(scope="invitation", key=user.pk, limit=settings.INVITATION_RATE_LIMIT):
        raise ValidationError(
            _("You can send at most %(count)d invitations in %(hours)d hours. Please try again later.")
            % {"count": person_count, "hours": person_seconds // 3600},
            code="rate_limited",
        )
    organisation_count, organisation_seconds = settings.INVITATION_ORGANISATION_RATE_LIMIT
    if not rate_limit_take(
        scope="invitation_organisation", key=organisation.pk, limit=settings.INVITATION_ORGANISATION_RATE_LIMIT
    ):
        raise ValidationError(
            _("%(organisation)s can send at most %(count)d invitations in %(hours)d hours. Please try again later.")
            % {"organisation": organisation.name, "count": organisation_count, "hours": organisation_seconds // 3600},
            code="rate_limited",
        )


def invitation_create(*, organisation: Organisation, user: User, email: str, role: str, language: str) -> Invitation:
    """Invite someone by email; `language` is used when the address has no account (yet).

    Only a verified organisation's invitation is mailed (may_invite_from_outside); every invitation counts
    against INVITATION_RATE_LIMIT (the person) and INVITATION_ORGANISATION_RATE_LIMIT (the organisation)."""
    permission_require(user, "regions.manage_members", organisation)
    email = email.strip()
    if email.lower() == user.email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists():
        raise ValidationError({"email": _("You cannot invite yourself.")})
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member or has asked to join.")})
    if organisation.invitations.filter(email__iexact=email, answered_at__isnull=True).exists():
        raise ValidationError({"email": _("This address has already been invited and has not answered yet.")})
    invitation = Invitation(
        organisation=organisation, email=email, role=role, token=secrets.token_urlsafe(32), invited_by=user
    )
    invitation.full_clean()
    _invitation_rate_limit(organisation, user)
    invitation.save()
    if not may_invite_from_outside(organisation):
        return invitation
    path = reverse("regions:invitation", kwargs={"token": invitation.token})
    invitee = get_user_model().objects.filter(email__iexact=email).first()
    if invitee is not None:
        _membership_notify(
            [invitee],
            template="invitation",
            actor=user,
            organisation=organisation,
            url=path,
            event=f"invitation:{invitation.pk}",
            inviter=str(user),
        )
    else:  # transactional: an address without an account has no notifications to read it in
        mail_send_transactional(
            to=email,
            language=language,
            template="invitation",
            context={"organisation": organisation, "inviter": user, "url": absolute_url(path)},
        )
    return invitation


def invitation_claim_create(*, organisation: Organisation, user: User, email: str, language: str) -> Invitation:
    """A region coordinator (or a moderator) invites someone by mail to claim an organisation without an admin:
    whoever accepts becomes its admin, and finds the partnership invitations waiting for it on their overview.
    Counts against the same rate limits as other invitations."""
    permission_require(user, "regions.invite_claimant", organisation)
    email = email.strip()
    if email.lower() == user.email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists():
        raise ValidationError({"email": _("You cannot invite yourself.")})
    if organisation.invitations.filter(email__iexact=email, answered_at__isnull=True).exists():
        raise ValidationError({"email": _("This address has already been invited and has not answered yet.")})
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=Membership.Role.ADMIN,
        token=secrets.token_urlsafe(32),
        invited_by=user,
        claim=True,
    )
    invitation.full_clean()
    _invitation_rate_limit(organisation, user)
    invitation.save()
    path = reverse("regions:invitation", kwargs={"token": invitation.token})
    invitee = get_user_model().objects.filter(email__iexact=email).first()
    if invitee is not None:
        _membership_notify(
            [invitee],
            template="invitation_claim",
            actor=user,
            organisation=organisation,
            url=path,
            event=f"invitation:{invitation.pk}",
            inviter=str(user),
        )
    else:  # transactional: an address without an account has no notifications to read it in
        mail_send_transactional(
            to=email,
            language=language,
            template="invitation_claim",
            context={"organisation": {"name": organisation.name}, "inviter": str(user), "url": absolute_url(path)},
        )
    return invitation


def _is_appointed_moderator(person: User | None) -> bool:
    """Still a moderator (or superuser), whatever session: `is_moderator` asks about the person acting now, in a
    session that passed the second factor, which the sender of an invitation accepted later is not."""
    if person is None or not person.is_active or not person.is_staff:
        return False
    return person.is_superuser or person.groups.filter(name=MODERATORS_GROUP).exists()


def _claim_still_holds(invitation: Invitation) -> None:
    """A claim holds while the organisation has no admin and the sender still coordinates its region (or
    moderates): it never takes an organisation from the people who manage it."""
    organisation = invitation.organisation
    if organisation.memberships.admins().filter(user__is_active=True).exists():
        raise ValidationError(
            _("%(organisation)s is managed by an admin already: ask them to add you as a member.")
            % {"organisation": organisation}
        )
    inviter = invitation.invited_by
    coordinates = (
        inviter is not None
        and organisation.municipality_id is not None
        and RegionCoordinator.objects.filter(user=inviter, region__municipalities=organisation.municipality_id).exists()
    )
    if not (coordinates or _is_appointed_moderator(inviter)):
        raise ValidationError(
            _(
                "This invitation no longer holds: the person who sent it no longer coordinates the region of "
                "%(organisation)s. Ask the region's coordinator for a new invitation."
            )
            % {"organisation": organisation}
        )


def _answer_invitation(invitation: Invitation, user: User) -> None:
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been answered."))
    permission_require(user, "regions.answer_invitation", invitation)


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Only the person with the invited, verified address can accept; a pending request is upgraded.

    An invitation holds only while the person who sent it still manages the organisation's members: one sent
    by an admin who has since left, been removed or been made a plain member lets nobody in."""
    _answer_invitation(invitation, user)
    inviter = invitation.invited_by
    if invitation.claim:
        _claim_still_holds(invitation)  # said early and plainly; checked again under the lock below
    elif inviter is None or not (
        is_org_admin.test(inviter, invitation.organisation) or _is_appointed_moderator(inviter)
    ):
        raise ValidationError(
            _(
                "This invitation no longer holds: the person who sent it no longer manages the members of "
                "%(organisation)s. Ask one of its admins for a new invitation."
            )
            % {"organisation": invitation.organisation}
        )
    with transaction.atomic():
        if invitation.claim:
            # Two claims accepted at once: the second one waits for the first and then finds an admin.
            Organisation.objects.select_for_update().get(pk=invitation.organisation_id)
            invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
            if not invitation.is_open:
                raise ValidationError(_("This invitation has already been answered."))
            _claim_still_holds(invitation)
        invitation.answered_at = timezone.now()
        invitation.accepted = True
        invitation.save(update_fields=["answered_at", "accepted"])
        membership, _created = Membership.objects.update_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={
                "state": Membership.State.ACTIVE,
                "approved_at": timezone.now(),
                "approved_by": invitation.invited_by,
            },
        )
        if invitation.role == Membership.Role.ADMIN and membership.role != Membership.Role.ADMIN:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
    return membership


def invitation_decline(*, invitation: Invitation, user: User) -> None:
    _answer_invitation(invitation, user)
    invitation.answered_at = timezone.now()
    invitation.accepted = False
    invitation.save(update_fields=["answered_at", "accepted"])


def coordinator_appoint(*, region: LabourMarketRegion, person: User, appointed_by: User) -> RegionCoordinator:
    """Moderators appoint region coordinators (through the admin panel)."""
    permission_require(appointed_by, "regions.appoint_coordinator", person)
    coordinator = RegionCoordinator(user=person, region=region, appointed_by=appointed_by)
    coordinator.full_clean()
    coordinator.save()
    return coordinator


def coordinator_dismiss(*, coordinator: RegionCoordinator, user: User) -> None:
    """Moderators end a coordinator's appointment (through the admin panel), under the rule that appoints."""
    permission_require(user, "regions.appoint_coordinator", coordinator.user)
    coordinator.delete()


def person_suspend(*, person: User, user: User, reason: str) -> Suspension:
    """Suspend `person`: they are signed out and cannot sign in, and what they wrote is hidden until the
    suspension is lifted. They are told why by mail, in their language."""
    permission_require(user, "regions.suspend_person", person)
    suspension = Suspension(person=person, reason=reason.strip(), suspended_by=user)
    suspension.full_clean(validate_constraints=False)
    with transaction.atomic():
        if Suspension.objects.current().select_for_update().filter(person=person).exists():
            raise ValidationError(_("%(person)s is suspended already.") % {"person": person})
        suspension.save()
        person.is_active = False
        person.save(update_fields=["is_active"])
        # transactional: the person can no longer sign in to read a notification, and must hear of it
        mail_send_transactional(
            to=person.email,
            language=person.language,
            template="person_suspended",
            context={"person": person, "reason": suspension.reason},
        )
    return suspension


def suspension_lift(*, suspension: Suspension, user: User) -> Suspension:
    """Lift a suspension: the person can sign in again and what they wrote shows again."""
    permission_require(user, "regions.suspend_person", suspension.person)
    if not suspension.is_current:
        raise ValidationError(_("This suspension has been lifted already."))
    with transaction.atomic():
        suspension.lifted_at = timezone.now()
        suspension.lifted_by = user
        suspension.save(update_fields=["lifted_at", "lifted_by"])
        person = suspension.person
        person.is_active = True
        person.save(update_fields=["is_active"])
        notify(
            recipients=[person],
            kind=NotificationKind.MODERATION,
            template="person_suspension_lifted",
            actor=user,
            target=suspension,
            url=reverse("account_login"),
            context={},
        )
    return suspension


def contact_message_send(
    *,
    sender: User,
    target: models.Model,
    recipients: ContactRecipients,
    subject: str,
    text: str,
) -> ContactMessage:
    """Relay a message from `sender` about `target` (an organisation or an initiative, whose page it was sent
    through) to `recipients`, by mail, each in their language, with a Reply-To of the sender. Nobody's address is
    shown to anyone; a reply from the mail shows the recipient's to the sender, which is theirs to decide.

    Refused (ValidationError) when nobody can receive it, and beyond the limits: CONTACT_TARGET_LIMIT messages
    about the same target (counted from the records, so they hold whatever happens to the cache) and
    CONTACT_RATE_LIMIT in all (counted in the cache). Callers check their own permission on the target first.
    """
    permission_require(sender, "regions.send_contact_message")
    people = recipients.without(sender)
    if recipients.route is None or not people:
        raise ValidationError(_("Nobody can receive messages through this page yet."), code="no_recipient")
    target_type = ContentType.objects.get_for_model(target)
    count, seconds = settings.CONTACT_TARGET_LIMIT
    recent = ContactMessage.objects.filter(
        sender=sender,
        target_type=target_type,
        target_id=target.pk,
        sent_at__gte=timezone.now() - timedelta(seconds=seconds),
    )
    if recent.count() >= count:
        raise ValidationError(
            _("You can send at most %(count)d messages about %(name)s in %(hours)d hours. Please try again later.")
            % {"count": count, "name": str(target), "hours": seconds // 3600},
            code="rate_limited",
        )
    count, seconds = settings.CONTACT_RATE_LIMIT
    if not rate_limit_take(scope="contact", key=sender.pk, limit=settings.CONTACT_RATE_LIMIT):
        raise ValidationError(
            _("You can send at most %(count)d messages in %(hours)d hours. Please try again later.")
            % {"count": count, "hours": max(1, seconds // 3600)},
            code="rate_limited",
        )
    with transaction.atomic():
        message = ContactMessage(
            sender=sender,
            target_type=target_type,
            target_id=target.pk,
            target_name=str(target)[:300],
            page=target.get_absolute_url(),
            route=recipients.route,
            subject=" ".join(subject.split()),
            text=text.strip(),
        )
        message.full_clean()
        message.save()
        message.recipients.set(people)
    organisations = list(
        Organisation.objects.filter(memberships__in=Membership.objects.active().filter(user=sender))
        .order_by("name")
        .values_list("name", flat=True)[:3]
    )
    context = {
        "sender": str(sender),
        "sender_organisations": organisations,
        "target": message.target_name,
        "page_url": absolute_url(message.page),
        "route": message.route,
        "about_organisation": isinstance(target, Organisation),
        "organisation": recipients.organisation.name if recipients.organisation else "",
        "region": recipients.region.name if recipients.region else "",
        "subject": message.subject,
        "text": message.text,
        "report_url": absolute_url(reverse("regions:contact_report", kwargs={"pk": message.pk})),
    }
    for person in people:
        mail_send_relayed(
            to=person.email,
            language=person.language,
            template="contact_message",
            context={**context, "recipient": str(person)},
            reply_to=sender.email,
        )
    return message


def organisation_contact(*, sender: User, organisation: Organisation, subject: str, text: str) -> ContactMessage:
    """A message to the organisation's admins (or, without any, its region's coordinators) through its page."""
    permission_require(sender, "regions.contact_organisation", organisation)
    return contact_message_send(
        sender=sender,
        target=organisation,
        recipients=organisation_contact_recipients(organisation),
        subject=subject,
        text=text,
    )


def contact_message_report(*, message: ContactMessage, user: User) -> ContactMessage:
    """A recipient reports the message as abuse: moderators find it in the admin panel (Contact messages,
    reported), with its text, and can suspend the sender there. The first report stays."""
    permission_require(user, "regions.report_contact_message", message)
    if message.reported_at is None:
        message.reported_at = timezone.now()
        message.reported_by = user
        message.save(update_fields=["reported_at", "reported_by"])
    return message
